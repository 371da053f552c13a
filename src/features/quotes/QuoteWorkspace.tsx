import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { usePageToast } from '../../components/PageToast';
import { useTranslation } from 'react-i18next';
import { decideClaim } from '../../../electron/shared/domain/quotes';
import type { QuoteQueueRow } from '../../../electron/shared/ipc/quotes';
import { formatCount } from '../../app/format';
import type { KeyValueStore } from '../../app/storage';
import TextField from '@mui/material/TextField';
import { QueueFilters, type BranchOption } from './QueueFilters';
import { submitQuoteAction } from './quoteActions';
import { QuoteEditor } from './QuoteEditor';
import { queueTables, type SessionStaff } from './quoteModel';
import { QuoteQueueGrid } from './QuoteQueueGrid';
import { reuseUnchangedRows, rowsById } from './rowReuse';
import { defaultQueueView, deleteView, readCurrentView, readSavedViews, saveView, writeCurrentView, type QueueViewState } from './savedViews';
import { SavedViewsMenu } from './SavedViewsMenu';
import { useCoreRead } from '../../app/useCoreRead';

/** A quote to open, from outside the page; a new object each time it is asked for. */
export interface OpenRequest {
  quoteId: string;
}

/** The branches seen in the queue so far, by name, so narrowing to one still offers the others. */
function useKnownBranches(rows: readonly QuoteQueueRow[] | undefined): BranchOption[] {
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!rows) return;
    setKnown((previous) => {
      let next: Map<string, string> | null = null;
      for (const row of rows) {
        if (previous.has(row.branchId) || next?.has(row.branchId)) continue;
        next ??= new Map(previous);
        next.set(row.branchId, row.branchName);
      }
      return next ?? previous;
    });
  }, [rows]);
  return useMemo(() => [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nb')), [known]);
}

/** The list + detail split of the quotes page, with its filters, saved views and keyboard actions. */
export function QuoteWorkspace({ store, staff, request }: { store: KeyValueStore | null; staff: SessionStaff; request?: OpenRequest | null }) {
  const { t } = useTranslation();
  const [view, setViewState] = useState<QueueViewState>(() => readCurrentView(store));
  const [savedViews, setSavedViews] = useState(() => readSavedViews(store));
  const [selected, setSelected] = useState<QuoteQueueRow | null>(null);
  const [openId, setOpenId] = useState<string | null>(request?.quoteId ?? null);
  // "Open" from elsewhere (Needs attention): each request opens its quote once, even the same one again.
  useEffect(() => {
    if (request) setOpenId(request.quoteId);
  }, [request]);
  // Narrows the listed rows as typed (number, customer, …); not part of a saved view.
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const gridApi = useRef<GridApi<QuoteQueueRow> | null>(null);

  const queue = useCoreRead('quotes.queue', view.filter, queueTables, view.filter.breachedOnly ? 60_000 : undefined);
  const stableRows = useRef<Map<string, QuoteQueueRow>>(new Map());
  const rows = useMemo(() => {
    const fresh = queue.value?.rows;
    if (!fresh) return undefined;
    const reused = reuseUnchangedRows(stableRows.current, fresh);
    stableRows.current = rowsById(reused);
    return reused;
  }, [queue.value]);
  const branches = useKnownBranches(rows);

  const setView = useCallback(
    (next: QueueViewState) => {
      setViewState(next);
      writeCurrentView(store, next);
    },
    [store],
  );

  const { notify, element: toast } = usePageToast('quote-toast');

  const claim = useCallback(
    (row: QuoteQueueRow) => {
      const decision = decideClaim({ status: row.status, assignee_id: row.assigneeId, answered_at: null }, staff.id);
      if (decision.outcome !== 'claim') {
        const reason = decision.outcome === 'already_yours' ? t('quotes.status.in_progress') : decision.outcome === 'claimed_by_other' ? (row.assigneeName ?? '') : t(`quotes.status.${row.status}`);
        notify(t('quotes.notClaimable', { number: row.quoteNumber, reason }), 'info');
        return;
      }
      void submitQuoteAction('quote.claim', { quoteId: row.id }).then((result) =>
        notify(result.ok ? t('quotes.claimed', { number: row.quoteNumber }) : t('quotes.submitFailed', { code: result.code }), result.ok ? 'success' : 'error'),
      );
    },
    [staff.id, t, notify],
  );

  const close = useCallback(() => {
    const api = gridApi.current;
    const node = openId && api ? api.getRowNode(openId) : undefined;
    setOpenId(null);
    if (api && node && node.rowIndex !== null) api.setFocusedCell(node.rowIndex, 'customer');
  }, [openId]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape' && openId !== null && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  }

  // The selected quote as currently listed; gone (null) once the filter or a change drops it.
  const selectedRow = selected && rows ? (rows.find((row) => row.id === selected.id) ?? null) : selected;

  return (
    <Box onKeyDown={handleKeyDown} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 480 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" component="h1" sx={{ mr: 1 }}>
          {t('pages.quotes.title')}
        </Typography>
        <QueueFilters filter={view.filter} branches={branches} onChange={(filter) => setView({ ...view, filter })} />
        <TextField
          size="small"
          type="search"
          label={t('quotes.filters.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'quote-search' } }}
          sx={{ width: 200 }}
        />
        <SavedViewsMenu
          views={savedViews}
          current={view}
          onApply={setView}
          onReset={() => setView(defaultQueueView)}
          onSave={(name) => {
            setSavedViews(saveView(store, name, view));
            notify(t('quotes.views.saved', { name }), 'success');
          }}
          onDelete={(name) => setSavedViews(deleteView(store, name))}
        />
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary" data-testid="quote-queue-count" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {rows
            ? search.trim() !== '' && shown !== null && shown !== rows.length
              ? t('quotes.rowCountShown', { shown: formatCount(shown), formatted: formatCount(rows.length) })
              : t('quotes.rowCount', { count: rows.length, formatted: formatCount(rows.length) })
            : ''}
        </Typography>
        <Tooltip title={t('quotes.claimHint')}>
          <span>
            <Button variant="contained" disabled={selectedRow === null} onClick={() => selectedRow && claim(selectedRow)} aria-keyshortcuts="T Control+Enter" data-testid="quote-claim">
              {t('quotes.claim')}
            </Button>
          </span>
        </Tooltip>
      </Box>
      {queue.error !== null && (
        <Alert severity="warning" square data-testid="quote-queue-error">
          {t('quotes.loadFailed', { code: queue.error })}
        </Alert>
      )}
      {queue.value === null && (
        <Alert severity="info" square>
          {t('quotes.noData')}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }}>
          <QuoteQueueGrid
            quickFilterText={search}
            onShownCount={setShown}
            rows={rows}
            rowsKey={queue.valueKey}
            loading={queue.error === null && (queue.value === undefined || queue.stale)}
            sort={view.sort}
            onSortChange={(sort) => setView({ ...view, sort })}
            onSelect={setSelected}
            onOpen={(row) => {
              setSelected(row);
              setOpenId(row.id);
            }}
            onClaim={claim}
            compact={openId !== null}
            onReady={(api) => {
              gridApi.current = api;
            }}
          />
          <Typography variant="caption" color="text.secondary" sx={{ px: 2, py: 0.5, borderTop: 1, borderColor: 'divider' }}>
            {t('quotes.keyboardHint')}
          </Typography>
        </Box>
        {openId !== null && (
          <Box
            component="aside"
            aria-label={t('quotes.editor.label', { number: selectedRow?.id === openId ? selectedRow.quoteNumber : '' })}
            sx={{ width: { xs: '100%', md: '66%' }, maxWidth: 1080, minWidth: 480, borderLeft: 1, borderColor: 'divider', overflow: 'auto', bgcolor: 'background.paper' }}
          >
            <QuoteEditor key={openId} quoteId={openId} staff={staff} store={store} notify={notify} onClose={close} />
          </Box>
        )}
      </Box>
      {toast}
    </Box>
  );
}
