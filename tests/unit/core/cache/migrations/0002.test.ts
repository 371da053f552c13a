import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCache } from '../../../../../electron/core/cache/migrate';
import { migration0001 } from '../../../../../electron/core/cache/migrations/0001_synced_tables';
import { migration0002 } from '../../../../../electron/core/cache/migrations/0002_local_sync';

describe('cache migration 0002: sync state, outbox, Needs attention', () => {
  it('migrates a file at version 1 with data, keeping the data', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [migration0001]);
    sqlite.prepare("INSERT INTO branches VALUES ('b1', 'Oslo', 'Oslo')").run();
    expect(migrateCache(sqlite, [migration0001, migration0002])).toEqual({ from: 1, to: 2 });
    expect(sqlite.prepare('SELECT name FROM branches').get()).toEqual({ name: 'Oslo' });
    sqlite.close();
  });

  it('keeps outbox seqs unique and refuses an outbox row without a name', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [migration0001, migration0002]);
    const insert = sqlite.prepare('INSERT INTO outbox (seq, name, args, created_at) VALUES (?, ?, ?, ?)');
    insert.run(1, 'quote.claim', '{"quoteId":"q1"}', '2026-11-21T08:00:00.000Z');
    expect(sqlite.prepare('SELECT attempts, last_error FROM outbox WHERE seq = 1').get()).toEqual({ attempts: 0, last_error: null });
    expect(() => insert.run(1, 'quote.release', '{}', '2026-11-21T08:00:00.000Z')).toThrow(/UNIQUE/);
    expect(() => insert.run(2, null, '{}', '2026-11-21T08:00:00.000Z')).toThrow(/NOT NULL/);
    sqlite.close();
  });
});
