import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SyncTableName } from '../../electron/shared/sync/rows';
import type { Database } from '../db';
import { HttpError } from '../errors';

type BranchTable = Exclude<SyncTableName, 'branches' | 'staff' | 'products'>;

// The rows of a customer in each branch table, as a condition on that table's columns. A
// Record over every branch table, so a new synced table that forgets its line does not compile.
const CUSTOMER_ROWS: Readonly<Record<BranchTable, (customerId: string) => RawBuilder<unknown>>> = {
  customers: (c) => sql`id = ${c}`,
  company_users: (c) => sql`customer_id = ${c}`,
  addresses: (c) => sql`customer_id = ${c}`,
  project_lists: (c) => sql`customer_id = ${c}`,
  project_list_items: (c) => sql`project_list_id in (select id from project_lists where customer_id = ${c})`,
  quotes: (c) => sql`customer_id = ${c}`,
  quote_lines: (c) => sql`quote_id in (select id from quotes where customer_id = ${c})`,
  quote_comments: (c) => sql`quote_id in (select id from quotes where customer_id = ${c})`,
  quote_events: (c) => sql`quote_id in (select id from quotes where customer_id = ${c})`,
  orders: (c) => sql`customer_id = ${c}`,
  order_lines: (c) => sql`order_id in (select id from orders where customer_id = ${c})`,
  shipments: (c) => sql`order_id in (select id from orders where customer_id = ${c})`,
  invoices: (c) => sql`order_id in (select id from orders where customer_id = ${c})`,
  returns: (c) => sql`customer_id = ${c}`,
  return_lines: (c) => sql`return_id in (select id from returns where customer_id = ${c})`,
  contact_messages: (c) => sql`customer_id = ${c}`,
  loyalty_tier_changes: (c) => sql`customer_id = ${c}`,
  migration_events: (c) => sql`customer_id = ${c}`,
};

/** How many rows of each table moved. */
export type MovedRows = Partial<Record<BranchTable, number>>;

/**
 * Moves a customer and every row that hangs off it to `branchId`, in one transaction, and logs
 * each moved row in sync_branch_moves so that staff of the old branch get a `del` on their
 * next pull (staff of the new branch get the rows as puts: their versions are new).
 * A 404 NOT_FOUND for an unknown customer or branch; a no-op when it is already there.
 */
export async function moveCustomerToBranch(db: Kysely<Database>, customerId: string, branchId: string): Promise<MovedRows> {
  return db.transaction().execute(async (trx) => {
    // The row lock keeps two moves of one customer from interleaving (and gives the transaction
    // its id before any version is taken; see pull.ts, "settle").
    const customer = await trx.selectFrom('customers').select('branch_id').where('id', '=', customerId).forUpdate().executeTakeFirst();
    if (customer === undefined) throw new HttpError(404, 'NOT_FOUND', `There is no customer ${customerId}.`);
    const branch = await trx.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst();
    if (branch === undefined) throw new HttpError(404, 'NOT_FOUND', `There is no branch ${branchId}.`);
    const from = customer.branch_id;
    const moved: MovedRows = {};
    if (from === branchId) return moved;
    for (const [table, rowsOf] of Object.entries(CUSTOMER_ROWS) as Array<[BranchTable, (c: string) => RawBuilder<unknown>]>) {
      // Only rows in the old branch: a contact message without a branch stays without one.
      const result = await sql<{ n: number }>`
        with moved as (
          update ${sql.table(table)} set branch_id = ${branchId}
          where ${rowsOf(customerId)} and branch_id = ${from} returning id
        ), logged as (
          insert into sync_branch_moves (table_name, row_id, from_branch_id) select ${table}, id, ${from} from moved returning 1
        )
        select count(*)::int as n from logged`.execute(trx);
      const n = result.rows[0]?.n ?? 0;
      if (n > 0) moved[table] = n;
    }
    return moved;
  });
}
