import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CACHE_SCHEMA_VERSION, CacheSchemaError, cacheMigrations, migrateCache, type CacheMigration } from '../../../../electron/core/cache/migrate';
import { openCache } from '../../../../electron/core/cache/open';
import { useTempFiles } from './cacheFixture';

describe('cache migrations', () => {
  const temp = useTempFiles();

  it('numbers the migrations 1, 2, … without gaps, with distinct names', () => {
    expect(cacheMigrations.map((migration) => migration.version)).toEqual(cacheMigrations.map((_, index) => index + 1));
    expect(new Set(cacheMigrations.map((migration) => migration.name)).size).toBe(cacheMigrations.length);
  });

  it('opens a new file in WAL mode at the current schema, and reopens it without migrating again', async () => {
    const file = temp.file();
    const cache = openCache({ file });
    expect(cache.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.sqlite.prepare('SELECT count(*) AS n FROM cache_migrations').get()).toEqual({ n: CACHE_SCHEMA_VERSION });
    await cache.close();
    const again = new BetterSqlite3(file);
    expect(migrateCache(again)).toEqual({ from: CACHE_SCHEMA_VERSION, to: CACHE_SCHEMA_VERSION });
    again.close();
  });

  it('refuses a file written by a newer app, and leaves it untouched', () => {
    const file = temp.file();
    openCache({ file }).sqlite.close();
    const sqlite = new BetterSqlite3(file);
    sqlite.prepare('INSERT INTO cache_migrations VALUES (?, ?, ?)').run(CACHE_SCHEMA_VERSION + 1, 'from_the_future', '2030-01-01T00:00:00.000Z');
    sqlite.close();
    let caught: unknown;
    try {
      openCache({ file });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CacheSchemaError);
    expect((caught as CacheSchemaError).code).toBe('CACHE_SCHEMA_TOO_NEW');
    expect((caught as Error).message).toMatch(/newer version of Lysdesk/);
    const check = new BetterSqlite3(file);
    expect(check.prepare('SELECT max(version) AS v FROM cache_migrations').get()).toEqual({ v: CACHE_SCHEMA_VERSION + 1 });
    check.close();
  });

  it('refuses a file whose recorded migrations are not ours', () => {
    const sqlite = new BetterSqlite3(temp.file());
    migrateCache(sqlite);
    sqlite.prepare('UPDATE cache_migrations SET name = ? WHERE version = 1').run('something_else');
    expect(() => migrateCache(sqlite)).toThrow(expect.objectContaining({ code: 'CACHE_MIGRATION_MISMATCH' }));
    sqlite.close();
  });

  it('rolls a failing migration back whole: the file stays at the version before', () => {
    const sqlite = new BetterSqlite3(temp.file());
    const broken: CacheMigration[] = [
      ...cacheMigrations,
      { version: cacheMigrations.length + 1, name: 'broken', statements: ['CREATE TABLE half_done (x INTEGER) STRICT', 'THIS IS NOT SQL'] },
    ];
    expect(() => migrateCache(sqlite, broken)).toThrow();
    expect(sqlite.prepare('SELECT max(version) AS v FROM cache_migrations').get()).toEqual({ v: cacheMigrations.length });
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    sqlite.close();
  });
});
