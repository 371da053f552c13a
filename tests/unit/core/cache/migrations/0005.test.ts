import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { refreshCustomerSearch } from '../../../../../electron/core/cache/customerSearchIndex';
import { migrateCache } from '../../../../../electron/core/cache/migrate';
import { migration0001 } from '../../../../../electron/core/cache/migrations/0001_synced_tables';
import { migration0002 } from '../../../../../electron/core/cache/migrations/0002_local_sync';
import { migration0003 } from '../../../../../electron/core/cache/migrations/0003_outbox_base';
import { migration0004 } from '../../../../../electron/core/cache/migrations/0004_quote_queue_indexes';
import { migration0005 } from '../../../../../electron/core/cache/migrations/0005_customer_search';

const upTo4 = [migration0001, migration0002, migration0003, migration0004];

function indexes(sqlite: BetterSqlite3.Database, table: string): string[] {
  return sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table) as string[];
}

function matches(sqlite: BetterSqlite3.Database, query: string): number[] {
  return sqlite.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid').pluck().all(query) as number[];
}

function addCustomer(sqlite: BetterSqlite3.Database, id: string, name: string): void {
  sqlite
    .prepare(`INSERT INTO customers (id, customer_number, org_number, name, loyalty_tier, branch_id, migration_state, old_shop_access, created_at)
      VALUES (?, ?, '923609016', ?, 'silver', 'b1', 'not_started', 1, '2026-01-01T00:00:00+00:00')`)
    .run(id, `10000${id.slice(1)}`, name);
}

describe('cache migration 0005: the customer search index and the customer screens’ indexes', () => {
  it('migrates a file at version 4 with customers, users, addresses and orders, keeping every row, and swaps the indexes', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, upTo4);
    addCustomer(sqlite, 'c1', 'Tromsø Lys AS');
    addCustomer(sqlite, 'c2', 'Ås Elektro AS');
    sqlite.prepare("INSERT INTO company_users (id, customer_id, branch_id, email, name, role) VALUES ('u1', 'c1', 'b1', 'per@lys.no', 'Per', 'admin')").run();
    sqlite.prepare("INSERT INTO addresses (id, customer_id, branch_id, kind, line1, postal_code, city, country) VALUES ('a1', 'c2', 'b1', 'business', 'Vei 1', '1430', 'Ås', 'NO')").run();
    sqlite.prepare("INSERT INTO orders (id, order_number, customer_id, branch_id, payment_method, partial_delivery, bulky_surcharge_ore, placed_at) VALUES ('o1', '1', 'c1', 'b1', 'invoice', 0, 0, '2026-11-01T10:00:00+00:00')").run();
    sqlite.prepare("INSERT INTO order_lines (id, order_id, branch_id, line_no, product_id, qty, cancelled_qty, unit_price_ore, status) VALUES ('l1', 'o1', 'b1', 1, 'p1', 2, 0, 100, 'open')").run();
    expect(indexes(sqlite, 'orders')).toEqual(['orders_customer_idx']);

    expect(migrateCache(sqlite, [...upTo4, migration0005])).toEqual({ from: 4, to: 5 });
    expect(indexes(sqlite, 'customers')).toEqual(['customers_branch_idx', 'customers_migration_idx', 'customers_name_idx', 'customers_number_idx']);
    expect(indexes(sqlite, 'orders')).toEqual(['orders_customer_time_idx']);
    expect(indexes(sqlite, 'order_lines')).toEqual(['order_lines_order_value_idx']);
    expect(indexes(sqlite, 'migration_events')).toEqual(['migration_events_customer_idx', 'migration_events_entered_idx', 'migration_events_state_idx']);
    expect(sqlite.prepare('SELECT id, name FROM customers ORDER BY id').all()).toEqual([
      { id: 'c1', name: 'Tromsø Lys AS' },
      { id: 'c2', name: 'Ås Elektro AS' },
    ]);
    expect(sqlite.prepare('SELECT order_id, qty FROM order_lines').all()).toEqual([{ order_id: 'o1', qty: 2 }]);
    // The customers already there wait for their documents, written at the first refresh.
    expect(sqlite.prepare('SELECT customer_id FROM customer_search_queue ORDER BY 1').pluck().all()).toEqual(['c1', 'c2']);
    expect(matches(sqlite, '"tromsø"*')).toEqual([]);
    expect(refreshCustomerSearch(sqlite)).toBe(2);
    const rowid = (id: string): number => sqlite.prepare('SELECT rowid FROM customers WHERE id = ?').pluck().get(id) as number;
    expect(matches(sqlite, '"tromsø"*')).toEqual([rowid('c1')]);
    expect(matches(sqlite, 'emails : "per lys no"*')).toEqual([rowid('c1')]);
    expect(matches(sqlite, 'city : "ås"')).toEqual([rowid('c2')]);
    sqlite.close();
  });

  it('tokenizes as the search means: case folded, å kept apart from a, digits whole', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [...upTo4, migration0005]);
    addCustomer(sqlite, 'c1', 'ÅLESUND Æra Øst AS');
    addCustomer(sqlite, 'c2', 'Alesund Aera Ost AS');
    sqlite.prepare("INSERT INTO customer_search_queue (customer_id) VALUES ('c1'), ('c2')").run();
    refreshCustomerSearch(sqlite);
    const [c1, c2] = ['c1', 'c2'].map((id) => sqlite.prepare('SELECT rowid FROM customers WHERE id = ?').pluck().get(id) as number);
    expect(matches(sqlite, '"ålesund"')).toEqual([c1]);
    expect(matches(sqlite, '"æra" "øst"')).toEqual([c1]);
    expect(matches(sqlite, '"alesund"')).toEqual([c2]);
    expect(matches(sqlite, '"as"')).toEqual([c1, c2]);
    expect(matches(sqlite, '"10000"*')).toEqual([c1, c2]);
    sqlite.close();
  });

  it('keeps documents only of customers there are: a deleted customer’s document goes at the next refresh', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateCache(sqlite, [...upTo4, migration0005]);
    addCustomer(sqlite, 'c1', 'Bergen Lys AS');
    sqlite.prepare("INSERT INTO customer_search_queue (customer_id) VALUES ('c1')").run();
    refreshCustomerSearch(sqlite);
    const doc = sqlite.prepare("SELECT rowid FROM customers WHERE id = 'c1'").pluck().get() as number;
    sqlite.prepare("DELETE FROM customers WHERE id = 'c1'").run();
    sqlite.prepare('INSERT INTO customer_search_stale (doc) VALUES (?)').run(doc);
    expect(refreshCustomerSearch(sqlite)).toBe(0);
    expect(matches(sqlite, '"bergen"')).toEqual([]);
    // A delete leaves no ghost: a new document under the same rowid is found for its own words only.
    addCustomer(sqlite, 'c9', 'Oslo Lys AS');
    sqlite.prepare("INSERT INTO customer_search_queue (customer_id) VALUES ('c9')").run();
    refreshCustomerSearch(sqlite);
    expect(matches(sqlite, '"bergen"')).toEqual([]);
    expect(matches(sqlite, '"oslo"')).toHaveLength(1);
    sqlite.close();
  });
});
