import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/shared/ipc/contract';
import { formatDateTime } from '../../app/format';

const itemSx = { display: 'inline-flex', alignItems: 'center', gap: 0.75, whiteSpace: 'nowrap' } as const;

/** The status bar's sync part: online or not, last sync, the queue, and the Needs attention count. */
export function SyncIndicator({ status, onOpenAttention }: { status: SyncStatus; onOpenAttention: () => void }) {
  const { t } = useTranslation();
  const state = !status.online
    ? t('sync.offline')
    : status.activity === 'pulling'
      ? t('sync.pulling')
      : status.activity === 'pushing'
        ? t('sync.pushing')
        : status.lastSyncAt
          ? t('sync.onlineAt', { time: formatDateTime(status.lastSyncAt) })
          : t('sync.never');
  return (
    <>
      <Tooltip title={status.lastError ? t('sync.lastError', { message: status.lastError }) : ''}>
        <Box component="span" sx={itemSx} aria-live="polite" data-testid="sync-state">
          <Box component="span" aria-hidden sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: status.online ? 'success.main' : 'warning.main' }} />
          {state}
        </Box>
      </Tooltip>
      {status.queueDepth > 0 && (
        <Tooltip title={status.oldestPendingAt ? t('sync.oldest', { time: formatDateTime(status.oldestPendingAt) }) : ''}>
          <Box component="span" sx={{ ...itemSx, color: 'pending' }} data-testid="sync-queue">
            {t('sync.queue', { count: status.queueDepth })}
          </Box>
        </Tooltip>
      )}
      {status.needsAttention > 0 && (
        <ButtonBase
          onClick={onOpenAttention}
          data-testid="sync-attention"
          sx={{ ...itemSx, color: 'error.main', fontWeight: 600, fontSize: 'inherit', px: 0.5, borderRadius: 1 }}
        >
          {t('sync.attention', { count: status.needsAttention })}
        </ButtonBase>
      )}
    </>
  );
}
