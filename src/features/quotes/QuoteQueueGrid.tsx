import Box from '@mui/material/Box';
import type { CellKeyDownEvent, ColDef, GetRowIdParams, GridApi, ProcessRowParams, RowClassRules, RowSelectionOptions } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { appGridTheme } from '../../app/gridTheme';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteQueueRow } from '../../../electron/shared/ipc/quotes';
import { quoteColumns, type QueueGridContext } from './quoteColumns';
import { rowKeyAction } from './queueKeys';
import { rowDelta, rowsById } from './rowReuse';
import type { QueueSort } from './savedViews';
import { SLA_TICK_MS } from './sla';

// Grid options are module constants: a new object on each render makes AG Grid rebuild its
// columns and re-sort all rows.
const defaultColDef: ColDef<QuoteQueueRow> = { sortable: true, resizable: true, suppressHeaderMenuButton: true };
const rowSelection: RowSelectionOptions<QuoteQueueRow> = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

const rowClassRules: RowClassRules<QuoteQueueRow> = {
  'quote-row-pending': (params) => params.data?.pending === true,
  'quote-row-unread': (params) => (params.data?.unreadComments ?? 0) > 0,
};

function getRowId(params: GetRowIdParams<QuoteQueueRow>): string {
  return params.data.id;
}

// Browser tests find a row by its quote number; the row element is the grid's, so the test id
// is set on it once when it is created (a row keeps its quote number for life).
function processRowPostCreate(params: ProcessRowParams<QuoteQueueRow>): void {
  if (params.node.data) params.eRow.dataset.testid = `quote-row-${params.node.data.quoteNumber}`;
}

/** Props of the queue grid. */
export interface QuoteQueueGridProps {
  rows: QuoteQueueRow[] | undefined;
  /** Changes when the rows are a different set (another filter): the grid then starts over instead of applying a delta. */
  rowsKey: string;
  loading: boolean;
  /** The sort to show; the grid reports a user's change through `onSortChange`. */
  sort: QueueSort[];
  onSortChange: (sort: QueueSort[]) => void;
  onSelect: (row: QuoteQueueRow) => void;
  onOpen: (row: QuoteQueueRow) => void;
  onClaim: (row: QuoteQueueRow) => void;
  onReady?: (api: GridApi<QuoteQueueRow>) => void;
  /** The editor is open beside the grid: show only the columns needed to pick the next quote. */
  compact?: boolean;
  /** Shows only rows with this text in a visible column (AG Grid's quick filter). */
  quickFilterText?: string;
  /** How many rows the grid shows after the quick filter, whenever that may have changed. */
  onShownCount?: (count: number) => void;
}

/** Columns hidden in the compact (split) layout; number, customer, tier, due time, status and flags stay. */
export const compactHiddenColumns = ['customerNumber', 'lines', 'listValue', 'requestedAt', 'assignee'];

function sortOf(api: GridApi<QuoteQueueRow>): QueueSort[] {
  return api
    .getColumnState()
    .filter((column): column is typeof column & { sort: 'asc' | 'desc' } => column.sort === 'asc' || column.sort === 'desc')
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((column) => ({ colId: column.colId, sort: column.sort }));
}

function applySort(api: GridApi<QuoteQueueRow>, sort: readonly QueueSort[]): void {
  api.applyColumnState({ state: sort.map((entry, sortIndex) => ({ ...entry, sortIndex })), defaultState: { sort: null } });
}

/**
 * The queue as an AG Grid on the client-side row model: rows keyed by quote id, so a refreshed
 * answer is applied as a delta (scroll position, focus and selection stay), formatters instead of
 * components in most cells, and a 30-second tick that refreshes only the SLA cells on screen.
 */
