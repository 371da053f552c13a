import type BetterSqlite3 from 'better-sqlite3';
import { syncRowSchemas, syncTableNames, type SyncTableName } from '../../shared/sync/rows';
import { customerSearchRebuilding, isSearchTable, noteSearchWrite, refreshCustomerSearch, startCustomerSearchRebuild } from '../cache/customerSearchIndex';
import { compileRowReaders, type FastRowReader } from './rowReader';

// Writes pull pages into the cache. A page is applied whole in one SQLite transaction together
// with its cursor, so a crash or a cut stream leaves the cache at the previous page's state.
// Statements are prepared once per table; rows become positional values in the wire schema's
// column order (booleans 0/1, JSON objects as text), which is also the cache table's order.

/** A checked change of a page, ready to write. */
export type PageChange = { kind: 'put'; table: SyncTableName; values: unknown[] } | { kind: 'del'; table: SyncTableName; id: string };

/** A complete pull response, parsed and checked. */
export interface PullPage {
  snapshot: boolean;
  changes: PageChange[];
  cursor: string;
  more: boolean;
  /** The server's lastSeq acknowledgement, when it sent one. */
  ack?: number;
}

/** What the writer does inside the page's transaction after the rows (e.g. the outbox rebase). */
export type AfterPage = (page: PullPage) => void;

/** How a wire column is stored: as is, as 0/1, or as JSON text. */
export type ColumnKind = 'plain' | 'boolean' | 'json';

interface TableWriter {
  columns: string[];
  kinds: ColumnKind[];
  /** Positions of `id` and of the customer a search document belongs to (customers: its id). */
  idIndex: number;
  customerIndex: number;
  put: BetterSqlite3.Statement;
  del: BetterSqlite3.Statement;
  clear: BetterSqlite3.Statement;
}

/** The sync_state key under which the last complete page's cursor is kept. */
export const CURSOR_KEY = 'cursor';

/** How a pull's rows become cache values: the fast check first, zod's checked rows otherwise. */
export interface RowCodec {
  /** The cache values of `input` when the fast check is sure it is a valid row, else undefined. */
  readRow(table: SyncTableName, input: Record<string, unknown>): unknown[] | undefined;
  /** The cache values of a row its zod schema accepted. */
  values(table: SyncTableName, row: Record<string, unknown>): unknown[];
}

/** Applies pull pages to `sqlite` (a migrated cache). */
export class PageWriter implements RowCodec {
  private readonly tables = new Map<SyncTableName, TableWriter>();
  private readonly readers = compileRowReaders(columnKind);
  private readonly setState: BetterSqlite3.Statement;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    for (const table of syncTableNames) {
      const columns = Object.keys(syncRowSchemas[table].shape);
      this.tables.set(table, {
        columns,
        kinds: columns.map((column) => columnKind(table, column)),
        idIndex: columns.indexOf('id'),
        customerIndex: columns.indexOf(table === 'customers' ? 'id' : 'customer_id'),
        put: sqlite.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
        del: sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`),
        clear: sqlite.prepare(`DELETE FROM ${table}`),
      });
    }
    this.setState = sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)');
  }

  readRow(table: SyncTableName, input: Record<string, unknown>): unknown[] | undefined {
    const reader: FastRowReader | undefined = this.readers.get(table);
    return reader === undefined ? undefined : reader(input);
  }

  /** Positional values of a (checked) wire row of `table`, in column order. */
  values(table: SyncTableName, row: Record<string, unknown>): unknown[] {
    const writer = this.writer(table);
    const values = new Array<unknown>(writer.columns.length);
    for (let i = 0; i < writer.columns.length; i++) {
      const value = row[writer.columns[i] as string];
      const kind = writer.kinds[i];
      values[i] = value === null || kind === 'plain' ? value : kind === 'boolean' ? (value ? 1 : 0) : JSON.stringify(value);
    }
    return values;
  }

  /**
   * Applies `page` in one transaction: a snapshot's first page first empties every synced table;
   * then every change; then `after` (inside the same transaction); then, on a pull's last page,
   * the customer search documents the pull changed; then the cursor.
   */
  apply(page: PullPage, after?: AfterPage): void {
    this.sqlite.transaction(() => {
      if (page.snapshot) {
        for (const writer of this.tables.values()) writer.clear.run();
        startCustomerSearchRebuild(this.sqlite);
      }
      // After a snapshot every document is written at once at its end; otherwise each write is
      // noted (an incremental pull brings few rows of these tables).
      const note = !customerSearchRebuilding(this.sqlite);
      for (const change of page.changes) {
        const writer = this.writer(change.table);
        if (note && isSearchTable(change.table)) {
          if (change.kind === 'put') noteSearchWrite(this.sqlite, change.table, String(change.values[writer.idIndex]), String(change.values[writer.customerIndex]));
          else noteSearchWrite(this.sqlite, change.table, change.id, null);
        }
        if (change.kind === 'put') writer.put.run(change.values);
        else writer.del.run(change.id);
      }
      after?.(page);
      // Once per pull, not per page: a snapshot brings a customer, its users and its addresses on
      // different pages, and FTS5 writes documents fastest all at once in rowid order.
      if (!page.more) refreshCustomerSearch(this.sqlite);
      this.setState.run(CURSOR_KEY, page.cursor);
    }).immediate();
  }

  private writer(table: SyncTableName): TableWriter {
    const writer = this.tables.get(table);
    if (writer === undefined) throw new Error(`No cache table for ${table}`);
    return writer;
  }
}

/** How `column` of `table` is stored in the cache (read from the wire schema). */
export function columnKind(table: SyncTableName, column: string): ColumnKind {
  const shape = syncRowSchemas[table].shape as Record<string, { _zod: { def: ZodDef } }>;
  let def = shape[column]?._zod.def;
  while (def !== undefined && (def.type === 'nullable' || def.type === 'optional')) def = def.innerType?._zod.def;
  if (def?.type === 'boolean') return 'boolean';
  if (def?.type === 'record' || def?.type === 'object') return 'json';
  return 'plain';
}

interface ZodDef {
  type: string;
  innerType?: { _zod: { def: ZodDef } };
}
