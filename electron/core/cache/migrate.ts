import type BetterSqlite3 from 'better-sqlite3';
import { migration0001 } from './migrations/0001_synced_tables';
import { migration0002 } from './migrations/0002_local_sync';
import { migration0003 } from './migrations/0003_outbox_base';
import { migration0004 } from './migrations/0004_quote_queue_indexes';
import { migration0005 } from './migrations/0005_customer_search';

/** One schema step of the local cache: statements run in one transaction. */
export interface CacheMigration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Every migration, oldest first; versions count up from 1 without gaps. */
export const cacheMigrations: readonly CacheMigration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];

/** The schema version this build of the app writes. */
export const CACHE_SCHEMA_VERSION = cacheMigrations.length;

/** The cache file cannot be used by this build; `code` tells why. */
export class CacheSchemaError extends Error {
  constructor(
    readonly code: 'CACHE_SCHEMA_TOO_NEW' | 'CACHE_MIGRATION_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'CacheSchemaError';
  }
}

/**
 * Brings the cache file up to {@link CACHE_SCHEMA_VERSION}. Refuses a file written by a newer
 * app (it may hold tables or meanings this build does not know) and one whose recorded
 * migrations differ from ours, rather than guessing. Each migration is one transaction, so a
 * crash leaves the file at a whole version.
 */
export function migrateCache(sqlite: BetterSqlite3.Database, migrations: readonly CacheMigration[] = cacheMigrations): { from: number; to: number } {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS cache_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`);
  const applied = sqlite.prepare('SELECT version, name FROM cache_migrations ORDER BY version').all() as Array<{ version: number; name: string }>;
  const newest = applied.at(-1)?.version ?? 0;
  const known = migrations.length;
  if (newest > known) {
    throw new CacheSchemaError(
      'CACHE_SCHEMA_TOO_NEW',
      `The local data was written by a newer version of Lysdesk (schema ${newest}, this version knows ${known}). Update the app, or remove the local data to sync again.`,
    );
  }
  applied.forEach((row, index) => {
    const expected = migrations[index];
    if (expected === undefined || row.version !== expected.version || row.name !== expected.name) {
      throw new CacheSchemaError(
        'CACHE_MIGRATION_MISMATCH',
        `The local data has migration ${row.version} "${row.name}" where this version expects ${expected === undefined ? 'none' : `${expected.version} "${expected.name}"`}. Remove the local data to sync again.`,
      );
    }
  });
  const record = sqlite.prepare('INSERT INTO cache_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.slice(applied.length)) {
    sqlite.transaction(() => {
      for (const statement of migration.statements) sqlite.exec(statement);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
  return { from: newest, to: known };
}
