import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateCache } from './migrate';
import type { CacheDatabase } from './schema';

/** An open, migrated cache file. */
export interface Cache {
  /** The raw connection, for bulk ingest and for writes that must be synchronous. */
  sqlite: BetterSqlite3.Database;
  /** Typed queries over the same connection. */
  db: Kysely<CacheDatabase>;
  close(): Promise<void>;
}

/** Where the cache lives: a file, or ':memory:' for throwaway use. */
export interface CacheOptions {
  file: string;
}

/**
 * Opens the cache: WAL (readers never wait for the writer, and a crash loses no committed
 * transaction), synchronous=NORMAL for the bulk of writes (durable up to the last checkpoint
 * of the WAL; the outbox raises it to FULL around its own writes), then migrates.
 */
export function openCache(options: CacheOptions): Cache {
  const sqlite = new BetterSqlite3(options.file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = OFF');
    migrateCache(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<CacheDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  return {
    sqlite,
    db,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes the better-sqlite3 connection it was given.
      await db.destroy();
    },
  };
}
