import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../electron/shared/ipc/contract';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { formatDateTime } from './format';
import {
  coreStateKey,
  coreTone,
  problemKey,
  serverKey,
  serverTone,
  type StatusTone,
} from './statusText';
import { useCoreStatus } from './useCoreStatus';

const toneColor: Record<StatusTone, string> = {
  ok: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
  pending: 'pending',
};

function Dot({ tone }: { tone: StatusTone }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: toneColor[tone], flexShrink: 0 }}
    />
  );
}

const itemSx = { display: 'inline-flex', alignItems: 'center', gap: 0.75, whiteSpace: 'nowrap' } as const;
const separatorSx = { width: '1px', alignSelf: 'stretch', my: 0.75, bgcolor: 'divider' } as const;

/** The always-visible bottom bar: core, server and sync state, app version, and connection problems. */
export function StatusBar({ sync = null, onOpenAttention = () => undefined }: { sync?: SyncStatus | null; onOpenAttention?: () => void }) {
  const { t } = useTranslation();
  const state = useCoreStatus();
  const server = state.status?.server;
  const problem = problemKey(state);

  const serverDetails = server
    ? [
        t('status.serverAddress', { url: server.url }),
        server.version ? t('status.serverVersion', { version: server.version }) : null,
        server.checkedAt ? t('status.serverCheckedAt', { time: formatDateTime(server.checkedAt) }) : null,
      ]
        .filter((line) => line !== null)
        .join(' · ')
    : '';

  const runtime = state.info
    ? t(state.info.runtime === 'electron' ? 'status.runtimeElectron' : 'status.runtimeBrowser')
    : '';

  return (
    <Box
      component="footer"
      aria-label={t('status.barLabel')}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1.5,
        height: 28,
        px: 1.5,
        flexShrink: 0,
        fontSize: 12,
        color: 'text.secondary',
        bgcolor: 'shell.statusBar',
        borderTop: 1,
        borderColor: 'divider',
      }}
    >
      <Box component="span" sx={itemSx} aria-live="polite">
        <Dot tone={coreTone(state)} />
        <span data-testid="status-core">{t(coreStateKey(state))}</span>
      </Box>
      <Box component="span" sx={separatorSx} />
      <Tooltip title={serverDetails}>
        <Box component="span" sx={itemSx} aria-live="polite">
          <Dot tone={serverTone(state)} />
          <span data-testid="status-server">{t(serverKey(state), { db: server?.db ?? '' })}</span>
        </Box>
      </Tooltip>
      {sync && (
        <>
          <Box component="span" sx={separatorSx} />
          <SyncIndicator status={sync} onOpenAttention={onOpenAttention} />
        </>
      )}
      {problem && (
        <>
          <Box component="span" sx={separatorSx} />
          <Tooltip title={state.error ? `${state.error.code}: ${state.error.message}` : ''}>
            <Box
              component="span"
              role="alert"
              data-testid="status-error"
              sx={{ color: 'error.main', fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            >
              {t(problem, { code: state.error?.code ?? '' })}
            </Box>
          </Tooltip>
        </>
      )}
      <Box sx={{ flexGrow: 1 }} />
      <Tooltip title={runtime}>
        <span data-testid="status-version">
          {state.info ? t('status.version', { name: state.info.name, version: state.info.version }) : t('app.name')}
        </span>
      </Tooltip>
    </Box>
  );
}
