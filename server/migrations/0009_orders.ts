import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/**
 * Orders and their lines (domain.md, "Orders"). A line moves open → in_preparation → shipped →
 * delivered, or is cancelled; cancellation is counted per line (`cancelled_qty`), so a line can
 * also be cancelled in part. The payment method is fixed once the order exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table orders (
      id text primary key,
      order_number text not null unique,
      customer_id text not null references customers (id) on delete cascade,
      branch_id text not null references branches (id),
      quote_id text references quotes (id) on delete set null,
      placed_by_user_id text references company_users (id) on delete set null,
      payment_method text not null check (payment_method in ('invoice', 'card', 'prepayment')),
      billing_address_id text references addresses (id) on delete set null,
      delivery_address_id text references addresses (id) on delete set null,
      requested_delivery_date date,
      partial_delivery boolean not null default false,
      -- Charged once per order with a bulky item (domain.md), independent of shipping costs.
      bulky_surcharge_ore integer not null default 0 check (bulky_surcharge_ore >= 0),
      placed_at timestamptz not null,
      version bigint not null default 0,
      constraint orders_delivery_option check (not (partial_delivery and requested_delivery_date is not null))
    )`,
    `create index orders_customer_idx on orders (customer_id, placed_at)`,
    `create index orders_branch_placed_idx on orders (branch_id, placed_at)`,
    `create table order_lines (
      id text primary key,
      order_id text not null references orders (id) on delete cascade,
      branch_id text not null references branches (id),
      line_no integer not null,
      product_id text not null references products (id),
      qty integer not null check (qty > 0),
      cancelled_qty integer not null default 0 check (cancelled_qty >= 0),
      unit_price_ore integer not null check (unit_price_ore >= 0),
      status text not null default 'open' check (status in ('open', 'in_preparation', 'shipped', 'delivered', 'cancelled')),
      shipment_id text,
      version bigint not null default 0,
      unique (order_id, line_no),
      constraint order_lines_cancelled_le_qty check (cancelled_qty <= qty),
      constraint order_lines_cancelled_all check ((status = 'cancelled') = (cancelled_qty = qty))
    )`,
    `create index order_lines_order_idx on order_lines (order_id)`,
    `create index order_lines_status_idx on order_lines (status) where status in ('open', 'in_preparation')`,
  ]);
  for (const table of ['orders', 'order_lines']) await makeSynced(db, table);
}
