import type BetterSqlite3 from 'better-sqlite3';
import type { MigrationState } from '../../shared/domain/migration';
import type { MigrationCustomerRow } from '../../shared/ipc/customers';
import { refreshCustomerSearchForReading } from '../cache/customerSearchIndex';
import { hasTerms, matchExpression, parseSearch } from './customerSearchQuery';
import { ENTERED_STATE, isoFromSeconds } from './migrationSql';
import { readPendingActions } from './pendingActions';

// The customers a bulk switch-on picks from (migration.customers): by migration state (none
// chosen: all), branch and the customer search's words (the same index and rules as
// customers.search), by name. `since` is when the customer entered its state (migrationSql.ts).

/** What the list is filtered by. */
export interface MigrationCustomersFilter {
  states: readonly MigrationState[];
  branchId: string | null;
  query: string;
}

/** The statement for a filter's shape, with its parameters; exported so a test can check its plans. */
export function migrationCustomersStatement(filter: MigrationCustomersFilter): { sql: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  const states = [...new Set(filter.states)];
  if (states.length > 0) {
    where.push(`c.migration_state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
  }
  if (filter.branchId !== null) {
    where.push('c.branch_id = ?');
    params.push(filter.branchId);
  }
  const terms = parseSearch(filter.query);
  if (hasTerms(terms)) {
    where.push('c.rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)');
    params.push(matchExpression(terms));
  }
  const sql = `SELECT c.id, c.customer_number, c.name, c.branch_id, coalesce(b.name, ''), c.migration_state, ${ENTERED_STATE}, c.migration_deferred_until
    FROM customers c LEFT JOIN branches b ON b.id = c.branch_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name, c.id`;
  return { sql, params };
}

type Tuple = [id: string, customerNumber: string, name: string, branchId: string, branchName: string, state: MigrationState, since: number | null, deferredUntil: string | null];

/** The customers matching `filter`; `pending` marks those a queued action of this staff member concerns. */
export function readMigrationCustomers(sqlite: BetterSqlite3.Database, filter: MigrationCustomersFilter, now: Date): { rows: MigrationCustomerRow[]; asOf: string } {
  const { sql, params } = migrationCustomersStatement(filter);
  // Only a search reads the index (the bulk list's plain state filter does not).
  if (hasTerms(parseSearch(filter.query))) refreshCustomerSearchForReading(sqlite);
  const pending = readPendingActions(sqlite).customerIds;
  const tuples = sqlite.prepare(sql).raw(true).all(...params) as Tuple[];
  return {
    rows: tuples.map(([customerId, customerNumber, name, branchId, branchName, state, since, deferredUntil]) => ({
      customerId,
      customerNumber,
      name,
      branchId,
      branchName,
      state,
      since: since === null ? null : isoFromSeconds(since),
      deferredUntil,
      pending: pending.has(customerId),
    })),
    asOf: now.toISOString(),
  };
}
