import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { osloDate } from '../../../electron/shared/domain/calendar';
import type { MigrationState } from '../../../electron/shared/domain/migration';
import type { StaffRole } from '../../../electron/shared/protocol/auth';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import { formatDate } from '../../app/format';
import { createPanelFlow, type PanelFlow } from './migrationActions';
import { MigrationDialog } from './MigrationDialog';
import { MigrationHistory } from './MigrationHistory';
import { visibleActions } from './migrationModel';

/** Props of the migration panel on the customer page. */
export interface MigrationPanelProps {
  customer: CustomerDetail['customer'];
  history: CustomerDetail['migrationHistory'];
  staff: { id: string; role: StaffRole; branchId: string | null };
  /** Today in Oslo, `YYYY-MM-DD`; the clock's by default (tests fix it). */
  today?: string;
  /** Queues through the bridge by default (tests pass their own flow). */
  flow?: PanelFlow;
  /** Render dialogs in place (markup tests). */
  disablePortal?: boolean;
}

/** Chip colours per state: moved is good news, stuck-prone states are neutral, the exception stands out. */
const stateColor: Record<MigrationState, 'default' | 'primary' | 'success' | 'warning' | 'info'> = {
  not_started: 'default',
  switched_on: 'primary',
  form_submitted: 'info',
  activated: 'success',
  deferred: 'default',
  interest_registered: 'info',
  old_shop_reactivated: 'warning',
};

/**
 * The customer's move to the new webshop: state, deferral, old-shop access, the actions that
 * make sense now and that this staff member may take, and the history. Every action is a queued
 * `customer.setMigration`: the core applies it at once and the page's live read shows the result.
 */
export function MigrationPanel({ customer, history, staff, today, flow: givenFlow, disablePortal }: MigrationPanelProps) {
  const { t } = useTranslation();
  const customerId = customer.id;
  const flow = useMemo(() => givenFlow ?? createPanelFlow({ customerId, today: () => today ?? osloDate(new Date()) }), [givenFlow, customerId, today]);
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState);
  const actions = visibleActions(customer, staff);
  const busy = state.sending !== null;

  return (
    <Paper component="section" variant="outlined" aria-labelledby="migration-panel-title" data-testid="migration-panel" sx={{ p: 2 }}>
      <Typography id="migration-panel-title" variant="subtitle2" component="h2" sx={{ mb: 1.5 }}>
        {t('migration.panel.title')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1, alignItems: 'center', m: 0, mb: 2, '& dd': { m: 0 } }}>
        <Typography component="dt" variant="body2" color="text.secondary">
          {t('migration.panel.state')}
        </Typography>
        <Box component="dd" sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Chip label={t(`migration.states.${customer.migrationState}`)} color={stateColor[customer.migrationState]} data-testid="migration-state" data-state={customer.migrationState} />
          {customer.migrationState === 'deferred' && customer.migrationDeferredUntil !== null && (
            <Typography variant="body2" component="span" data-testid="migration-deferred-until">
              {t('migration.panel.deferredUntil', { date: formatDate(customer.migrationDeferredUntil) })}
            </Typography>
          )}
          {customer.pending && <Chip variant="outlined" label={t('migration.panel.pending')} sx={{ color: 'pending', borderColor: 'pending' }} data-testid="migration-pending" />}
        </Box>
        <Typography component="dt" variant="body2" color="text.secondary">
          {t('migration.panel.oldShopAccess')}
        </Typography>
        <Typography component="dd" variant="body2" data-testid="old-shop-access" data-access={customer.oldShopAccess ? 'true' : 'false'} sx={{ fontWeight: 600 }}>
          {customer.oldShopAccess ? t('migration.panel.yes') : t('migration.panel.no')}
        </Typography>
      </Box>

      <Box role="group" aria-label={t('migration.panel.actionsLabel')} data-testid="migration-actions" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        {actions.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="migration-no-actions">
            {t('migration.panel.noActions')}
          </Typography>
        ) : (
          actions.map((action) => (
            <Button
              key={action}
              variant={action === 'switchOn' ? 'contained' : 'outlined'}
              color={action === 'switchOff' ? 'error' : 'primary'}
              disabled={busy}
              onClick={() => void flow.press(action)}
              data-testid={`migration-action-${action}`}
            >
              {state.sending === action ? t('migration.panel.sending') : t(`migration.actions.${action}`)}
            </Button>
          ))
        )}
      </Box>

      {state.error !== null && state.dialog === null && (
        <Alert severity="error" role="alert" onClose={() => flow.dismiss()} sx={{ mb: 2 }} data-testid="migration-error" data-code={state.error.code}>
          {state.error.message || t('migration.panel.failed', { code: state.error.code })}
        </Alert>
      )}

      <MigrationHistory history={history} />

      {state.dialog !== null && (
        <MigrationDialog
          key={state.dialog}
          kind={state.dialog}
          today={today ?? osloDate(new Date())}
          errors={state.dialogErrors}
          refusal={state.error === null ? null : state.error.message || t('migration.panel.failed', { code: state.error.code })}
          sending={busy}
          onCancel={() => flow.cancel()}
          onSubmit={(values) => void (state.dialog === 'switchOff' ? flow.confirm() : flow.submitDialog(values))}
          disablePortal={disablePortal}
        />
      )}

      {state.done !== null && (
        <Snackbar open autoHideDuration={4000} onClose={(_event, reason) => {
            if (reason !== 'clickaway') flow.dismiss();
          }} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
          <Alert severity="success" variant="filled" onClose={() => flow.dismiss()} data-testid="migration-toast">
            {t(`migration.done.${state.done}`)}
          </Alert>
        </Snackbar>
      )}
    </Paper>
  );
}
