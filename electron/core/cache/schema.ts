import type { SyncRow, SyncTableName } from '../../shared/sync/rows';

// Row types of the cache as SQLite stores them: booleans as 0/1 and JSON objects as text;
// everything else as on the wire.

type Stored<V> = V extends boolean ? number : V extends Record<string, unknown> ? string : V;

/** A synced row as stored in the cache. */
export type CacheRow<T extends SyncTableName> = { [K in keyof SyncRow<T>]: Stored<SyncRow<T>[K]> };

/** The client-only tables (migrations 0002 and 0003). */
export interface LocalTables {
  sync_state: { key: string; value: string };
  outbox: {
    seq: number;
    name: string;
    args: string;
    created_at: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: string | null;
    /** JSON of who acted (migration 0003); null on rows from before it. */
    actor: string | null;
  };
  /** The server's copy of rows pending effects changed (migration 0003); `row` null = absent there. */
  outbox_base: { table_name: string; row_id: string; row: string | null };
  needs_attention: {
    seq: number;
    name: string;
    args: string;
    code: string;
    message: string;
    created_at: string;
    rejected_at: string;
    object_table: string | null;
    object_id: string | null;
  };
  cache_migrations: { version: number; name: string; applied_at: string };
}

/** Kysely's view of the cache file. */
export type CacheDatabase = { [T in SyncTableName]: CacheRow<T> } & LocalTables;
