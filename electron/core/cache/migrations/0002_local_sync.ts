import type { CacheMigration } from '../migrate';

// What only the client keeps: where its pulls stand, the outbox of staff actions not yet
// confirmed by the server, and the rejections the staff member has not dismissed yet.

/** Migration 2: sync state, outbox and the Needs attention list. */
export const migration0002: CacheMigration = {
  version: 2,
  name: 'local_sync',
  statements: [
    // One row per key: client_id, staff_id, cursor, last_pull_at, pending_cursor …
    `CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT`,
    // seq is the mutation's per-client sequence number (protocol.md, "Push"): it never repeats.
    `CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT
) STRICT`,
    `CREATE TABLE needs_attention (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  rejected_at TEXT NOT NULL,
  object_table TEXT,
  object_id TEXT
) STRICT`,
  ],
};
