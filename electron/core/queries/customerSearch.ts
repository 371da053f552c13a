import type BetterSqlite3 from 'better-sqlite3';
import type { CustomerSearch, CustomerSearchRow } from '../../shared/ipc/customers';
import { refreshCustomerSearchForReading } from '../cache/customerSearchIndex';
import { emailTerms, hasTerms, matchExpression, nameStartExpression, parseSearch, pickEmail, type EmailTerms, type OwnText, type SearchTerms } from './customerSearchQuery';

// The customer search (customers.search) over migration 0005's index. An exact customer-number
// match comes first, then the hits by bm25 (the name weighs most); `total` counts every hit.
// Hits are read from the index alone and only the page of them is joined to the tables.
//
// bm25 costs FTS5 about 1.5 µs per hit and word, and it must score every hit before it can give
// the best: 30 ms for a letter that starts a word of every customer. So a search whose hits times
// words exceed RANKED_MAX (one or two letters, typed on the way to a word) is not scored:
// customers whose name begins with the first word come first, then the rest, in cache order.

/** How many rows a search answers when the call names no limit. */
export const DEFAULT_SEARCH_LIMIT = 200;

/** Above this many hits times words, a search is ordered by name start instead of bm25 (see above). */
export const RANKED_MAX = 2_000;

// The city is added from `cities` (one read for the page instead of one per row).
const rowColumns = "c.rowid, c.id, c.customer_number, c.org_number, c.name, c.loyalty_tier, c.branch_id, coalesce(b.name, ''), s.name, c.migration_state";
const rowFrom = 'customers c LEFT JOIN branches b ON b.id = c.branch_id LEFT JOIN staff s ON s.id = c.consultant_id';

/** The statements; exported so a test can check their plans. */
export const customerSearchSql = {
  total: 'SELECT count(*) FROM customer_search WHERE customer_search MATCH ?',
  // Ties (the same bm25, as for a number prefix) in the order customers came into the cache.
  ranked: 'SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rank, rowid LIMIT ?',
  unranked: 'SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid LIMIT ?',
  exact: 'SELECT rowid FROM customers WHERE customer_number = ? ORDER BY rowid',
  rows: `SELECT ${rowColumns} FROM ${rowFrom} WHERE c.rowid IN (SELECT value FROM json_each(?))`,
  // Without a query: by name (SQLite's byte order; the grid sorts by its own rules).
  byName: `SELECT ${rowColumns} FROM ${rowFrom} ORDER BY c.name, c.id LIMIT ?`,
  count: 'SELECT count(*) FROM customers',
  emails: 'SELECT customer_id, email FROM company_users WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, email, id',
  cities: "SELECT customer_id, id, city FROM addresses WHERE customer_id IN (SELECT value FROM json_each(?)) AND kind = 'business'",
} as const;

type RowTuple = [
  rowid: number,
  id: string,
  customerNumber: string,
  orgNumber: string,
  name: string,
  loyaltyTier: CustomerSearchRow['loyaltyTier'],
  branchId: string,
  branchName: string,
  consultantName: string | null,
  migrationState: CustomerSearchRow['migrationState'],
];

/** The customers matching `query` (see customerSearchQuery.ts), at most `limit` of them. */
export function readCustomerSearch(sqlite: BetterSqlite3.Database, input: { query: string; limit?: number | undefined }, now: Date): CustomerSearch {
  const limit = input.limit ?? DEFAULT_SEARCH_LIMIT;
  const terms = parseSearch(input.query);
  if (!hasTerms(terms)) {
    const tuples = sqlite.prepare(customerSearchSql.byName).raw(true).all(limit) as RowTuple[];
    const cities = businessCities(sqlite, tuples);
    return { rows: tuples.map((tuple) => toRow(tuple, cities, null)), total: Number(sqlite.prepare(customerSearchSql.count).pluck().get()), asOf: now.toISOString() };
  }
  refreshCustomerSearchForReading(sqlite);
  const match = matchExpression(terms);
  const total = Number(sqlite.prepare(customerSearchSql.total).pluck().get(match));
  const order = total === 0 ? [] : hitOrder(sqlite, terms, total, limit);
  const tuples = sqlite.prepare(customerSearchSql.rows).raw(true).all(JSON.stringify(order)) as RowTuple[];
  const byRowid = new Map(tuples.map((tuple) => [tuple[0], tuple]));
  const cities = businessCities(sqlite, tuples);
  const emails = explainingEmails(sqlite, terms, tuples, cities);
  const rows = order.flatMap((rowid) => {
    const tuple = byRowid.get(rowid);
    return tuple === undefined ? [] : [toRow(tuple, cities, emails.get(tuple[1]) ?? null)];
  });
  return { rows, total, asOf: now.toISOString() };
}

