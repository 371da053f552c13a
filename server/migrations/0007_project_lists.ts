import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/** Customers' project lists (prosjektlister) and their items, from which quotes are requested. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table project_lists (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      name text not null,
      created_by_user_id text references company_users (id) on delete set null,
      created_at timestamptz not null default now(),
      version bigint not null default 0
    )`,
    `create index project_lists_customer_idx on project_lists (customer_id)`,
    `create table project_list_items (
      id text primary key,
      project_list_id text not null references project_lists (id) on delete cascade,
      branch_id text not null references branches (id),
      product_id text not null references products (id),
      qty integer not null check (qty > 0),
      version bigint not null default 0
    )`,
    `create index project_list_items_list_idx on project_list_items (project_list_id)`,
  ]);
  for (const table of ['project_lists', 'project_list_items']) await makeSynced(db, table);
}
