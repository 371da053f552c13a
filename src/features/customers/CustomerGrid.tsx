import Box from '@mui/material/Box';
import type { CellKeyDownEvent, ColDef, GetRowIdParams, GridApi, ProcessRowParams, RowSelectionOptions } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { appGridTheme } from '../../app/gridTheme';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { customerRowKeyAction } from './customerModel';

// Module constants: a new object on each render makes AG Grid rebuild its columns.
const defaultColDef: ColDef = { sortable: true, resizable: true, suppressHeaderMenuButton: true };
const rowSelection: RowSelectionOptions = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

/** Props of a customers list. */
export interface CustomerGridProps<T extends object> {
  rows: T[] | undefined;
  columnDefs: ColDef<T>[];
  rowId: (row: T) => string;
  /** The row element's `data-testid`, set once when the row is created (a row keeps its customer for life). */
  rowTestId: (row: T) => string;
  testId: string;
  label: string;
  loading: boolean;
  noRowsText: string;
  onOpen: (row: T) => void;
  /** Columns to hide while a customer is open beside the list. */
  compactHidden: readonly string[];
  compact: boolean;
  onReady?: (api: GridApi<T>) => void;
}

/**
 * A customers list on AG Grid's client-side row model: rows keyed by customer id (a refreshed
 * answer is applied as a delta, so focus and scroll stay), arrows move, Enter, a click or a
 * double-click opens.
 */
export function CustomerGrid<T extends object>({ rows, columnDefs, rowId, rowTestId, testId, label, loading, noRowsText, onOpen, compactHidden, compact, onReady }: CustomerGridProps<T>) {
  const { i18n } = useTranslation();
  const apiRef = useRef<GridApi<T> | null>(null);
  const handlers = useRef({ onOpen, rowId, rowTestId });
  handlers.current = { onOpen, rowId, rowTestId };
  const compactRef = useRef(compact);
  compactRef.current = compact;
  const hiddenKey = compactHidden.join(',');

  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    const focused = api.getFocusedCell();
    const hidden = hiddenKey === '' ? [] : hiddenKey.split(',');
    api.setColumnsVisible(hidden, !compact);
    // A focused cell in a column the split hides would drop the keyboard focus: keep the row.
    if (compact && focused && hidden.includes(focused.column.getColId())) api.setFocusedCell(focused.rowIndex, 'name');
  }, [compact, hiddenKey]);

  const localeText = useMemo(() => ({ noRowsToShow: noRowsText }), [noRowsText]);
  const getRowId = useMemo(() => (params: GetRowIdParams<T>) => handlers.current.rowId(params.data), []);
  const processRowPostCreate = useMemo(
    () => (params: ProcessRowParams<T>) => {
      if (params.node.data) params.eRow.dataset.testid = handlers.current.rowTestId(params.node.data);
    },
    [],
  );

  return (
    <Box
      data-testid={testId}
      aria-label={label}
      role="region"
      sx={{
        flex: 1,
        minHeight: 0,
        '& .customer-tier': { display: 'inline-block', px: 1, lineHeight: '20px', borderRadius: 10, fontSize: 12, fontWeight: 600, border: 1 },
        '& .customer-tier-silver': { color: 'tier.silver', borderColor: 'tier.silver' },
        '& .customer-tier-gold': { color: 'tier.gold', borderColor: 'tier.gold' },
        '& .customer-tier-platinum': { color: 'tier.platinum', borderColor: 'tier.platinum' },
      }}
    >
      <AgGridReact<T>
        key={i18n.language}
        theme={appGridTheme}
        loading={loading}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        processRowPostCreate={processRowPostCreate}
        rowSelection={rowSelection}
        localeText={localeText}
        animateRows={false}
        suppressCellFocus={false}
        onGridReady={(event) => {
          apiRef.current = event.api;
          const hidden = hiddenKey === '' ? [] : hiddenKey.split(',');
          event.api.setColumnsVisible(hidden, !compactRef.current);
          onReady?.(event.api);
        }}
        onCellFocused={(event) => {
          // The selection follows the keyboard focus, so the row in view is the one Enter opens.
          if (event.rowIndex === null || event.rowIndex === undefined) return;
          const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
          if (node?.data && !node.isSelected()) node.setSelected(true, true);
        }}
        onRowClicked={(event) => {
          if (event.data) handlers.current.onOpen(event.data);
        }}
        onRowDoubleClicked={(event) => {
          if (event.data) handlers.current.onOpen(event.data);
        }}
        onCellKeyDown={(event: CellKeyDownEvent<T>) => {
          const keyboard = event.event;
          if (!(keyboard instanceof KeyboardEvent) || !event.data) return;
          if (customerRowKeyAction(keyboard) !== 'open') return;
          keyboard.preventDefault();
          handlers.current.onOpen(event.data);
        }}
      />
    </Box>
  );
}

/** Moves the keyboard focus to the first row of `api`'s list (from the search field's arrow down). */
export function focusFirstRow<T>(api: GridApi<T> | null): boolean {
  if (!api || api.getDisplayedRowCount() === 0) return false;
  api.ensureIndexVisible(0);
  api.setFocusedCell(0, 'name');
  return true;
}

/** Puts the keyboard focus back on the row of `id`, if listed (after closing that customer). */
export function focusRow<T>(api: GridApi<T> | null, id: string): void {
  const node = api?.getRowNode(id);
  if (!api || !node || node.rowIndex === null) return;
  api.ensureIndexVisible(node.rowIndex);
  api.setFocusedCell(node.rowIndex, 'name');
}
