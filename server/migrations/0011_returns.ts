import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/** Returns (50-day window, no reason needed) and warranty claims (12 months), line by line. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table returns (
      id text primary key,
      return_number text not null unique,
      order_id text not null references orders (id) on delete cascade,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      kind text not null check (kind in ('return', 'warranty')),
      status text not null default 'requested' check (status in ('requested', 'authorized', 'received', 'refunded', 'rejected')),
      reason text,
      -- A carrier of the customer's own choice: transport costs and duties are not refunded.
      own_carrier boolean not null default false,
      requested_at timestamptz not null,
      decided_at timestamptz,
      decided_by text references staff (id),
      rejection_reason text,
      version bigint not null default 0,
      constraint returns_warranty_reason check (kind <> 'warranty' or reason is not null),
      constraint returns_rejection_reason check (status <> 'rejected' or rejection_reason is not null)
    )`,
    `create index returns_order_idx on returns (order_id)`,
    `create index returns_branch_status_idx on returns (branch_id, status)`,
    `create table return_lines (
      id text primary key,
      return_id text not null references returns (id) on delete cascade,
      branch_id text not null references branches (id),
      order_line_id text not null references order_lines (id) on delete cascade,
      qty integer not null check (qty > 0),
      version bigint not null default 0
    )`,
    `create index return_lines_return_idx on return_lines (return_id)`,
  ]);
  for (const table of ['returns', 'return_lines']) await makeSynced(db, table);
}
