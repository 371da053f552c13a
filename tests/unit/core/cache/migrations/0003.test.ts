import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCache } from '../../../../../electron/core/cache/migrate';
import { migration0001 } from '../../../../../electron/core/cache/migrations/0001_synced_tables';
import { migration0002 } from '../../../../../electron/core/cache/migrations/0002_local_sync';
import { migration0003 } from '../../../../../electron/core/cache/migrations/0003_outbox_base';

describe('cache migration 0003: the outbox’s base copies and each action’s actor', () => {
  it('migrates a file at version 2 with a queued action, keeping it (without an actor)', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [migration0001, migration0002]);
    sqlite.prepare("INSERT INTO outbox (seq, name, args, created_at) VALUES (1, 'quote.claim', '{\"quoteId\":\"q1\"}', '2026-11-21T08:00:00.000Z')").run();
    expect(migrateCache(sqlite, [migration0001, migration0002, migration0003])).toEqual({ from: 2, to: 3 });
    expect(sqlite.prepare('SELECT seq, name, actor FROM outbox').all()).toEqual([{ seq: 1, name: 'quote.claim', actor: null }]);
    sqlite.close();
  });

  it('keeps one base copy per (table, id), as JSON or NULL for "absent", and refuses anything else', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [migration0001, migration0002, migration0003]);
    const insert = sqlite.prepare('INSERT INTO outbox_base (table_name, row_id, row) VALUES (?, ?, ?)');
    insert.run('quotes', 'q1', '{"id":"q1","status":"requested"}');
    insert.run('quote_comments', 'k1', null);
    insert.run('quote_comments', 'q1', null);
    expect(() => insert.run('quotes', 'q1', null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('quotes', 'q2', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('quotes', null, null)).toThrow(/NOT NULL/);
    expect(() => sqlite.prepare("INSERT INTO outbox (seq, name, args, created_at, actor) VALUES (2, 'quote.claim', '{}', 'now', 'kari')").run()).toThrow(/CHECK/);
    expect(sqlite.prepare('SELECT count(*) FROM outbox_base').pluck().get()).toBe(3);
    sqlite.close();
  });
});
