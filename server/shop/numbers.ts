import { sql, type Transaction } from 'kysely';
import type { Database } from '../db';

/** The human numbers the shop side hands out, in the seeded data's formats. */
const SEQUENCES = {
  quote: { table: 'quotes', column: 'quote_number', prefix: 'T-', first: 100_001 },
  order: { table: 'orders', column: 'order_number', prefix: '', first: 1_000_001 },
  invoice: { table: 'invoices', column: 'invoice_number', prefix: '', first: 30_000_001 },
  return: { table: 'returns', column: 'return_number', prefix: 'R-', first: 500_001 },
} as const;

/** A kind of human number. */
export type NumberKind = keyof typeof SEQUENCES;

/**
 * The next free number of `kind`, e.g. `T-100302` or `1005001`. The counter lives in
 * service_meta and its row stays locked until the transaction ends, so concurrent writers (on
 * any instance) take turns and never draw the same number; a rolled-back write gives its number
 * back. The counter starts from the table's highest number, and starts over from it when the
 * table got ahead (a re-seed), so a number is never handed out twice.
 */
export async function nextNumber(trx: Transaction<Database>, kind: NumberKind): Promise<string> {
  const { prefix } = SEQUENCES[kind];
  const key = `shop_next_${kind}_number`;
  await trx.insertInto('service_meta').values({ key, value: '0' }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await trx.selectFrom('service_meta').select('value').where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
  let next = Number(row.value);
  if (!Number.isSafeInteger(next) || next <= 0 || (await taken(trx, kind, `${prefix}${next}`))) next = await afterHighest(trx, kind);
  await trx.updateTable('service_meta').set({ value: String(next + 1) }).where('key', '=', key).execute();
  return `${prefix}${next}`;
}

async function taken(trx: Transaction<Database>, kind: NumberKind, number: string): Promise<boolean> {
  const { table, column } = SEQUENCES[kind];
  const result = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} where ${sql.ref(column)} = ${number} limit 1`.execute(trx);
  return result.rows.length > 0;
}

// substr with an int position: `substring(x from $1)` would take a text parameter as a regex.
async function afterHighest(trx: Transaction<Database>, kind: NumberKind): Promise<number> {
  const { table, column, prefix, first } = SEQUENCES[kind];
  const pattern = `^${prefix}[0-9]{1,15}$`;
  const result = await sql<{ highest: string | null }>`select max(substr(${sql.ref(column)}, ${prefix.length + 1}::int)::bigint)::text as highest
    from ${sql.table(table)} where ${sql.ref(column)} ~ ${pattern}`.execute(trx);
  const highest = Number(result.rows[0]?.highest ?? 0);
  return Math.max(first, highest + 1);
}
