import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { LOYALTY_TIERS } from '../../../electron/shared/domain/loyalty';
import type { CustomerSearchRow, TierSuggestionList } from '../../../electron/shared/ipc/customers';
import { formatOrgNumber } from '../../app/format';
import { explainSuggestion, tierName, type LoyaltyTier } from './customerModel';

/** One row of the tier suggestions list. */
export type TierSuggestionRow = TierSuggestionList['rows'][number];

/** The tier as a small coloured chip: plain markup styled by the grid wrapper's CSS, no MUI component per row. */
function TierCell({ value, valueFormatted }: CustomCellRendererProps<unknown, LoyaltyTier>) {
  if (!value) return null;
  return (
    <span className={`customer-tier customer-tier-${value}`} data-tier={value}>
      {valueFormatted}
    </span>
  );
}

/** Tiers sort by rank (silver, gold, platinum), not by name. */
function compareTier(a: LoyaltyTier | null | undefined, b: LoyaltyTier | null | undefined): number {
  return (a ? LOYALTY_TIERS.indexOf(a) : -1) - (b ? LOYALTY_TIERS.indexOf(b) : -1);
}

function tierFormatter<T>(t: TFunction) {
  return (params: ValueFormatterParams<T, LoyaltyTier>): string => (params.value ? tierName(t, params.value) : '');
}

/** Columns hidden while a customer is open beside the list: name, number and tier stay. */
export const compactHiddenSearchColumns = ['orgNumber', 'city', 'branch', 'consultant', 'migration', 'matchedEmail'];

/** The search results' columns; built again only when the language changes. */
export function searchColumns(t: TFunction): ColDef<CustomerSearchRow>[] {
  return [
    { colId: 'name', field: 'name', headerName: t('customers.columns.name'), flex: 1, minWidth: 160 },
    { colId: 'customerNumber', field: 'customerNumber', headerName: t('customers.columns.customerNumber'), width: 110 },
    {
      colId: 'orgNumber',
      field: 'orgNumber',
      headerName: t('customers.columns.orgNumber'),
      width: 120,
      valueFormatter: (params: ValueFormatterParams<CustomerSearchRow, string>) => (params.value ? formatOrgNumber(params.value) : ''),
    },
    { colId: 'city', field: 'city', headerName: t('customers.columns.city'), width: 130, valueFormatter: (params: ValueFormatterParams<CustomerSearchRow, string | null>) => params.value ?? '' },
    { colId: 'tier', field: 'loyaltyTier', headerName: t('customers.columns.tier'), width: 105, valueFormatter: tierFormatter<CustomerSearchRow>(t), comparator: compareTier, cellRenderer: TierCell },
    { colId: 'branch', field: 'branchName', headerName: t('customers.columns.branch'), width: 130 },
    {
      colId: 'consultant',
      field: 'consultantName',
      headerName: t('customers.columns.consultant'),
      width: 150,
      valueFormatter: (params: ValueFormatterParams<CustomerSearchRow, string | null>) => params.value ?? t('customers.page.noConsultant'),
    },
    {
      colId: 'migration',
      field: 'migrationState',
      headerName: t('customers.columns.migration'),
      width: 150,
      valueFormatter: (params: ValueFormatterParams<CustomerSearchRow, CustomerSearchRow['migrationState']>) => (params.value ? t(`customers.migrationState.${params.value}`) : ''),
    },
    {
      colId: 'matchedEmail',
      field: 'matchedEmail',
      headerName: t('customers.columns.matchedEmail'),
      flex: 1,
      minWidth: 180,
      valueFormatter: (params: ValueFormatterParams<CustomerSearchRow, string | null>) => params.value ?? '',
    },
  ];
}

/** The tier suggestions list's columns; the explanation in the UI language. */
export function suggestionColumns(t: TFunction, language: string): ColDef<TierSuggestionRow>[] {
  return [
    { colId: 'name', field: 'name', headerName: t('customers.columns.name'), flex: 1, minWidth: 160 },
    { colId: 'customerNumber', field: 'customerNumber', headerName: t('customers.columns.customerNumber'), width: 110 },
    { colId: 'branch', field: 'branchName', headerName: t('customers.columns.branch'), width: 130 },
    { colId: 'tier', field: 'loyaltyTier', headerName: t('customers.columns.currentTier'), width: 120, valueFormatter: tierFormatter<TierSuggestionRow>(t), comparator: compareTier, cellRenderer: TierCell },
    {
      colId: 'suggestedTier',
      headerName: t('customers.columns.suggestedTier'),
      width: 120,
      valueGetter: (params) => params.data?.suggestion.tier,
      valueFormatter: tierFormatter<TierSuggestionRow>(t),
      comparator: compareTier,
      cellRenderer: TierCell,
    },
    {
      colId: 'explanation',
      headerName: t('customers.columns.explanation'),
      flex: 1,
      minWidth: 260,
      valueGetter: (params) => (params.data ? explainSuggestion(t, language, params.data.suggestion) : ''),
    },
  ];
}

/** Columns of the suggestions list hidden while a customer is open beside it: name and both tiers stay. */
export const compactHiddenSuggestionColumns = ['customerNumber', 'branch', 'explanation'];
