import type { Kysely } from 'kysely';
import { makeSynced, run } from './support';

/**
 * Contact-form messages: the customer-service inbox (cancellations, returns, complaints,
 * data-deletion requests …), linked to a customer and an order where the sender gave them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `create table contact_messages (
      id text primary key,
      customer_id text references customers (id) on delete set null,
      order_id text references orders (id) on delete set null,
      -- The customer's branch when known; messages from unknown senders have none.
      branch_id text references branches (id),
      category text not null check (category in ('cancellation', 'return', 'complaint', 'data_deletion', 'migration', 'order_change', 'general')),
      sender_name text not null,
      sender_email text not null,
      subject text not null,
      body text not null,
      received_at timestamptz not null,
      status text not null default 'new' check (status in ('new', 'in_progress', 'closed')),
      assignee_id text references staff (id),
      version bigint not null default 0
    )`,
    `create index contact_messages_status_idx on contact_messages (status, received_at)`,
    `create index contact_messages_customer_idx on contact_messages (customer_id)`,
  ]);
  await makeSynced(db, 'contact_messages');
}
