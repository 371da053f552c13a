import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSearchIndexSql } from '../../../../electron/core/cache/customerSearchIndex';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { customerActivitySql } from '../../../../electron/core/queries/customerActivity';
import { customerDetailSql } from '../../../../electron/core/queries/customerDetail';
import { customerSearchSql } from '../../../../electron/core/queries/customerSearch';
import { migrationCustomersStatement, type MigrationCustomersFilter } from '../../../../electron/core/queries/migrationCustomers';
import { migrationOverviewSql } from '../../../../electron/core/queries/migrationOverview';
import { tierSuggestionsSql } from '../../../../electron/core/queries/tierSuggestions';
import { planOf } from './quotesFixture';

// Every statement of the customer and migration calls reads its big tables through an index
// (migrations 0001, 0005), on the real migrations and without ANALYZE, as the app runs them.
// At size M a table scan of orders or order lines costs a second; of customers, milliseconds
// per keystroke of the search.

const BIG = ['customers', 'c', 'company_users', 'u', 'addresses', 'a', 'orders', 'o', 'order_lines', 'l', 'quotes', 'loyalty_tier_changes', 't', 'migration_events', 'e'];

// Steps that read a big table without an index ("SCAN c", "SCAN orders"), not "SCAN c USING INDEX …".
function tableScans(plan: readonly string[]): string[] {
  return plan.filter((step) => {
    const match = /^(SCAN|SEARCH) (\S+)/.exec(step);
    return match !== null && BIG.includes(match[2] ?? '') && !/ USING (AUTOMATIC COVERING INDEX|COVERING INDEX|INDEX|INTEGER PRIMARY KEY|ROWID)/.test(step);
  });
}

const statements: Record<string, string> = {
  ...prefixed('search', customerSearchSql),
  ...prefixed('detail', customerDetailSql),
  ...prefixed('activity', customerActivitySql),
  'tier suggestions': tierSuggestionsSql(false),
  'tier suggestions of a branch': tierSuggestionsSql(true),
  ...prefixed('overview', migrationOverviewSql(false)),
  ...prefixed('overview of a branch', migrationOverviewSql(true)),
};

function prefixed(name: string, sql: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(sql).map(([key, value]) => [`${name}.${key}`, value]));
}

const FILTERS: MigrationCustomersFilter[] = [
  { states: [], branchId: null, query: '' },
  { states: ['switched_on'], branchId: null, query: '' },
  { states: ['switched_on', 'deferred'], branchId: 'b-oslo', query: '' },
  { states: [], branchId: 'b-oslo', query: 'berg' },
  { states: ['not_started'], branchId: null, query: 'lys 923' },
];

describe('the customer queries’ plans', () => {
  let cache: Cache;
  beforeAll(() => {
    cache = openCache({ file: ':memory:' });
  });
  afterAll(async () => {
    await cache.close();
  });

  it.each(Object.entries(statements))('reads %s by index', (_name, sql) => {
    expect(tableScans(planOf(cache.sqlite, sql))).toEqual([]);
  });

  it.each(FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))('reads migration.customers %s by index', (_name, filter) => {
    const { sql, params } = migrationCustomersStatement(filter);
    const plan = planOf(cache.sqlite, sql, params);
    expect(tableScans(plan)).toEqual([]);
    // "Since" is one seek of the partial index per customer, never a walk of its events.
    expect(plan).toContain('SEARCH e USING INDEX migration_events_entered_idx (customer_id=? AND to_state=?)');
  });

  it('reads the index notes by key, and walks every customer only to rebuild the whole index', () => {
    const { writeAll, ...rest } = customerSearchIndexSql;
    for (const [name, sql] of Object.entries(rest)) expect(tableScans(planOf(cache.sqlite, sql)), name).toEqual([]);
    expect(planOf(cache.sqlite, customerSearchIndexSql.writeQueued).slice(0, 2)).toEqual(['SCAN q', 'SEARCH c USING INDEX sqlite_autoindex_customers_1 (id=?)']);
    expect(planOf(cache.sqlite, writeAll)[0]).toBe('SCAN c');
  });

  it('takes the 12-month figures from the covering indexes of migration 0005 alone', () => {
    const plan = planOf(cache.sqlite, tierSuggestionsSql(false));
    expect(plan).toContain('SCAN o USING COVERING INDEX orders_customer_time_idx');
    expect(plan).toContain('SEARCH l USING COVERING INDEX order_lines_order_value_idx (order_id=?)');
    // With a branch, only its customers' orders, by the 12-month range of each.
    expect(planOf(cache.sqlite, tierSuggestionsSql(true))).toContain('SEARCH o USING COVERING INDEX orders_customer_time_idx (customer_id=? AND <expr>>?)');
    expect(planOf(cache.sqlite, customerActivitySql.orders)).toEqual([
      'SEARCH o USING INDEX orders_customer_time_idx (customer_id=?)',
      ...[1, 2, 3, 4].flatMap((n) => [`CORRELATED SCALAR SUBQUERY ${n}`, 'SEARCH l USING COVERING INDEX order_lines_order_value_idx (order_id=?)']),
    ]);
  });

  it('finds search hits in the index and joins only the page of them', () => {
    expect(planOf(cache.sqlite, customerSearchSql.ranked)[0]).toMatch(/^SCAN customer_search VIRTUAL TABLE INDEX \d+:M/);
    expect(planOf(cache.sqlite, customerSearchSql.rows)[0]).toBe('SEARCH c USING INTEGER PRIMARY KEY (rowid=?)');
    expect(planOf(cache.sqlite, customerSearchSql.exact)).toEqual(['SEARCH customers USING COVERING INDEX customers_number_idx (customer_number=?)']);
    // The list without a query: the first names of the name index, no sort.
    expect(planOf(cache.sqlite, customerSearchSql.byName)[0]).toBe('SCAN c USING INDEX customers_name_idx');
    expect(planOf(cache.sqlite, customerSearchSql.byName).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });

  it('counts the overview from customers_migration_idx and finds the activations by the partial index', () => {
    const all = migrationOverviewSql(false);
    expect(planOf(cache.sqlite, all.counts)[0]).toBe('SCAN c USING COVERING INDEX customers_migration_idx');
    expect(planOf(cache.sqlite, all.activations)[0]).toBe('SEARCH e USING INDEX migration_events_state_idx (to_state=?)');
    expect(planOf(cache.sqlite, migrationOverviewSql(true).activations)[0]).toBe('SEARCH e USING INDEX migration_events_state_idx (to_state=? AND branch_id=?)');
    expect(planOf(cache.sqlite, all.stuck)[0]).toBe('SEARCH c USING INDEX customers_migration_idx (migration_state=?)');
  });
});
