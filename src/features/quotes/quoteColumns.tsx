import type { ColDef, IRowNode, ValueFormatterParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import type { QuoteQueueRow } from '../../../electron/shared/ipc/quotes';
import { formatCount, formatDateTime, formatNok } from '../../app/format';
import { isAwaitingAnswer, type LoyaltyTier, type QuoteStatus } from './quoteModel';
import { slaCountdown, slaDetail, slaText } from './sla';

/**
 * What the grid's formatters read besides the row: the clock and the texts. One mutable object
 * handed to the grid once (`context` is initial-only); a tick changes `now` and refreshes the
 * SLA cells of the rendered rows only, never all 100 000.
 */
export interface QueueGridContext {
  now: number;
  t: TFunction;
}

function context(params: { context: unknown }): QueueGridContext {
  return params.context as QueueGridContext;
}

type Formatter<V> = (params: ValueFormatterParams<QuoteQueueRow, V>) => string;

function slaOf(params: { data?: QuoteQueueRow | undefined; context: unknown }) {
  const row = params.data;
  return row ? slaCountdown(row.dueAt, row.status, context(params).now) : null;
}

const formatSla: Formatter<string> = (params) => {
  const countdown = slaOf(params);
  return countdown ? slaText(countdown, context(params).t) : '';
};

/** The tier as a small coloured chip: plain markup styled by the grid wrapper's CSS, no MUI component per row. */
function TierCell({ value, valueFormatted }: CustomCellRendererProps<QuoteQueueRow, LoyaltyTier>) {
  if (!value) return null;
  return <span className={`quote-tier quote-tier-${value}`}>{valueFormatted}</span>;
}

/** The SLA countdown, with how long ago a breach was in the tooltip. */
function SlaCell(params: CustomCellRendererProps<QuoteQueueRow, string>) {
  const countdown = slaOf(params);
  if (!countdown || countdown.tone === 'closed') return null;
  const { t } = context(params);
  return (
    <span title={slaDetail(countdown, t) || t('quotes.sla.dueAt', { time: params.value ? formatDateTime(params.value) : '' })}>{params.valueFormatted}</span>
  );
}

/** Unread customer comments and the pending marker of a queued action. */
function FlagsCell({ data, context: gridContext }: CustomCellRendererProps<QuoteQueueRow, number>) {
  if (!data) return null;
  const { t } = gridContext as QueueGridContext;
  return (
    <span className="quote-flags">
      {data.unreadComments > 0 && (
        <span className="quote-flag-unread" role="img" aria-label={t('quotes.unread', { count: data.unreadComments })} title={t('quotes.unread', { count: data.unreadComments })} data-testid={`quote-unread-${data.quoteNumber}`}>
          ✉ {data.unreadComments}
        </span>
      )}
      {data.pending && (
        <span className="quote-flag-pending" role="img" aria-label={t('quotes.pending')} title={t('quotes.pending')} data-testid={`quote-pending-${data.quoteNumber}`}>
          ⧗
        </span>
      )}
    </span>
  );
}

/**
 * Orders two ISO instants. The core sends UTC ("…Z") in one format, which sorts as text: a
 * 100 000-row sort makes millions of comparisons, and parsing dates in each is seconds.
 * Anything else (another offset, another precision) is parsed.
 */
function compareIso(a: string | null | undefined, b: string | null | undefined): number {
  if (a && b && a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b ? -1 : a > b ? 1 : 0;
  return (a ? Date.parse(a) : 0) - (b ? Date.parse(b) : 0);
}

/**
 * Due time, with the quotes still waiting for an answer before the closed ones in either
 * direction: sorting by deadline is about the promise, and a closed quote has none left.
 */
function compareDue(a: string | null | undefined, b: string | null | undefined, nodeA: IRowNode<QuoteQueueRow>, nodeB: IRowNode<QuoteQueueRow>, isDescending: boolean): number {
  const closedA = nodeA.data && !isAwaitingAnswer(nodeA.data.status) ? 1 : 0;
  const closedB = nodeB.data && !isAwaitingAnswer(nodeB.data.status) ? 1 : 0;
  if (closedA !== closedB) return (closedA - closedB) * (isDescending ? -1 : 1);
  return compareIso(a, b);
}

/** The queue's columns; built again only when the language changes. */
export function quoteColumns(t: TFunction): ColDef<QuoteQueueRow>[] {
  return [
    { colId: 'quoteNumber', field: 'quoteNumber', headerName: t('quotes.columns.quoteNumber'), width: 120 },
    { colId: 'customer', field: 'customerName', headerName: t('quotes.columns.customer'), flex: 1, minWidth: 180 },
    { colId: 'customerNumber', field: 'customerNumber', headerName: t('quotes.columns.customerNumber'), width: 120 },
    {
      colId: 'tier',
      field: 'loyaltyTier',
      headerName: t('quotes.columns.tier'),
      width: 100,
      valueFormatter: ((params) => (params.value ? t(`quotes.tier.${params.value}`) : '')) satisfies Formatter<LoyaltyTier>,
      cellRenderer: TierCell,
    },
    {
      colId: 'lines',
      field: 'lineCount',
      headerName: t('quotes.columns.lines'),
      width: 90,
      type: 'rightAligned',
      valueFormatter: ((params) => (params.value === null || params.value === undefined ? '' : formatCount(params.value))) satisfies Formatter<number>,
    },
    {
      colId: 'listValue',
      field: 'listValueOre',
      headerName: t('quotes.columns.listValue'),
      width: 140,
      type: 'rightAligned',
      valueFormatter: ((params) => (params.value === null || params.value === undefined ? '' : formatNok(params.value))) satisfies Formatter<number>,
    },
    {
      colId: 'requestedAt',
      field: 'requestedAt',
      headerName: t('quotes.columns.requestedAt'),
      width: 150,
      comparator: compareIso,
      valueFormatter: ((params) => (params.value ? formatDateTime(params.value) : '')) satisfies Formatter<string>,
    },
    {
      colId: 'sla',
      field: 'dueAt',
      headerName: t('quotes.columns.sla'),
      width: 130,
      comparator: compareDue,
      valueFormatter: formatSla,
      cellRenderer: SlaCell,
      cellClassRules: {
        'quote-sla-amber': (params) => slaOf(params)?.tone === 'amber',
        'quote-sla-red': (params) => slaOf(params)?.tone === 'red',
      },
    },
    {
      colId: 'status',
      field: 'status',
      headerName: t('quotes.columns.status'),
      width: 140,
      valueFormatter: ((params) => (params.value ? t(`quotes.status.${params.value}`) : '')) satisfies Formatter<QuoteStatus>,
    },
    {
      colId: 'assignee',
      field: 'assigneeName',
      headerName: t('quotes.columns.assignee'),
      width: 160,
      valueFormatter: ((params) => params.value ?? t('quotes.unassigned')) satisfies Formatter<string | null>,
    },
    {
      colId: 'flags',
      headerName: t('quotes.columns.flags'),
      headerTooltip: t('quotes.columns.flags'),
      width: 100,
      valueGetter: (params) => (params.data ? params.data.unreadComments * 2 + (params.data.pending ? 1 : 0) : 0),
      cellRenderer: FlagsCell,
    },
  ];
}