// The rowids of the first `limit` hits, in the order described at the top.
function hitOrder(sqlite: BetterSqlite3.Database, terms: SearchTerms, total: number, limit: number): number[] {
  const ids = (sql: string, ...params: unknown[]): number[] => sqlite.prepare(sql).pluck().all(...params) as number[];
  const exact = terms.number === null ? [] : ids(customerSearchSql.exact, terms.number);
  const match = matchExpression(terms);
  const wanted = limit + exact.length;
  let hits: number[];
  if (total * (terms.words.length + terms.emails.length) <= RANKED_MAX) {
    hits = ids(customerSearchSql.ranked, match, wanted);
  } else {
    const start = nameStartExpression(terms);
    const first = start === null ? [] : ids(customerSearchSql.unranked, start, wanted);
    hits = first.length >= wanted ? first : [...new Set([...first, ...ids(customerSearchSql.unranked, match, wanted + first.length)])];
  }
  return [...new Set([...exact, ...hits])].slice(0, limit);
}

/** A customer's business addresses, lowest id first: the row shows the first one's city. */
type Cities = ReadonlyMap<string, Array<{ id: string; city: string }>>;

function businessCities(sqlite: BetterSqlite3.Database, tuples: readonly RowTuple[]): Cities {
  const cities = new Map<string, Array<{ id: string; city: string }>>();
  const rows = sqlite.prepare(customerSearchSql.cities).raw(true).all(JSON.stringify(tuples.map((tuple) => tuple[1]))) as Array<[string, string, string]>;
  for (const [customerId, id, city] of rows) {
    const list = cities.get(customerId);
    if (list === undefined) cities.set(customerId, [{ id, city }]);
    else list.push({ id, city });
  }
  for (const list of cities.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return cities;
}

// The e-mail that explains each hit its name, numbers and business cities do not explain
// (customerSearchQuery.ts); e-mails are read only for those hits.
function explainingEmails(sqlite: BetterSqlite3.Database, terms: SearchTerms, tuples: readonly RowTuple[], cities: Cities): Map<string, string> {
  const wanted = new Map<string, EmailTerms>();
  for (const tuple of tuples) {
    const needed = emailTerms(terms, own(tuple, cities));
    if (needed !== null) wanted.set(tuple[1], needed);
  }
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const emails = new Map<string, string[]>();
  for (const [customerId, email] of sqlite.prepare(customerSearchSql.emails).raw(true).all(JSON.stringify([...wanted.keys()])) as Array<[string, string]>) {
    const list = emails.get(customerId);
    if (list === undefined) emails.set(customerId, [email]);
    else list.push(email);
  }
  for (const [customerId, needed] of wanted) {
    const email = pickEmail(needed, emails.get(customerId) ?? []);
    if (email !== null) found.set(customerId, email);
  }
  return found;
}

function own(tuple: RowTuple, cities: Cities): OwnText {
  return { name: tuple[4], numbers: `${tuple[2]} ${tuple[3]}`, cities: (cities.get(tuple[1]) ?? []).map((entry) => entry.city).join(' ') };
}

function toRow(tuple: RowTuple, cities: Cities, email: string | null): CustomerSearchRow {
  return {
    id: tuple[1],
    customerNumber: tuple[2],
    orgNumber: tuple[3],
    name: tuple[4],
    city: cities.get(tuple[1])?.[0]?.city ?? null,
    loyaltyTier: tuple[5],
    branchId: tuple[6],
    branchName: tuple[7],
    consultantName: tuple[8],
    migrationState: tuple[9],
    matchedEmail: email,
  };
}
