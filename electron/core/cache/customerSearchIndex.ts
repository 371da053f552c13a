import type BetterSqlite3 from 'better-sqlite3';

// The customer search documents of migration 0005 (see there for why no trigger writes them):
// the writers of the cache note what a write changes, and the notes become documents at the end
// of each pull and before every read of the index.

/** The tables a customer's search document is made of. */
export const SEARCH_TABLES = ['customers', 'company_users', 'addresses'] as const;

/** One of {@link SEARCH_TABLES}. */
export type SearchTable = (typeof SEARCH_TABLES)[number];

/** Whether writes to `table` change search documents. */
export function isSearchTable(table: string): table is SearchTable {
  return (SEARCH_TABLES as readonly string[]).includes(table);
}

const documents = (from: string): string => `INSERT INTO customer_search (rowid, name, numbers, city, emails)
  SELECT c.rowid, c.name, c.customer_number || ' ' || c.org_number,
    (SELECT group_concat(a.city, ' ') FROM addresses a WHERE a.customer_id = c.id AND a.kind = 'business'),
    (SELECT group_concat(u.email, ' ') FROM company_users u WHERE u.customer_id = c.id)
  ${from} ORDER BY c.rowid`;

/**
 * The sync_state key set while the index awaits a whole rebuild (a snapshot emptied it). Kept in
 * the file, so a snapshot cut off after its first page is still rebuilt by whatever comes next.
 */
export const SEARCH_REBUILD_KEY = 'customer_search_rebuild';

/** The statements; exported so a test can check their plans. */
export const customerSearchIndexSql = {
  rebuilding: `SELECT EXISTS (SELECT 1 FROM sync_state WHERE key = '${SEARCH_REBUILD_KEY}')`,
  pending: `SELECT EXISTS (SELECT 1 FROM customer_search_queue) OR EXISTS (SELECT 1 FROM customer_search_stale)
    OR EXISTS (SELECT 1 FROM sync_state WHERE key = '${SEARCH_REBUILD_KEY}')`,
  startRebuild: `INSERT OR REPLACE INTO sync_state (key, value) VALUES ('${SEARCH_REBUILD_KEY}', '1')`,
  endRebuild: `DELETE FROM sync_state WHERE key = '${SEARCH_REBUILD_KEY}'`,
  dropStale: 'DELETE FROM customer_search WHERE rowid IN (SELECT doc FROM customer_search_stale)',
  clearStale: 'DELETE FROM customer_search_stale',
  // Only documents that exist are dropped (customer_search_docsize has a row per document): a
  // delete makes FTS5 start a new segment, and a new customer has no document yet.
  // CROSS JOIN keeps the queue as the outer loop: a few noted customers, each one seek, rather
  // than a walk of every customer (SQLite has no statistics to choose by, the app runs no ANALYZE).
  dropQueued: `DELETE FROM customer_search WHERE rowid IN (
    SELECT c.rowid FROM customer_search_queue q CROSS JOIN customers c ON c.id = q.customer_id JOIN customer_search_docsize d ON d.id = c.rowid)`,
  writeQueued: documents('FROM customer_search_queue q CROSS JOIN customers c ON c.id = q.customer_id'),
  clearQueue: 'DELETE FROM customer_search_queue',
  deleteAll: "INSERT INTO customer_search (customer_search) VALUES ('delete-all')",
  writeAll: documents('FROM customers c'),
  customerDoc: 'SELECT rowid FROM customers WHERE id = ?',
  userOwner: 'SELECT customer_id FROM company_users WHERE id = ?',
  addressOwner: "SELECT customer_id FROM addresses WHERE id = ? AND kind = 'business'",
  queue: 'INSERT OR IGNORE INTO customer_search_queue (customer_id) VALUES (?)',
  stale: 'INSERT OR IGNORE INTO customer_search_stale (doc) VALUES (?)',
} as const;

type Statements = { [K in keyof typeof customerSearchIndexSql]: BetterSqlite3.Statement };
const prepared = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let found = prepared.get(sqlite);
  if (found === undefined) {
    found = Object.fromEntries(Object.entries(customerSearchIndexSql).map(([name, sql]) => [name, sqlite.prepare(sql)])) as Statements;
    found.pending.pluck();
    found.rebuilding.pluck();
    found.customerDoc.pluck();
    found.userOwner.pluck();
    found.addressOwner.pluck();
    prepared.set(sqlite, found);
  }
  return found;
}

/**
 * Notes, before a row of `table` with id `id` is written (or deleted: `customerId` null), which
 * documents the write makes stale: the replaced customer row's document, and the customers the
 * old and the new user or address belong to. Call it in the write's transaction.
 */
export function noteSearchWrite(sqlite: BetterSqlite3.Database, table: SearchTable, id: string, customerId: string | null): void {
  const s = statements(sqlite);
  if (table === 'customers') {
    const doc = s.customerDoc.get(id) as number | undefined;
    if (doc !== undefined) s.stale.run(doc);
    if (customerId !== null) s.queue.run(id);
    return;
  }
  // A user or address may change customer (or an address stop being the business one): the
  // old customer's document loses it.
  const old = (table === 'company_users' ? s.userOwner : s.addressOwner).get(id) as string | undefined;
  if (old !== undefined) s.queue.run(old);
  if (customerId !== null && customerId !== old) s.queue.run(customerId);
}

/** Whether the index awaits a whole rebuild: writes need no notes until then. */
export function customerSearchRebuilding(sqlite: BetterSqlite3.Database): boolean {
  return statements(sqlite).rebuilding.get() === 1;
}

/**
 * Empties the index and forgets the notes: a snapshot has just emptied the synced tables, and
 * the index is rebuilt whole by the next {@link refreshCustomerSearch}.
 */
export function startCustomerSearchRebuild(sqlite: BetterSqlite3.Database): void {
  const s = statements(sqlite);
  s.deleteAll.run();
  s.clearStale.run();
  s.clearQueue.run();
  s.startRebuild.run();
}

/**
 * Brings the index up to date with the tables: the whole of it after a snapshot (every document
 * at once, in rowid order), else the noted documents. Returns how many documents it wrote.
 * Inside the caller's transaction when there is one, else in its own.
 */
export function refreshCustomerSearch(sqlite: BetterSqlite3.Database): number {
  const s = statements(sqlite);
  if (s.pending.get() === 0) return 0;
  return sqlite.transaction(() => {
    if (s.rebuilding.get() === 1) {
      s.deleteAll.run();
      s.clearStale.run();
      s.clearQueue.run();
      s.endRebuild.run();
      return s.writeAll.run().changes;
    }
    s.dropStale.run();
    s.clearStale.run();
    s.dropQueued.run();
    const written = s.writeQueued.run().changes;
    s.clearQueue.run();
    return written;
  })();
}

/**
 * {@link refreshCustomerSearch} for a read of the index: brings noted documents in, but leaves a
 * whole rebuild to the pull. A search during a snapshot's first pages would otherwise rebuild
 * the index from half the rows and leave the later pages to the slow note-per-row path; the
 * snapshot's last page (or, after one cut off, the next pull's end) rebuilds it whole.
 */
export function refreshCustomerSearchForReading(sqlite: BetterSqlite3.Database): number {
  return customerSearchRebuilding(sqlite) ? 0 : refreshCustomerSearch(sqlite);
}
