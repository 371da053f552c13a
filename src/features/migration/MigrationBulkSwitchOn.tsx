import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ColDef, GetRowIdParams, GridApi, ProcessRowParams, RowSelectionOptions, ValueFormatterParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { appGridTheme } from '../../app/gridTheme';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { mayActOnMigration, SWITCHABLE_STATES } from '../../../electron/shared/domain/migration';
import type { MigrationCustomerRow } from '../../../electron/shared/ipc/customers';
import { formatCount, formatDate } from '../../app/format';
import { useCoreRead } from '../../app/useCoreRead';
import { createBulkFlow, type BulkCustomer, type BulkFlow, type BulkState } from './migrationActions';
import { migrationTables, type MigrationStaff } from './migrationModel';
import { stateText } from './migrationText';

const defaultColDef: ColDef<MigrationCustomerRow> = { sortable: true, resizable: true, suppressHeaderMenuButton: true };

function getRowId(params: GetRowIdParams<MigrationCustomerRow>): string {
  return params.data.customerId;
}

// Browser tests find a row by its customer number (kept for the row's life).
function processRowPostCreate(params: ProcessRowParams<MigrationCustomerRow>): void {
  if (params.node.data) params.eRow.dataset.testid = `migration-bulk-row-${params.node.data.customerNumber}`;
}

function bulkColumns(t: TFunction): ColDef<MigrationCustomerRow>[] {
  const date = (params: ValueFormatterParams<MigrationCustomerRow, string | null>): string => (params.value ? formatDate(params.value) : '');
  return [
    { colId: 'customerNumber', field: 'customerNumber', headerName: t('migration.bulk.columns.customerNumber'), width: 120 },
    { colId: 'name', field: 'name', headerName: t('migration.bulk.columns.name'), flex: 2, minWidth: 180 },
    { colId: 'branch', field: 'branchName', headerName: t('migration.bulk.columns.branch'), flex: 1, minWidth: 120 },
    {
      colId: 'state',
      field: 'state',
      headerName: t('migration.bulk.columns.state'),
      width: 170,
      valueFormatter: (params: ValueFormatterParams<MigrationCustomerRow, MigrationCustomerRow['state']>) => (params.value ? stateText(params.value, t) : ''),
      // The search matches the words shown ("utsatt"), not the state's code.
      getQuickFilterText: (params) => (params.data ? stateText(params.data.state, t) : ''),
    },
    { colId: 'since', field: 'since', headerName: t('migration.bulk.columns.since'), width: 120, valueFormatter: date, getQuickFilterText: () => '' },
    { colId: 'deferredUntil', field: 'deferredUntil', headerName: t('migration.bulk.columns.deferredUntil'), width: 120, valueFormatter: date, getQuickFilterText: () => '' },
  ];
}

/** How many names the confirmation lists before "… og N til". */
export const CONFIRM_NAMES = 5;

