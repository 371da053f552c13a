import { describe, expect, it } from 'vitest';
import type { QuoteQueueRow } from '../../electron/shared/ipc/quotes';
import { reuseUnchangedRows, rowDelta, rowsById } from '../../src/features/quotes/rowReuse';

// A queue refresh arrives as 100 000 fresh objects; only the rows that really changed may reach
// the grid as changes, or every refresh re-sorts and redraws the whole queue.

function row(id: string, overrides: Partial<QuoteQueueRow> = {}): QuoteQueueRow {
  return {
    id,
    quoteNumber: `T-${id}`,
    customerId: 'c',
    customerName: 'Kunde AS',
    customerNumber: '1',
    loyaltyTier: 'gold',
    branchId: 'b',
    branchName: 'Oslo',
    lineCount: 3,
    listValueOre: 1000,
    requestedAt: '2026-11-21T08:00:00.000Z',
    dueAt: '2026-11-22T08:00:00.000Z',
    status: 'requested',
    assigneeId: null,
    assigneeName: null,
    unreadComments: 0,
    pending: false,
    ...overrides,
  };
}

describe('reuseUnchangedRows', () => {
  it('keeps the old object for an equal row and takes the new one for a changed row', () => {
    const before = [row('1'), row('2'), row('3')];
    const fresh = [row('1'), row('2', { status: 'in_progress', assigneeId: 'me', pending: true }), row('3'), row('4')];
    const reused = reuseUnchangedRows(rowsById(before), fresh);
    expect(reused[0]).toBe(before[0]);
    expect(reused[1]).toBe(fresh[1]);
    expect(reused[2]).toBe(before[2]);
    expect(reused[3]).toBe(fresh[3]);
  });

  it('treats a null that became a value as a change', () => {
    const before = [row('1')];
    const reused = reuseUnchangedRows(rowsById(before), [row('1', { assigneeName: 'Kari' })]);
    expect(reused[0]).not.toBe(before[0]);
  });
});

describe('rowDelta', () => {
  it('names exactly the added, changed and removed rows', () => {
    const before = [row('1'), row('2'), row('3')];
    const next = reuseUnchangedRows(rowsById(before), [row('1'), row('2', { unreadComments: 1 }), row('5')]);
    const delta = rowDelta(rowsById(before), next);
    expect(delta.add.map((r) => r.id)).toEqual(['5']);
    expect(delta.update.map((r) => r.id)).toEqual(['2']);
    expect(delta.remove.map((r) => r.id)).toEqual(['3']);
  });

  it('is empty when nothing changed, even with fresh objects', () => {
    const before = [row('1'), row('2')];
    const next = reuseUnchangedRows(rowsById(before), [row('2'), row('1')]);
    expect(rowDelta(rowsById(before), next)).toEqual({ add: [], update: [], remove: [] });
  });

  it('handles 100 000 rows with one change quickly', () => {
    const before = Array.from({ length: 100_000 }, (_, i) => row(String(i)));
    const fresh = before.map((r) => (r.id === '50000' ? { ...r, pending: true } : { ...r }));
    const started = performance.now();
    const delta = rowDelta(rowsById(before), reuseUnchangedRows(rowsById(before), fresh));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(delta.update.map((r) => r.id)).toEqual(['50000']);
    expect(delta.add).toEqual([]);
    expect(delta.remove).toEqual([]);
  });
});
