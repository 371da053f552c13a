import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCache } from '../../../../../electron/core/cache/migrate';
import { migration0001 } from '../../../../../electron/core/cache/migrations/0001_synced_tables';
import { migration0002 } from '../../../../../electron/core/cache/migrations/0002_local_sync';
import { migration0003 } from '../../../../../electron/core/cache/migrations/0003_outbox_base';
import { migration0004 } from '../../../../../electron/core/cache/migrations/0004_quote_queue_indexes';

const upTo3 = [migration0001, migration0002, migration0003];

function indexes(sqlite: BetterSqlite3.Database, table: string): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table) as string[]);
}

function addQuote(sqlite: BetterSqlite3.Database, id: string, status: string, dueAt: string, answeredAt: string | null = null): void {
  sqlite
    .prepare(`INSERT INTO quotes (id, quote_number, customer_id, branch_id, status, requested_at, due_at, answered_at, unread_customer_comments, updated_at)
      VALUES (?, ?, 'c1', 'b1', ?, '2026-11-20T08:00:00+00:00', ?, ?, 0, '2026-11-20T08:00:00+00:00')`)
    .run(id, `T-${id}`, status, dueAt, answeredAt);
}

describe('cache migration 0004: the quote queue’s indexes', () => {
  it('migrates a file at version 3 with quotes and lines, keeping every row, and swaps the indexes', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, upTo3);
    addQuote(sqlite, 'q1', 'requested', '2026-11-21T08:00:00+00:00');
    sqlite
      .prepare(`INSERT INTO quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore, tier_discount_bp, extra_discount_bp)
        VALUES ('l1', 'q1', 'b1', 1, 'p1', 'A-1', 'Downlight', 3, 49900, 0, 0)`)
      .run();
    expect(indexes(sqlite, 'quotes')).toEqual(['quotes_customer_idx', 'quotes_status_due_idx']);

    expect(migrateCache(sqlite, [...upTo3, migration0004])).toEqual({ from: 3, to: 4 });
    expect(indexes(sqlite, 'quotes')).toEqual(['quotes_answered_time_idx', 'quotes_assignee_idx', 'quotes_customer_idx', 'quotes_due_time_idx', 'quotes_status_due_time_idx']);
    expect(indexes(sqlite, 'quote_lines')).toEqual(['quote_lines_quote_value_idx']);
    expect(indexes(sqlite, 'staff')).toEqual(['staff_role_branch_idx']);
    expect(sqlite.prepare('SELECT id, status FROM quotes').all()).toEqual([{ id: 'q1', status: 'requested' }]);
    expect(sqlite.prepare('SELECT quote_id, qty, list_price_ore FROM quote_lines').all()).toEqual([{ quote_id: 'q1', qty: 3, list_price_ore: 49900 }]);
    sqlite.close();
  });

  it('orders due times of every ISO spelling as instants through the index, and takes unreadable ones without failing', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [...upTo3, migration0004]);
    addQuote(sqlite, 'utc-z', 'requested', '2026-11-21T10:30:00.000Z');
    addQuote(sqlite, 'plus-one', 'requested', '2026-11-21T11:00:00+01:00'); // 10:00 UTC
    addQuote(sqlite, 'micro', 'requested', '2026-11-21T10:15:00.123456+00:00');
    addQuote(sqlite, 'no-fraction', 'requested', '2026-11-21T10:30:00+00:00'); // the same instant as utc-z
    addQuote(sqlite, 'garbage', 'requested', 'not a time');
    const ordered = "SELECT id FROM quotes INDEXED BY quotes_status_due_time_idx WHERE status = 'requested' ORDER BY unixepoch(due_at, 'subsec'), id";
    expect(sqlite.prepare(ordered).pluck().all()).toEqual(['garbage', 'plus-one', 'micro', 'no-fraction', 'utc-z']);
    const before = "SELECT id FROM quotes WHERE status = 'requested' AND unixepoch(due_at, 'subsec') < ? ORDER BY id";
    expect(sqlite.prepare(before).pluck().all(Date.parse('2026-11-21T10:30:00Z') / 1000)).toEqual(['micro', 'plus-one']);
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${before}`).all(0) as Array<{ detail: string }>).map((step) => step.detail);
    expect(plan[0]).toBe('SEARCH quotes USING INDEX quotes_status_due_time_idx (status=? AND <expr><?)');
    sqlite.close();
  });

  it('keeps open quotes out of the answered-time index', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [...upTo3, migration0004]);
    addQuote(sqlite, 'open', 'requested', '2026-11-21T10:00:00Z');
    addQuote(sqlite, 'answered', 'answered', '2026-11-21T10:00:00Z', '2026-11-21T09:00:00+00:00');
    const query = "SELECT id FROM quotes WHERE answered_at IS NOT NULL AND unixepoch(answered_at, 'subsec') >= 0";
    expect(sqlite.prepare(query).pluck().all()).toEqual(['answered']);
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as Array<{ detail: string }>).map((step) => step.detail);
    expect(plan).toEqual(['SEARCH quotes USING INDEX quotes_answered_time_idx (<expr>>?)']);
    sqlite.close();
  });
});
