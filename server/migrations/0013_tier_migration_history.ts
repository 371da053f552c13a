import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/** History of loyalty-tier changes (always manual, with a reason) and of migration steps. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table loyalty_tier_changes (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      from_tier text not null check (from_tier in ('silver', 'gold', 'platinum')),
      to_tier text not null check (to_tier in ('silver', 'gold', 'platinum')),
      reason text not null check (length(reason) > 0),
      changed_by text not null references staff (id),
      changed_at timestamptz not null default now(),
      version bigint not null default 0,
      constraint loyalty_tier_changes_differs check (from_tier <> to_tier)
    )`,
    `create index loyalty_tier_changes_customer_idx on loyalty_tier_changes (customer_id, changed_at)`,
    `create table migration_events (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      action text not null,
      from_state text not null,
      to_state text not null,
      reason text,
      actor_kind text not null check (actor_kind in ('staff', 'customer', 'system')),
      actor_id text,
      at timestamptz not null default now(),
      version bigint not null default 0
    )`,
    `create index migration_events_customer_idx on migration_events (customer_id, at)`,
  ]);
  for (const table of ['loyalty_tier_changes', 'migration_events']) await makeSynced(db, table);
}
