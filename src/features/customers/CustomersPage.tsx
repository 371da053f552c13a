import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { usePageToast } from '../../components/PageToast';
import { useTranslation } from 'react-i18next';
import type { CustomerSearchRow } from '../../../electron/shared/ipc/customers';
import { formatCount } from '../../app/format';
import { useCoreRead } from '../../app/useCoreRead';
import { compactHiddenSearchColumns, compactHiddenSuggestionColumns, searchColumns, suggestionColumns, type TierSuggestionRow } from './customerColumns';
import { CustomerGrid, focusFirstRow, focusRow } from './CustomerGrid';
import { pageKeyAction, SEARCH_DEBOUNCE_MS, searchInput, searchTables, suggestionBranch, suggestionTables, type CustomerOpenRequest, type SessionStaff } from './customerModel';
import { CustomerPage } from './CustomerPage';
import { SuggestionsHeader } from './SuggestionsHeader';

/** Which list the page shows: the search, or the customers whose tier suggestion differs. */
export type CustomersTab = 'search' | 'suggestions';

/** Props of the customers page. */
export interface CustomersPageProps {
  staff: SessionStaff;
  /** Open this customer (from Needs attention or the migration page). */
  request?: CustomerOpenRequest | null;
  /** Opens a quote on the quotes page (from the customer's recent quotes). */
  onOpenQuote?: (quoteId: string) => void;
}

/** `value`, once it has stopped changing for `ms` (a burst of keys is one search). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

const searchRowId = (row: CustomerSearchRow): string => row.id;
const searchRowTestId = (row: CustomerSearchRow): string => `customer-row-${row.customerNumber}`;
const suggestionRowId = (row: TierSuggestionRow): string => row.customerId;
const suggestionRowTestId = (row: TierSuggestionRow): string => `tier-suggestion-row-${row.customerNumber}`;

/**
 * The customer register (Kunder): instant search over name, numbers, city and company users'
 * e-mails, or the list of tier suggestions, on the left; the opened customer on the right.
 */
