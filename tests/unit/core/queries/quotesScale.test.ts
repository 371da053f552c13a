import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../../electron/core/cache/open';
import { readQuoteDashboard } from '../../../../electron/core/queries/quoteDashboard';
import { readQuoteQueue } from '../../../../electron/core/queries/quoteQueue';
import { quoteStatusSchema } from '../../../../electron/shared/sync/rows';
import { useTempFiles } from '../cache/cacheFixture';
import { peopleCache, queue } from './quotesFixture';

// A full-size cache: 100 000 quotes with about five lines each (480 000 lines), written in one
// transaction with prepared statements. The queue must list every quote with its own line count
// and list value, in due order. Correctness only: no timing is asserted here.

const QUOTES = 100_000;
const now = new Date('2026-11-21T12:00:00.000Z');
const statuses = quoteStatusSchema.options;

// Quote i: due i minutes after a fixed start, in either spelling; every tenth has three lines.
const dueMs = (i: number): number => Date.UTC(2026, 10, 1) + ((i * 7919) % QUOTES) * 60_000;
const lineCount = (i: number): number => (i % 10 === 0 ? 3 : 5);
const qty = (i: number, position: number): number => 1 + ((i + position) % 4);
const price = (i: number, position: number): number => 1_000 * position + (i % 97);
const listValue = (i: number): number => Array.from({ length: lineCount(i) }, (_, p) => qty(i, p + 1) * price(i, p + 1)).reduce((a, b) => a + b, 0);

describe('the queue on 100 000 quotes', () => {
  const temp = useTempFiles();
  let cache: Cache;

  beforeAll(() => {
    cache = peopleCache(temp.file());
    const sqlite = cache.sqlite;
    const quote = sqlite.prepare(`INSERT INTO quotes (id, quote_number, customer_id, branch_id, project_list_id, status, requested_at, due_at, assignee_id,
      answered_at, valid_until, message_to_customer, decline_reason, order_id, unread_customer_comments, updated_at)
      VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, 0, ?)`);
    const line = sqlite.prepare(`INSERT INTO quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore,
      tier_discount_bp, extra_discount_bp, offered_price_ore) VALUES (?, ?, ?, ?, 'p-1', 'A-1', 'Downlight', ?, ?, 0, 0, NULL)`);
    sqlite.transaction(() => {
      for (let i = 0; i < QUOTES; i++) {
        const id = `q${i}`;
        const due = new Date(dueMs(i)).toISOString();
        // The server's spelling for even quotes, the local effects' for odd ones.
        const dueAt = i % 2 === 0 ? due.replace('.000Z', '+00:00') : due;
        const branch = i % 3 === 0 ? 'b-bergen' : 'b-oslo';
        const requested = new Date(dueMs(i) - 86_400_000).toISOString();
        quote.run(id, `T-${i}`, i % 3 === 0 ? 'c-bergen' : 'c-oslo', branch, statuses[i % statuses.length], requested, dueAt, i % 4 === 0 ? 's-kari' : null, requested);
        for (let p = 1; p <= lineCount(i); p++) line.run(`${id}-${p}`, id, branch, p, qty(i, p), price(i, p));
      }
    })();
    queue(sqlite, 1, 'quote.claim', { quoteId: 'q12345' });
  }, 120_000);
  afterAll(async () => {
    await cache.close();
  });

  it('lists every quote once, due soonest first, each with its own line count and list value', () => {
    const rows = readQuoteQueue(cache.sqlite, { scope: 'all', statuses: [...statuses], branchId: null, breachedOnly: false }, 's-kari', now).rows;
    expect(rows).toHaveLength(QUOTES);
    expect(new Set(rows.map((row) => row.id)).size).toBe(QUOTES);
    const outOfOrder = rows.findIndex((row, k) => k > 0 && Date.parse(row.dueAt) < Date.parse(rows[k - 1]?.dueAt ?? ''));
    expect(outOfOrder).toBe(-1);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const i of [0, 1, 10, 4_999, 12_345, 50_000, 77_777, 99_990, 99_999]) {
      expect(byId.get(`q${i}`), `q${i}`).toMatchObject({ lineCount: lineCount(i), listValueOre: listValue(i), status: statuses[i % statuses.length] });
    }
    expect(rows.filter((row) => row.pending).map((row) => row.id)).toEqual(['q12345']);
    expect(rows.reduce((sum, row) => sum + row.lineCount, 0)).toBe(QUOTES * 5 - (QUOTES / 10) * 2);
  }, 60_000);

  it('filters the large world as the small one: mine, a branch, breached', () => {
    const mine = readQuoteQueue(cache.sqlite, { scope: 'mine', statuses: [], branchId: 'b-bergen', breachedOnly: true }, 's-kari', now).rows;
    const expected = Array.from({ length: QUOTES }, (_, i) => i).filter(
      (i) => i % 4 === 0 && i % 3 === 0 && ['requested', 'in_progress', 'revision_requested'].includes(statuses[i % statuses.length] ?? '') && dueMs(i) < now.getTime(),
    );
    expect(mine.map((row) => row.id).sort()).toEqual(expected.map((i) => `q${i}`).sort());
    expect(mine.length).toBeGreaterThan(100);
    const dashboard = readQuoteDashboard(cache.sqlite, now);
    expect(dashboard.openRequests).toBe(Array.from({ length: QUOTES }, (_, i) => statuses[i % statuses.length]).filter((s) => ['requested', 'in_progress', 'revision_requested'].includes(s ?? '')).length);
  }, 60_000);
});
