import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/**
 * Customers (companies), their company users and addresses (domain.md, "Customers").
 * Every row of a customer carries the customer's `branch_id`, so a pull can pick a branch's
 * rows without joins and tell when a row leaves a staff member's sight.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table customers (
      id text primary key,
      customer_number text not null unique,
      org_number text not null check (org_number ~ '^[0-9]{9}$'),
      name text not null,
      loyalty_tier text not null default 'silver' check (loyalty_tier in ('silver', 'gold', 'platinum')),
      consultant_id text references staff (id),
      branch_id text not null references branches (id),
      migration_state text not null default 'not_started' check (migration_state in
        ('not_started', 'switched_on', 'form_submitted', 'activated', 'deferred', 'interest_registered', 'old_shop_reactivated')),
      migration_deferred_until date,
      old_shop_access boolean not null default true,
      phone text,
      email text,
      created_at timestamptz not null default now(),
      version bigint not null default 0
    )`,
    `create index customers_branch_idx on customers (branch_id)`,
    `create index customers_consultant_idx on customers (consultant_id)`,
    `create index customers_org_number_idx on customers (org_number)`,
    `create table company_users (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'purchaser', 'viewer')),
      old_shop_username text,
      new_shop_activated_at timestamptz,
      version bigint not null default 0
    )`,
    // In the new shop the e-mail is the username: one account per address.
    `create unique index company_users_email_key on company_users (lower(email))`,
    `create index company_users_customer_idx on company_users (customer_id)`,
    `create table addresses (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      kind text not null check (kind in ('business', 'billing', 'delivery')),
      name text,
      line1 text not null,
      line2 text,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      city text not null,
      country text not null default 'NO',
      version bigint not null default 0
    )`,
    // One business and one billing address per customer; any number of delivery addresses.
    `create unique index addresses_one_business_billing on addresses (customer_id, kind) where kind in ('business', 'billing')`,
    `create index addresses_customer_idx on addresses (customer_id)`,
  ]);
  for (const table of ['customers', 'company_users', 'addresses']) await makeSynced(db, table);
}
