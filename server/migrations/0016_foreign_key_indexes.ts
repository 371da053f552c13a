import type { Kysely } from 'kysely';
import { run } from './support';

// PostgreSQL does not index the referencing side of a foreign key. Without these, deleting a
// parent (a shipment, a quote, an address, a company user …) scans the child table once per
// deleted row; a GDPR erasure or a data reset would crawl.
const indexes: readonly [table: string, column: string][] = [
  ['order_lines', 'shipment_id'],
  ['order_lines', 'product_id'],
  ['orders', 'quote_id'],
  ['orders', 'placed_by_user_id'],
  ['orders', 'billing_address_id'],
  ['orders', 'delivery_address_id'],
  ['quotes', 'project_list_id'],
  ['quote_lines', 'product_id'],
  ['quote_comments', 'author_user_id'],
  ['project_lists', 'created_by_user_id'],
  ['project_list_items', 'product_id'],
  ['returns', 'customer_id'],
  ['return_lines', 'order_line_id'],
  ['contact_messages', 'order_id'],
  ['sync_clients', 'staff_id'],
];

/** Indexes the referencing columns of foreign keys whose parents can be deleted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(
    db,
    indexes.map(([table, column]) => `create index ${table}_${column}_idx on ${table} (${column})`),
  );
}

/** For the migration's test: which columns it indexes. */
export const indexedForeignKeys = indexes;
