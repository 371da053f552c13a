import type BetterSqlite3 from 'better-sqlite3';
import type { EffectRows } from '../../shared/sync/localEffects';
import { syncRowSchemas, syncTableNames, type SyncRow, type SyncTableName } from '../../shared/sync/rows';
import { isSearchTable, noteSearchWrite } from '../cache/customerSearchIndex';
import { columnKind, type ColumnKind } from './ingest';

// The outbox's access to the synced tables and to its base copies (migration 0003). Rows are
// kept in their stored form (booleans 0/1, JSON as text), so a base copy restores exactly the
// bytes the pull wrote; only the effects see wire rows.

/** A synced row as the cache stores it: column name → SQLite value. */
export type StoredRow = Record<string, unknown>;

/** One base copy: the server's row, or null when the server has none. */
export interface BaseCopy {
  table: SyncTableName;
  id: string;
  row: StoredRow | null;
}

interface TableAccess {
  table: SyncTableName;
  columns: string[];
  /** Where `id` is among the positional values of a pull page. */
  idIndex: number;
  kinds: ColumnKind[];
  select: BetterSqlite3.Statement;
  upsert: BetterSqlite3.Statement;
  remove: BetterSqlite3.Statement;
  /** Prepared `WHERE <column> = ?` reads, by column. */
  where: Map<string, BetterSqlite3.Statement>;
}

/** A key for (table, id): table names never contain ':'. */
export function rowKey(table: SyncTableName, id: string): string {
  return `${table}:${id}`;
}

