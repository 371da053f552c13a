import type { Kysely } from 'kysely';
import { run } from './support';

/**
 * Push bookkeeping (protocol.md, "Push"): each client's last applied seq, and the stored
 * outcome of every mutation so a replayed seq gets the same answer without a second effect.
 * Also the log of rows that changed branch, so an incremental pull can send `del` to staff
 * who could see a row before and cannot any more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table sync_clients (
      client_id text primary key,
      staff_id text not null references staff (id),
      last_seq bigint not null default 0 check (last_seq >= 0),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    )`,
    `create table sync_mutation_outcomes (
      client_id text not null references sync_clients (client_id) on delete cascade,
      seq bigint not null check (seq > 0),
      name text not null,
      status text not null check (status in ('applied', 'rejected')),
      code text,
      message text,
      applied_at timestamptz not null default now(),
      primary key (client_id, seq),
      constraint sync_mutation_outcomes_rejected_code check ((status = 'rejected') = (code is not null))
    )`,
    `create table sync_branch_moves (
      version bigint primary key default nextval('sync_version_seq'),
      table_name text not null,
      row_id text not null,
      from_branch_id text not null,
      moved_at timestamptz not null default now()
    )`,
    // Keep tombstones findable by age, for pruning and for RESYNC_REQUIRED decisions.
    `create index sync_tombstones_deleted_at_idx on sync_tombstones (deleted_at)`,
  ]);
}
