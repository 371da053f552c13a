import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import type { QuoteQueueFilter } from '../../../electron/shared/ipc/quotes';
import { queueScopes, quoteStatuses, type QueueScope, type QuoteStatus } from './quoteModel';

/** A branch the queue can be narrowed to. */
export interface BranchOption {
  id: string;
  name: string;
}

/** Props of the queue's filter bar. */
export interface QueueFiltersProps {
  filter: QuoteQueueFilter;
  branches: readonly BranchOption[];
  onChange: (filter: QuoteQueueFilter) => void;
}

function isScope(value: unknown): value is QueueScope {
  return typeof value === 'string' && (queueScopes as readonly string[]).includes(value);
}

/** Scope toggle (Mine / Ufordelte / Alle), status multi-select, branch select and the breached switch. */
export function QueueFilters({ filter, branches, onChange }: QueueFiltersProps) {
  const { t } = useTranslation();
  return (
    <>
      <ToggleButtonGroup
        exclusive
        value={filter.scope}
        aria-label={t('quotes.scope.label')}
        onChange={(_event, value: unknown) => {
          if (isScope(value)) onChange({ ...filter, scope: value });
        }}
      >
        {queueScopes.map((scope) => (
          <ToggleButton key={scope} value={scope} data-testid={`quote-scope-${scope}`} sx={{ px: 1.5 }}>
            {t(`quotes.scope.${scope}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <FormControl size="small" sx={{ minWidth: 180 }}>
        <InputLabel id="quote-status-filter-label" shrink>
          {t('quotes.filters.status')}
        </InputLabel>
        <Select<QuoteStatus[]>
          multiple
          labelId="quote-status-filter-label"
          label={t('quotes.filters.status')}
          value={[...filter.statuses]}
          notched
          displayEmpty
          data-testid="quote-status-filter"
          onChange={(event) => {
            const value = event.target.value;
            const statuses = (typeof value === 'string' ? value.split(',') : value).filter((status): status is QuoteStatus => (quoteStatuses as readonly string[]).includes(status));
            onChange({ ...filter, statuses });
          }}
          renderValue={(selected) => (selected.length === 0 ? t('quotes.filters.allOpen') : selected.map((status) => t(`quotes.status.${status}`)).join(', '))}
        >
          {quoteStatuses.map((status) => (
            <MenuItem key={status} value={status} dense>
              <Checkbox size="small" checked={filter.statuses.includes(status)} sx={{ p: 0.25, mr: 1 }} />
              <ListItemText primary={t(`quotes.status.${status}`)} />
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="quote-branch-filter-label" shrink>
          {t('quotes.filters.branch')}
        </InputLabel>
        <Select<string>
          labelId="quote-branch-filter-label"
          label={t('quotes.filters.branch')}
          notched
          displayEmpty
          value={filter.branchId ?? ''}
          data-testid="quote-branch-filter"
          onChange={(event) => onChange({ ...filter, branchId: event.target.value === '' ? null : event.target.value })}
        >
          <MenuItem value="">{t('quotes.filters.allBranches')}</MenuItem>
          {branches.map((branch) => (
            <MenuItem key={branch.id} value={branch.id}>
              {branch.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControlLabel
        label={t('quotes.filters.breached')}
        control={
          <Switch
            checked={filter.breachedOnly}
            onChange={(_event, checked) => onChange({ ...filter, breachedOnly: checked })}
            slotProps={{ input: { 'data-testid': 'quote-breached-toggle' } as object }}
          />
        }
      />
    </>
  );
}
