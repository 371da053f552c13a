import type { CacheMigration } from '../migrate';

// The customer register (issue 6): a full-text index for the instant customer search, and the
// indexes the customer page, the tier suggestions and the migration overview read by.
//
// customer_search is an FTS5 table with one document per customer: its name, its numbers
// (customer number and org number), the cities of its business addresses and its company users'
// e-mails. Its rowid is the customer row's rowid. It is contentless (the cache holds the text
// already) with contentless_delete=1, so a document is dropped by rowid alone.
//
// The documents are written by electron/core/cache/customerSearchIndex.ts, not by triggers. A
// customer's document depends on rows of three tables that a snapshot brings one after another
// (customers, then company_users, then addresses), and FTS5 starts a new segment whenever a
// document is deleted or a rowid comes out of order, so rewriting a customer's document for each
// of its users made a size-M snapshot 35 s slower; and any trigger on these tables, even one that
// only takes note, cost 2.5–16 µs per row written (SQLite gives up fast paths of the index
// writes), about a second of a size-M snapshot (docs/decisions/2026-11-21-customer-search-fts5.md).
// So the two writers of the cache, the pull (ingest.ts) and the outbox (outboxRows.ts), note
// which customers need a new document (customer_search_queue) and which documents are gone
// (customer_search_stale, by rowid: the pull and the outbox write with INSERT OR REPLACE, which
// gives the new row a new rowid); a snapshot instead rebuilds the index whole at its end. The
// notes are turned into documents at the end of each pull and before every read of the index, so
// a search always sees the tables as they are, also right after a local effect or its undo.
//
// Tokens: unicode61 without removing diacritics. Case is folded (Å → å, Ø → ø), but å stays å:
// folding it to a would make "Ås" find every "AS". Prefix indexes of 1–3 characters make a
// prefix query of a few letters or digits a lookup instead of a walk over every term with that
// start (org numbers alone are 20 000 distinct terms at size M).

/** Migration 5: the customer search index and its notes; indexes of the customer and migration screens. */
export const migration0005: CacheMigration = {
  version: 5,
  name: 'customer_search',
  statements: [
    `CREATE VIRTUAL TABLE customer_search USING fts5(
  name, numbers, city, emails,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '1 2 3'
)`,
    // bm25 weights per column: a hit in the name counts most, one in the e-mails least.
    "INSERT INTO customer_search (customer_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0)')",
    // Customers whose document must be (re)written, and documents (rowids) to drop.
    'CREATE TABLE customer_search_queue (customer_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID',
    'CREATE TABLE customer_search_stale (doc INTEGER PRIMARY KEY) STRICT',
    // The customers already in the cache (a file migrated from version 4) get their documents at
    // the first read.
    'INSERT INTO customer_search_queue (customer_id) SELECT id FROM customers',

    // An exact customer number ranks first in a search; the list without a query is by name.
    'CREATE INDEX customers_number_idx ON customers (customer_number)',
    'CREATE INDEX customers_name_idx ON customers (name, id)',
    // The migration overview (customers per state and branch), its stuck customers and lists.
    'CREATE INDEX customers_migration_idx ON customers (migration_state, branch_id)',
    // A customer's orders by instant, with the id to reach the lines from the index alone: the
    // customer page's figures and the 12-month figures of every customer (tier suggestions).
    // Replaces (customer_id, placed_at), which compared the text (decision 2026-11-21).
    'DROP INDEX orders_customer_idx',
    "CREATE INDEX orders_customer_time_idx ON orders (customer_id, unixepoch(placed_at, 'subsec'), id)",
    // An order's value from the index alone (status, quantities, price): the 12-month value of
    // every customer reads about 400 000 lines at size M. Replaces (order_id, line_no).
    'DROP INDEX order_lines_order_idx',
    'CREATE INDEX order_lines_order_value_idx ON order_lines (order_id, line_no, status, qty, cancelled_qty, unit_price_ore)',
    // When a customer entered a state: its last event that changed the state into it. Events that
    // keep the state (a resent e-mail) are left out of the index.
    "CREATE INDEX migration_events_entered_idx ON migration_events (customer_id, to_state, unixepoch(at, 'subsec')) WHERE from_state <> to_state",
    // The migration progress: the first activation of each customer, per branch.
    "CREATE INDEX migration_events_state_idx ON migration_events (to_state, branch_id, customer_id, unixepoch(at, 'subsec')) WHERE from_state <> to_state",
  ],
};