export function QuoteQueueGrid({ rows, rowsKey, loading, sort, onSortChange, onSelect, onOpen, onClaim, onReady, compact = false, quickFilterText, onShownCount }: QuoteQueueGridProps) {
  const { t, i18n } = useTranslation();
  const apiRef = useRef<GridApi<QuoteQueueRow> | null>(null);
  const gridContext = useRef<QueueGridContext>({ now: Date.now(), t });
  gridContext.current.t = t;
  const columnDefs = useMemo(() => quoteColumns(t), [t]);
  const handlers = useRef({ onSortChange, onSelect, onOpen, onClaim });
  handlers.current = { onSortChange, onSelect, onOpen, onClaim };
  const sortKey = JSON.stringify(sort);

  useEffect(() => {
    const timer = setInterval(() => {
      gridContext.current.now = Date.now();
      apiRef.current?.refreshCells({ columns: ['sla'], force: true });
    }, SLA_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const api = apiRef.current;
    if (api && JSON.stringify(sortOf(api)) !== sortKey) applySort(api, JSON.parse(sortKey) as QueueSort[]);
  }, [sortKey]);

  // Rows go in as transactions so a refresh re-sorts and redraws only the rows that changed
  // (with `deltaSort`); a new filter replaces them all and starts at the top.
  const applied = useRef<{ key: string; byId: Map<string, QuoteQueueRow> } | null>(null);
  const latestRows = useRef({ rows, rowsKey });
  latestRows.current = { rows, rowsKey };
  const pushRows = useCallback((api: GridApi<QuoteQueueRow>) => {
    const { rows: next, rowsKey: key } = latestRows.current;
    if (!next) return;
    const previous = applied.current;
    if (previous === null || previous.key !== key) {
      api.setGridOption('rowData', next);
    } else {
      const delta = rowDelta(previous.byId, next);
      if (delta.add.length + delta.update.length + delta.remove.length > 0) api.applyTransaction(delta);
    }
    applied.current = { key, byId: rowsById(next) };
  }, []);
  useEffect(() => {
    if (apiRef.current) pushRows(apiRef.current);
  }, [rows, rowsKey, pushRows]);

  const compactRef = useRef(compact);
  compactRef.current = compact;
  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    const focused = api.getFocusedCell();
    api.setColumnsVisible(compactHiddenColumns, !compact);
    // A row clicked in a column the split hides would lose the keyboard focus with its cell:
    // keep it on the same row, so T and Enter still act on it.
    if (compact && focused && compactHiddenColumns.includes(focused.column.getColId())) api.setFocusedCell(focused.rowIndex, 'customer');
  }, [compact]);

  const localeText = useMemo(() => ({ noRowsToShow: t('quotes.noRows'), loadingOoo: t('quotes.noData') }), [t]);

  return (
    <Box
      data-testid="quote-queue"
      aria-label={t('quotes.queueLabel')}
      role="region"
      sx={{
        flex: 1,
        minHeight: 0,
        '& .quote-tier': { display: 'inline-block', px: 1, lineHeight: '20px', borderRadius: 10, fontSize: 12, fontWeight: 600, border: 1 },
        '& .quote-tier-silver': { color: 'tier.silver', borderColor: 'tier.silver' },
        '& .quote-tier-gold': { color: 'tier.gold', borderColor: 'tier.gold' },
        '& .quote-tier-platinum': { color: 'tier.platinum', borderColor: 'tier.platinum' },
        '& .quote-sla-amber': { color: 'sla.amber', fontWeight: 600 },
        '& .quote-sla-red': { color: 'sla.red', fontWeight: 700 },
        '& .quote-flags': { display: 'inline-flex', gap: 1 },
        '& .quote-flag-unread': { color: 'primary.main', fontWeight: 700 },
        '& .quote-flag-pending': { color: 'pending' },
        '& .quote-row-pending': { color: 'pending' },
        '& .quote-row-unread .ag-cell[col-id="customer"]': { fontWeight: 700 },
      }}
    >
      <AgGridReact<QuoteQueueRow>
        key={i18n.language}
        theme={appGridTheme}
        loading={loading}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        context={gridContext.current}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        processRowPostCreate={processRowPostCreate}
        rowSelection={rowSelection}
        localeText={localeText}
        animateRows={false}
        quickFilterText={quickFilterText ?? ''}
        onModelUpdated={(event) => onShownCount?.(event.api.getDisplayedRowCount())}
        deltaSort
        suppressCellFocus={false}
        onGridReady={(event) => {
          apiRef.current = event.api;
          applySort(event.api, JSON.parse(sortKey) as QueueSort[]);
          event.api.setColumnsVisible(compactHiddenColumns, !compactRef.current);
          // A new grid (the language changed) holds no rows yet, whatever was applied to the last one.
          applied.current = null;
          pushRows(event.api);
          onReady?.(event.api);
        }}
        onSortChanged={(event) => {
          // A sort set here from `sort` comes back as an event too; only a user's change is news.
          const next = sortOf(event.api);
          if (JSON.stringify(next) !== sortKey) handlers.current.onSortChange(next);
        }}
        onCellFocused={(event) => {
          // Arrow keys move the selection with the focus, so Enter and T act on the row in view.
          if (event.rowIndex === null || event.rowIndex === undefined) return;
          const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
          if (node?.data && !node.isSelected()) {
            node.setSelected(true, true);
            handlers.current.onSelect(node.data);
          }
        }}
        onRowClicked={(event) => {
          if (event.data) handlers.current.onOpen(event.data);
        }}
        onCellKeyDown={(event: CellKeyDownEvent<QuoteQueueRow>) => {
          const keyboard = event.event;
          if (!(keyboard instanceof KeyboardEvent) || !event.data) return;
          const action = rowKeyAction(keyboard);
          if (action === null) return;
          keyboard.preventDefault();
          if (action === 'open') handlers.current.onOpen(event.data);
          else handlers.current.onClaim(event.data);
        }}
      />
    </Box>
  );
}
