import type { ColDef } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { QuoteQueueRow } from '../../electron/shared/ipc/quotes';
import { createI18n } from '../../src/app/i18n';
import { quoteColumns, type QueueGridContext } from '../../src/features/quotes/quoteColumns';

// The queue's cells are formatters, not components (100 000 rows): what each column shows.

const t = createI18n(null).t;
const now = Date.parse('2026-11-21T10:00:00.000Z');
const row: QuoteQueueRow = {
  id: 'q1',
  quoteNumber: 'T-1001',
  customerId: 'c1',
  customerName: 'Lysverket AS',
  customerNumber: '10001',
  loyaltyTier: 'platinum',
  branchId: 'b1',
  branchName: 'Oslo',
  lineCount: 1_200,
  listValueOre: 123_456_789,
  requestedAt: '2026-11-21T08:05:00.000Z',
  dueAt: '2026-11-21T13:00:00.000Z',
  status: 'revision_requested',
  assigneeId: null,
  assigneeName: null,
  unreadComments: 2,
  pending: true,
};

const columns = quoteColumns(t);

function column(colId: string): ColDef<QuoteQueueRow> {
  const found = columns.find((def) => def.colId === colId);
  if (!found) throw new Error(`no column ${colId}`);
  return found;
}

function shown(colId: string, data: QuoteQueueRow = row, at = now): string {
  const def = column(colId);
  const field = def.field;
  const value = field ? data[field] : undefined;
  const context: QueueGridContext = { now: at, t };
  const formatter = def.valueFormatter;
  if (typeof formatter !== 'function') return String(value);
  return formatter({ value, data, context } as never);
}

function classes(colId: string, data: QuoteQueueRow, at: number): string[] {
  const rules = column(colId).cellClassRules ?? {};
  return Object.entries(rules).flatMap(([name, rule]) => (typeof rule === 'function' && rule({ data, context: { now: at, t } } as never) ? [name] : []));
}

describe('the queue columns', () => {
  it('have the columns the issue asks for, in order', () => {
    expect(columns.map((def) => def.colId)).toEqual(['quoteNumber', 'customer', 'customerNumber', 'tier', 'lines', 'listValue', 'requestedAt', 'sla', 'status', 'assignee', 'flags']);
    expect(columns.map((def) => def.headerName)).toContain('Frist');
  });

  it('format money, counts, time, tier, status and assignee in Norwegian', () => {
    expect(shown('listValue')).toBe('1\u00a0234\u00a0567,89\u00a0kr');
    expect(shown('lines')).toBe('1\u00a0200');
    expect(shown('requestedAt')).toBe('21.11.2026 09:05');
    expect(shown('tier')).toBe('Platina');
    expect(shown('status')).toBe('Revisjon ønsket');
    expect(shown('assignee')).toBe('Ikke tildelt');
    expect(shown('assignee', { ...row, assigneeName: 'Kari' })).toBe('Kari');
  });

  it('count down to the due time: calm, amber, red, none when closed', () => {
    expect(shown('sla')).toBe('3 t 0 min');
    expect(classes('sla', row, now)).toEqual(['quote-sla-amber']);
    expect(shown('sla', row, now - 3_600_000)).toBe('4 t 0 min');
    expect(classes('sla', row, now - 3_600_000)).toEqual([]);
    expect(shown('sla', row, Date.parse(row.dueAt) + 60_000)).toBe('Overskredet');
    expect(classes('sla', row, Date.parse(row.dueAt) + 60_000)).toEqual(['quote-sla-red']);
    expect(shown('sla', { ...row, status: 'answered' }, Date.parse(row.dueAt) + 60_000)).toBe('');
    expect(classes('sla', { ...row, status: 'answered' }, Date.parse(row.dueAt) + 60_000)).toEqual([]);
  });

  it('sort by due time as instants, open quotes before closed ones in both directions', () => {
    const comparator = column('sla').comparator;
    if (typeof comparator !== 'function') throw new Error('no comparator');
    const node = (status: QuoteQueueRow['status']) => ({ data: { ...row, status } }) as never;
    const open = node('requested');
    expect(comparator('2026-11-21T13:00:00+01:00', '2026-11-21T12:30:00Z', open, open, false)).toBeLessThan(0);
    // An answered quote due earlier still sorts after an open one…
    expect(comparator('2026-11-20T08:00:00Z', '2026-11-21T12:30:00Z', node('answered'), open, false)).toBeGreaterThan(0);
    // …and stays last when the sort is reversed (the grid negates the result).
    expect(-comparator('2026-11-20T08:00:00Z', '2026-11-21T12:30:00Z', node('answered'), open, true)).toBeGreaterThan(0);
  });
});
