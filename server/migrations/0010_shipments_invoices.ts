import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/** Shipments with tracking, and one invoice per shipment (only shipped goods are charged). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table shipments (
      id text primary key,
      order_id text not null references orders (id) on delete cascade,
      branch_id text not null references branches (id),
      carrier text not null,
      tracking_number text not null,
      -- Large or heavy goods go by freight forwarder, who phones the customer for a date.
      freight_forwarder boolean not null default false,
      shipped_at timestamptz not null,
      delivered_at timestamptz,
      version bigint not null default 0,
      constraint shipments_delivered_after_shipped check (delivered_at is null or delivered_at >= shipped_at)
    )`,
    `create index shipments_order_idx on shipments (order_id)`,
    `alter table order_lines add constraint order_lines_shipment_fk foreign key (shipment_id) references shipments (id)`,
    `create table invoices (
      id text primary key,
      invoice_number text not null unique,
      shipment_id text not null unique references shipments (id) on delete cascade,
      order_id text not null references orders (id) on delete cascade,
      branch_id text not null references branches (id),
      amount_ore integer not null check (amount_ore >= 0),
      issued_at timestamptz not null,
      emailed_at timestamptz,
      version bigint not null default 0
    )`,
    `create index invoices_order_idx on invoices (order_id)`,
  ]);
  for (const table of ['shipments', 'invoices']) await makeSynced(db, table);
}