/** The confirmation before a bulk switch-on: how many, the first few names, and that it cannot be undone in one go. */
export function BulkConfirmDialog({ customers, onCancel, onConfirm, disablePortal = false }: { customers: readonly BulkCustomer[]; onCancel: () => void; onConfirm: () => void; disablePortal?: boolean }) {
  const { t } = useTranslation();
  const shown = customers.slice(0, CONFIRM_NAMES);
  return (
    <Dialog open onClose={onCancel} aria-labelledby="migration-bulk-title" maxWidth="sm" fullWidth disablePortal={disablePortal} data-testid="migration-bulk-dialog" data-count={customers.length}>
      <DialogTitle id="migration-bulk-title">{t('migration.bulk.confirmTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('migration.bulk.confirmLead', { count: customers.length })}</DialogContentText>
        <Box component="ul" sx={{ my: 1.5, pl: 3 }} data-testid="migration-bulk-names">
          {shown.map((customer) => (
            <li key={customer.customerId}>
              {customer.customerNumber} {customer.name}
            </li>
          ))}
          {customers.length > shown.length && <li>{t('migration.bulk.andMore', { count: customers.length - shown.length })}</li>}
        </Box>
        <Alert severity="warning" data-testid="migration-bulk-no-undo">
          {t('migration.bulk.noUndo')}
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('migration.bulk.cancel')}</Button>
        <Button variant="contained" autoFocus onClick={onConfirm} data-testid="migration-bulk-confirm">
          {t('migration.bulk.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The bulk flow's progress or result, in words. */
export function BulkStatus({ state, onDismiss }: { state: BulkState; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (state.phase === 'running') {
    return (
      <Box data-testid="migration-bulk-progress" data-done={state.done} data-total={state.total} sx={{ my: 1 }}>
        <Typography variant="body2" sx={{ mb: 0.5 }}>
          {t('migration.bulk.progress', { done: formatCount(state.done), total: formatCount(state.total) })}
        </Typography>
        <LinearProgress variant="determinate" value={state.total === 0 ? 0 : (state.done / state.total) * 100} />
      </Box>
    );
  }
  if (state.phase !== 'done') return null;
  const text =
    state.failure !== null
      ? t('migration.bulk.failed', { ok: formatCount(state.ok), total: formatCount(state.total), reason: state.failure })
      : state.refused === 0
        ? t('migration.bulk.resultAllOk', { ok: formatCount(state.ok) })
        : t('migration.bulk.result', { ok: formatCount(state.ok), refused: formatCount(state.refused), reason: state.firstReason ?? '' });
  const severity = state.failure !== null ? 'error' : state.refused === 0 ? 'success' : 'warning';
  return (
    <Alert severity={severity} onClose={onDismiss} sx={{ my: 1 }} data-testid="migration-bulk-result" data-ok={state.ok} data-refused={state.refused}>
      {text}
    </Alert>
  );
}

/** The selected rows the filter still shows: what the button acts on. */
function selectedShown(api: GridApi<MigrationCustomerRow>): MigrationCustomerRow[] {
  const rows: MigrationCustomerRow[] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (node.isSelected() && node.data) rows.push(node.data);
  });
  return rows;
}

/**
 * Bulk switch-on: the customers that can be switched on (not started, deferred, interest
 * registered), a search, checkboxes (the header's selects the filtered rows), and a button that
 * confirms first and then queues one switchOn per customer with progress and a result.
 */
export function MigrationBulkSwitchOn({ staff, branchId, flow: givenFlow }: { staff: MigrationStaff; branchId: string | null; flow?: BulkFlow }) {
  const { t, i18n } = useTranslation();
  const flow = useMemo(() => givenFlow ?? createBulkFlow(), [givenFlow]);
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState);
  const input = useMemo(() => ({ states: [...SWITCHABLE_STATES], branchId, query: '' }), [branchId]);
  const read = useCoreRead('migration.customers', input, migrationTables);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<MigrationCustomerRow[]>([]);
  const apiRef = useRef<GridApi<MigrationCustomerRow> | null>(null);
  const columnDefs = useMemo(() => bulkColumns(t), [t]);
  const localeText = useMemo(() => ({ noRowsToShow: t('migration.bulk.noRows'), loadingOoo: t('migration.bulk.loading') }), [t]);
  const rowSelection = useMemo<RowSelectionOptions<MigrationCustomerRow>>(
    () => ({
      mode: 'multiRow',
      checkboxes: true,
      headerCheckbox: true,
      selectAll: 'filtered',
      isRowSelectable: (node) => node.data !== undefined && mayActOnMigration(staff, 'switchOn', { branch_id: node.data.branchId, consultant_id: null }),
    }),
    [staff],
  );
  const recount = useCallback(() => {
    if (apiRef.current) setSelected(selectedShown(apiRef.current));
  }, []);

  // After a run the switched-on customers leave the list; the refused ones are not kept selected.
  const phase = state.phase;
  useEffect(() => {
    if (phase === 'done' && apiRef.current) {
      apiRef.current.deselectAll();
      setSelected([]);
    }
  }, [phase]);

  const rows = read.value?.rows;
  const running = phase === 'running';
  return (
    <Box component="section" aria-labelledby="migration-bulk-heading">
      <Typography id="migration-bulk-heading" variant="subtitle2" component="h2">
        {t('migration.bulk.title')}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {t('migration.bulk.lead')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <TextField
          size="small"
          type="search"
          label={t('migration.bulk.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'migration-bulk-search' } }}
          sx={{ width: 240 }}
        />
        <Box sx={{ flex: 1 }} />
        <Button variant="contained" disabled={selected.length === 0 || running} onClick={() => flow.request(selected)} data-testid="migration-bulk-switch-on" data-count={selected.length}>
          {t('migration.bulk.button', { count: selected.length })}
        </Button>
      </Box>
      <BulkStatus state={state} onDismiss={() => flow.dismiss()} />
      {read.value === null && (
        <Typography variant="body2" color="text.secondary">
          {t('migration.overview.loading')}
        </Typography>
      )}
      <Box data-testid="migration-bulk-grid" role="region" aria-label={t('migration.bulk.gridLabel')} sx={{ height: 420 }}>
        <AgGridReact<MigrationCustomerRow>
          key={i18n.language}
          theme={appGridTheme}
          rowData={rows}
          loading={read.value === undefined}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          processRowPostCreate={processRowPostCreate}
          rowSelection={rowSelection}
          quickFilterText={search}
          localeText={localeText}
          animateRows={false}
          onGridReady={(event) => {
            apiRef.current = event.api;
          }}
          onSelectionChanged={recount}
          onFilterChanged={recount}
          onRowDataUpdated={recount}
        />
      </Box>
      {state.phase === 'confirming' && <BulkConfirmDialog customers={state.customers} onCancel={() => flow.cancel()} onConfirm={() => void flow.confirm()} />}
    </Box>
  );
}