/** Reads and writes synced rows and base copies on one connection. */
export class OutboxRows {
  private readonly tables = new Map<string, TableAccess>();
  private readonly baseAll: BetterSqlite3.Statement;
  private readonly baseKeep: BetterSqlite3.Statement;
  private readonly baseSet: BetterSqlite3.Statement;
  private readonly baseDrop: BetterSqlite3.Statement;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.baseAll = sqlite.prepare('SELECT table_name, row_id, row FROM outbox_base ORDER BY table_name, row_id');
    this.baseKeep = sqlite.prepare('INSERT OR IGNORE INTO outbox_base (table_name, row_id, row) VALUES (?, ?, ?)');
    this.baseSet = sqlite.prepare('INSERT OR REPLACE INTO outbox_base (table_name, row_id, row) VALUES (?, ?, ?)');
    this.baseDrop = sqlite.prepare('DELETE FROM outbox_base WHERE table_name = ? AND row_id = ?');
  }

  /** The stored row, or undefined. */
  read(table: SyncTableName, id: string): StoredRow | undefined {
    return this.access(table).select.get(id) as StoredRow | undefined;
  }

  /** The stored rows whose `column` equals `value` (a column of the table's wire schema). */
  readWhere(table: SyncTableName, column: string, value: string): StoredRow[] {
    const access = this.access(table);
    // The column name reaches SQL text: only the table's own columns are accepted.
    if (!access.columns.includes(column)) throw new Error(`${table} has no column ${column}`);
    let statement = access.where.get(column);
    if (statement === undefined) {
      statement = this.sqlite.prepare(`SELECT * FROM ${table} WHERE ${column} = ? ORDER BY id`);
      access.where.set(column, statement);
    }
    return statement.all(value) as StoredRow[];
  }

  /** Writes `row` (stored form), or deletes the row when `row` is null. */
  write(table: SyncTableName, id: string, row: StoredRow | null): void {
    const access = this.access(table);
    // Effects, their undo and their re-application change customers like a pull does.
    if (isSearchTable(table)) noteSearchWrite(this.sqlite, table, id, row === null ? null : String(table === 'customers' ? id : row.customer_id));
    if (row === null) access.remove.run(id);
    else access.upsert.run(row);
  }

  /** The id in a pull page's positional values of `table`. */
  idOf(table: SyncTableName, values: readonly unknown[]): unknown {
    return values[this.access(table).idIndex];
  }

  /** The wire form of a stored row. */
  toWire<T extends SyncTableName>(table: T, stored: StoredRow): SyncRow<T> {
    const { columns, kinds } = this.access(table);
    const wire: StoredRow = {};
    columns.forEach((column, i) => {
      const value = stored[column] ?? null;
      wire[column] = value === null || kinds[i] === 'plain' ? value : kinds[i] === 'boolean' ? value === 1 : (JSON.parse(value as string) as unknown);
    });
    return wire as SyncRow<T>;
  }

  /** The stored form of a wire row. */
  toStored(table: SyncTableName, wire: Record<string, unknown>): StoredRow {
    const { columns, kinds } = this.access(table);
    const stored: StoredRow = {};
    columns.forEach((column, i) => {
      const value = wire[column] ?? null;
      stored[column] = value === null || kinds[i] === 'plain' ? value : kinds[i] === 'boolean' ? (value === true ? 1 : 0) : JSON.stringify(value);
    });
    return stored;
  }

  /** Every base copy. */
  baseCopies(): BaseCopy[] {
    return (this.baseAll.all() as Array<{ table_name: string; row_id: string; row: string | null }>).map((entry) => ({
      table: this.access(entry.table_name).table,
      id: entry.row_id,
      row: entry.row === null ? null : (JSON.parse(entry.row) as StoredRow),
    }));
  }

  /** Records `row` as the base of (table, id) unless one is kept already (the first write wins). */
  keepBase(table: SyncTableName, id: string, row: StoredRow | null): void {
    this.baseKeep.run(table, id, row === null ? null : JSON.stringify(row));
  }

  /** Sets the base of (table, id) to `row`. */
  setBase(table: SyncTableName, id: string, row: StoredRow | null): void {
    this.baseSet.run(table, id, row === null ? null : JSON.stringify(row));
  }

  /** Forgets the base of (table, id). */
  dropBase(table: SyncTableName, id: string): void {
    this.baseDrop.run(table, id);
  }

  // Table names reach SQL text: only the synced tables' own names are ever used, so a damaged
  // base row cannot make the outbox write elsewhere.
  private access(name: string): TableAccess {
    let access = this.tables.get(name);
    if (access === undefined) {
      const table = syncTableNames.find((known) => known === name);
      if (table === undefined) throw new Error(`The outbox base names an unknown table: ${name}`);
      const columns = Object.keys(syncRowSchemas[table].shape);
      access = {
        table,
        columns,
        idIndex: columns.indexOf('id'),
        kinds: columns.map((column) => columnKind(table, column)),
        select: this.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`),
        upsert: this.sqlite.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`),
        remove: this.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`),
        where: new Map(),
      };
      this.tables.set(name, access);
    }
    return access;
  }
}

/**
 * The effects' view of the cache. `pending`: before the first write of a row, its current row is
 * kept as its base (for an effect that is still pending, the row beneath it is server state).
 * `fold`: the effect is applied on the server, so what it writes becomes the base itself.
 */
export class CacheEffectRows implements EffectRows {
  /** (table, id) keys written through this view. */
  readonly touched = new Set<string>();
  /** Tables written through this view. */
  readonly tables = new Set<SyncTableName>();

  constructor(
    private readonly rows: OutboxRows,
    private readonly mode: 'pending' | 'fold',
  ) {}

  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined {
    const stored = this.rows.read(table, id);
    return stored === undefined ? undefined : this.rows.toWire(table, stored);
  }

  list<T extends SyncTableName>(table: T, column: keyof SyncRow<T> & string, value: string): Array<SyncRow<T>> {
    return this.rows.readWhere(table, column, value).map((stored) => this.rows.toWire(table, stored));
  }

  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void {
    const stored = this.rows.toStored(table, row);
    const id = String(stored.id);
    if (this.mode === 'pending') this.rows.keepBase(table, id, this.rows.read(table, id) ?? null);
    this.rows.write(table, id, stored);
    if (this.mode === 'fold') this.rows.setBase(table, id, stored);
    this.touched.add(rowKey(table, id));
    this.tables.add(table);
  }
}
