import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { useTestDatabases } from '../backends';
import type { DbKind } from '../../../../server/db';

/** A database migrated up to and including `version`, for one test file. */
export function useMigratedDatabase(kind: DbKind, version: number): { db(): Kysely<unknown> } {
  const databases = useTestDatabases(kind);
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await migrate(handle.db, migrations.filter((m) => m.version <= version));
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    db() {
      if (!handle) throw new Error('database not open yet');
      return handle.db as unknown as Kysely<unknown>;
    },
  };
}

/** Runs a statement; a small helper so tests read as SQL. */
export async function exec(db: Kysely<unknown>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}

/** The column names of `table`, in order. */
export async function columnsOf(db: Kysely<unknown>, table: string): Promise<string[]> {
  const result = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return result.rows.map((row) => row.column_name);
}

/** Asserts that `table` is wired into sync: a stamped version on write and a tombstone on delete. */
export async function expectSynced(db: Kysely<unknown>, table: string, id: string): Promise<void> {
  const version = async (): Promise<number> => {
    const result = await sql<{ version: string }>`select version from ${sql.table(table)} where id = ${id}`.execute(db);
    return Number(result.rows[0]?.version);
  };
  const before = await version();
  expect(before).toBeGreaterThan(0);
  await sql`update ${sql.table(table)} set id = id where id = ${id}`.execute(db);
  expect(await version()).toBeGreaterThan(before);
  const tombs = await sql<{ n: string }>`select count(*) as n from sync_tombstones where table_name = ${table}`.execute(db);
  expect(Number(tombs.rows[0]?.n)).toBe(0);
}

/** Asserts that `statement` is refused by the database with a message matching `pattern`. */
export async function expectRefused(db: Kysely<unknown>, statement: string, pattern: RegExp): Promise<void> {
  await expect(sql.raw(statement).execute(db)).rejects.toThrow(pattern);
}

/** The minimum rows most domain tables hang off: a branch, a consultant, a customer, a product. */
export const baseRows = [
  `insert into branches (id, name, city) values ('b1', 'Oslo', 'Oslo'), ('b2', 'Bergen', 'Bergen')`,
  `insert into staff (id, username, name, role, branch_id, password_hash) values ('s1', 'k@demo', 'Kari', 'consultant', 'b1', 'x')`,
];

/** Rows for a customer and a product (needs migrations 5 and 6). */
export const customerRows = [
  `insert into customers (id, customer_number, org_number, name, consultant_id, branch_id)
     values ('c1', '100001', '923609016', 'Lys og Strøm AS', 's1', 'b1')`,
  `insert into products (id, article_number, name_nb, category, list_price_ore, cost_price_ore, bulky)
     values ('p1', 'LED-1001', 'Downlight LED 10 W 3000 K', 'downlights', 49900, 21000, false)`,
];
