import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/shared/ipc/contract';
import { formatCount } from '../../app/format';

/**
 * Above every page: the offline banner (work goes on from the cache) and, while a snapshot is
 * being fetched, its progress in rows.
 */
export function SyncBanners({ status, onRetry }: { status: SyncStatus; onRetry: () => void }) {
  const { t } = useTranslation();
  const snapshot = status.snapshot;
  return (
    <>
      {!status.online && (
        <Alert
          severity="warning"
          variant="filled"
          square
          data-testid="offline-banner"
          action={
            <Button color="inherit" size="small" onClick={onRetry}>
              {t('sync.retryNow')}
            </Button>
          }
        >
          {t('sync.offlineBanner')}
        </Alert>
      )}
      {snapshot !== null && (
        <Box sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="snapshot-progress">
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {t('sync.snapshotTitle')}: {t('sync.snapshotProgress', { done: formatCount(snapshot.done), total: formatCount(snapshot.total) })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={snapshot.total === 0 ? 0 : Math.min(100, (snapshot.done / snapshot.total) * 100)}
            aria-label={t('sync.snapshotTitle')}
          />
        </Box>
      )}
    </>
  );
}