export function CustomersPage({ staff, request = null, onOpenQuote }: CustomersPageProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<CustomersTab>('search');
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const [openId, setOpenId] = useState<string | null>(request?.customerId ?? null);
  // Each request opens its customer once, even the same one again (a new object each time).
  useEffect(() => {
    if (request) setOpenId(request.customerId);
  }, [request]);
  const { notify, element: toast } = usePageToast('customer-toast');
  const searchField = useRef<HTMLInputElement>(null);
  const searchApi = useRef<GridApi<CustomerSearchRow> | null>(null);
  const suggestionsApi = useRef<GridApi<TierSuggestionRow> | null>(null);

  const search = useCoreRead('customers.search', searchInput(query), searchTables);
  const suggestions = useCoreRead('customers.tierSuggestions', tab === 'suggestions' ? { branchId: suggestionBranch(staff) } : null, suggestionTables);
  const searchCols = useMemo(() => searchColumns(t), [t]);
  const suggestionCols = useMemo(() => suggestionColumns(t, i18n.language), [t, i18n.language]);
  const rows = search.value?.rows;
  const searchSettled = !search.stale && query === typed;

  const focusSearch = useCallback(() => {
    setTab('search');
    // The field exists only on the search tab: focus once it is there.
    requestAnimationFrame(() => {
      searchField.current?.focus();
      searchField.current?.select();
    });
  }, []);

  useEffect(() => {
    if (openId === null) searchField.current?.focus();
    // Only on arrival: a later close puts the focus back on the row instead.
  }, []);

  // Ctrl+F and "/" reach the search from anywhere on the page (not from a dialog, not "/" typed as text).
  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent): void {
      if (event.defaultPrevented) return;
      const inDialog = event.target instanceof Element && event.target.closest('[role="dialog"]') !== null;
      if (inDialog || pageKeyAction(event, isTextField(event.target)) !== 'focusSearch') return;
      event.preventDefault();
      focusSearch();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch]);

  const close = useCallback(() => {
    const closing = openId;
    setOpenId(null);
    if (closing === null) return;
    if (tab === 'suggestions') focusRow(suggestionsApi.current, closing);
    else if (searchApi.current?.getRowNode(closing)) focusRow(searchApi.current, closing);
    else searchField.current?.focus();
  }, [openId, tab]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.defaultPrevented || openId === null) return;
    if (pageKeyAction(event, isTextField(event.target)) === 'back') {
      event.preventDefault();
      close();
    }
  }

  // Enter in the search field opens the first hit of what was typed, once its answer is in.
  const [openFirst, setOpenFirst] = useState(false);
  useEffect(() => {
    if (!openFirst || !searchSettled) return;
    setOpenFirst(false);
    const first = searchApi.current?.getDisplayedRowAtIndex(0)?.data ?? rows?.[0];
    if (first) setOpenId(first.id);
  }, [openFirst, searchSettled, rows]);

  function handleSearchKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'ArrowDown') {
      if (focusFirstRow(searchApi.current)) event.preventDefault();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      setOpenFirst(true);
    }
  }

  const total = search.value?.total ?? 0;
  const compact = openId !== null;

  return (
    <Box onKeyDown={handleKeyDown} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 480 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" component="h1" sx={{ mr: 1 }}>
          {t('customers.title')}
        </Typography>
        <Tabs value={tab} onChange={(_event, next: CustomersTab) => setTab(next)} aria-label={t('customers.tabs.label')} sx={{ minHeight: 40, '& .MuiTab-root': { minHeight: 40, py: 0 } }}>
          <Tab value="search" label={t('customers.tabs.search')} data-testid="customers-tab-search" />
          <Tab value="suggestions" label={t('customers.tabs.suggestions')} data-testid="customers-tab-suggestions" />
        </Tabs>
        {tab === 'search' && (
          <TextField
            size="small"
            type="search"
            placeholder={t('customers.search.placeholder')}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={handleSearchKey}
            inputRef={searchField}
            slotProps={{
              htmlInput: { 'data-testid': 'customer-search', 'aria-label': t('customers.search.label'), 'aria-keyshortcuts': 'Control+F /', maxLength: 200 },
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                ),
              },
            }}
            sx={{ width: { xs: '100%', sm: 380 } }}
          />
        )}
        <Box sx={{ flex: 1 }} />
        {tab === 'search' && search.value && (
          <Typography variant="body2" color="text.secondary" data-testid="customer-count" data-shown={search.value.rows.length} data-total={total} sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('customers.search.count', { count: total, shown: formatCount(search.value.rows.length), formatted: formatCount(total) })}
          </Typography>
        )}
        {tab === 'suggestions' && suggestions.value && (
          <Typography variant="body2" color="text.secondary" data-testid="tier-suggestions-count" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('customers.suggestions.count', { count: suggestions.value.rows.length, formatted: formatCount(suggestions.value.rows.length) })}
          </Typography>
        )}
      </Box>
      {(tab === 'search' ? search.error : suggestions.error) !== null && (
        <Alert severity="warning" square data-testid="customer-load-error">
          {t('customers.search.loadFailed', { code: (tab === 'search' ? search.error : suggestions.error) ?? '' })}
        </Alert>
      )}
      {(tab === 'search' ? search.value : suggestions.value) === null && (
        <Alert severity="info" square>
          {t('customers.search.noData')}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }}>
          {tab === 'search' ? (
            <CustomerGrid<CustomerSearchRow>
              rows={rows}
              columnDefs={searchCols}
              rowId={searchRowId}
              rowTestId={searchRowTestId}
              testId="customer-results"
              label={t('customers.search.regionLabel')}
              loading={search.error === null && search.value === undefined}
              noRowsText={t('customers.search.noRows')}
              onOpen={(row) => setOpenId(row.id)}
              compactHidden={compactHiddenSearchColumns}
              compact={compact}
              onReady={(api) => {
                searchApi.current = api;
              }}
            />
          ) : (
            <>
              {!compact && <SuggestionsHeader list={suggestions.value ?? null} />}
              <CustomerGrid<TierSuggestionRow>
                rows={suggestions.value?.rows}
                columnDefs={suggestionCols}
                rowId={suggestionRowId}
                rowTestId={suggestionRowTestId}
                testId="tier-suggestions-list"
                label={t('customers.suggestions.regionLabel')}
                loading={suggestions.error === null && suggestions.value === undefined}
                noRowsText={t('customers.suggestions.noRows')}
                onOpen={(row) => setOpenId(row.customerId)}
                compactHidden={compactHiddenSuggestionColumns}
                compact={compact}
                onReady={(api) => {
                  suggestionsApi.current = api;
                }}
              />
            </>
          )}
          <Typography variant="caption" color="text.secondary" sx={{ px: 2, py: 0.5, borderTop: 1, borderColor: 'divider' }}>
            {tab === 'search' ? t('customers.search.keyboardHint') : t('customers.suggestions.keyboardHint')}
          </Typography>
        </Box>
        {openId !== null && (
          <Box component="aside" sx={{ width: { xs: '100%', md: '66%' }, maxWidth: 1080, minWidth: { xs: 0, sm: 480 }, borderLeft: 1, borderColor: 'divider', overflow: 'auto', bgcolor: 'background.paper' }}>
            <CustomerPage key={openId} customerId={openId} staff={staff} onBack={close} onOpenQuote={onOpenQuote} notify={notify} />
          </Box>
        )}
      </Box>
      {toast}
    </Box>
  );
}
