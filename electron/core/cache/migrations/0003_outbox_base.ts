import type { CacheMigration } from '../migrate';

// The server's side of every row a pending staff action has changed locally. The synced tables
// show server state with the pending actions' effects on top; to put a new server row under
// those effects (rebase) or to undo a rejected one, the outbox needs the server's row as it was
// before the first pending effect. `row` is that row as the cache stores it (JSON of its
// columns), or NULL when the server has no such row (the effect created it).
//
// An effect is re-applied on every rebase and must come out the same each time, so each
// outbox row also keeps who acted (id, role, branch), not only what and when.

/** Migration 3: the outbox's base copies, and the actor of each queued mutation. */
export const migration0003: CacheMigration = {
  version: 3,
  name: 'outbox_base',
  statements: [
    `CREATE TABLE outbox_base (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  row TEXT CHECK (row IS NULL OR json_valid(row)),
  PRIMARY KEY (table_name, row_id)
) STRICT, WITHOUT ROWID`,
    // Nullable, so adding it keeps every existing row (and older readers) valid.
    'ALTER TABLE outbox ADD COLUMN actor TEXT CHECK (actor IS NULL OR json_valid(actor))',
  ],
};
