import { sql, type Kysely } from 'kysely';
import { syncRowSchemas, syncTableNames, type SyncRow, type SyncTableName } from '../../electron/shared/sync/rows';
import type { Database } from '../db';

/** A table the seed fills: every synced table. */
export type SeedTable = SyncTableName;

/** The staff columns that never cross the wire but the seed must write. */
export interface StaffSecrets {
  username: string;
  password_hash: string;
  created_at: string;
}

/** A row as the seed writes it: the wire row (all columns but `version`), plus staff's secrets. */
export type SeedRow<T extends SeedTable> = T extends 'staff' ? SyncRow<'staff'> & StaffSecrets : SyncRow<T>;

/**
 * Tables in an order where every referenced row is written before the rows pointing at it: the
 * synced tables' own order, which the pull uses for the same reason.
 */
export const insertOrder: readonly SeedTable[] = syncTableNames;

type Value = string | number | boolean | null | Record<string, unknown>;

/** Rows generated but not written yet, per table. */
export class RowBuffer {
  private rows = new Map<SeedTable, Array<Record<string, Value>>>();
  private largestCount = 0;

  /** Queues `row` for `table`. */
  add<T extends SeedTable>(table: T, row: SeedRow<T>): void {
    let list = this.rows.get(table);
    if (list === undefined) {
      list = [];
      this.rows.set(table, list);
    }
    list.push(row as unknown as Record<string, Value>);
    if (list.length > this.largestCount) this.largestCount = list.length;
  }

  /** Rows queued in the fullest table. */
  largest(): number {
    return this.largestCount;
  }

  /** Hands over everything queued and starts empty again. */
  take(): Map<SeedTable, Array<Record<string, Value>>> {
    const taken = this.rows;
    this.rows = new Map();
    this.largestCount = 0;
    return taken;
  }
}

/** The column names of `table` the seed writes, in the wire schema's order. */
export function seedColumns(table: SeedTable): string[] {
  const columns = Object.keys(syncRowSchemas[table].shape);
  return table === 'staff' ? [...columns, 'username', 'password_hash', 'created_at'] : columns;
}

/** Each seeded column's PostgreSQL type name (`udt_name`: text, int4, timestamptz …), read from the database. */
export async function readColumnTypes(db: Kysely<Database>): Promise<Map<string, string>> {
  const result = await sql<{ table_name: string; column_name: string; udt_name: string }>`
    select table_name, column_name, udt_name from information_schema.columns
    where table_schema = current_schema()`.execute(db);
  return new Map(result.rows.map((row) => [`${row.table_name}.${row.column_name}`, row.udt_name]));
}

/**
 * Writes `batch` with one `insert … select * from unnest($1::text[], $2::int4[], …)` per table,
 * in {@link insertOrder}. Arrays go over as PostgreSQL array literals built here, so both
 * drivers (node-postgres, PGlite) receive one text parameter per column and never serialise
 * ten thousand values their own way. Returns the number of rows written per table.
 */
export async function writeBatch(
  db: Kysely<Database>,
  batch: Map<SeedTable, Array<Record<string, Value>>>,
  columnTypes: Map<string, string>,
): Promise<Map<SeedTable, number>> {
  const written = new Map<SeedTable, number>();
  for (const table of insertOrder) {
    const rows = batch.get(table);
    if (rows === undefined || rows.length === 0) continue;
    const columns = seedColumns(table);
    const params = columns.map((column) => {
      const type = columnTypes.get(`${table}.${column}`);
      if (type === undefined) throw new Error(`The database has no column ${table}.${column}; is it migrated?`);
      // Ids (UUIDs) and ISO times never contain a character that needs quoting in an array literal.
      const plain = column === 'id' || column.endsWith('_id') || type === 'timestamptz' || type === 'date';
      return sql`${arrayLiteral(rows, column, plain)}::${sql.raw(`${type}[]`)}`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
      select * from unnest(${sql.join(params)})`.execute(db);
    written.set(table, rows.length);
  }
  return written;
}

function arrayLiteral(rows: ReadonlyArray<Record<string, Value>>, column: string, plain: boolean): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = element(rows[i]?.[column], plain);
  return `{${parts.join(',')}}`;
}

function element(value: Value | undefined, plain: boolean): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return plain && PLAIN.test(value) ? value : quoteElement(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot store ${value} in the database`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return quoteElement(JSON.stringify(value));
}

// What may stand unquoted: no separators, quotes, braces or spaces, and never the word NULL.
const PLAIN = /^[0-9a-f][0-9a-fA-FTZ:.+-]*$/;
const NEEDS_ESCAPE = /[\\"]/;
const ESCAPES = /[\\"]/g;

// Inside a quoted array element only backslash and double quote need escaping; most values
// (ids, times) have neither, and testing first is far cheaper than a replace on every value.
function quoteElement(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPES, '\\$&')}"` : `"${text}"`;
}
