import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCache } from '../../../../../electron/core/cache/migrate';
import { migration0001 } from '../../../../../electron/core/cache/migrations/0001_synced_tables';
import { syncRowSchemas, syncTableNames } from '../../../../../electron/shared/sync/rows';

function migrated(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(':memory:');
  migrateCache(sqlite, [migration0001]);
  return sqlite;
}

describe('cache migration 0001: synced tables', () => {
  it('creates every synced table, STRICT, with exactly the wire row’s columns', () => {
    const sqlite = migrated();
    for (const table of syncTableNames) {
      const list = sqlite.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number } | undefined;
      expect(list, table).toEqual({ strict: 1 });
      const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((column) => column.name);
      expect(columns, table).toEqual(Object.keys(syncRowSchemas[table].shape));
    }
    sqlite.close();
  });

  it('refuses values of the wrong type and booleans other than 0 and 1', () => {
    const sqlite = migrated();
    const insert = sqlite.prepare('INSERT INTO products (id, article_number, name_nb, category, list_price_ore, cost_price_ore, bulky, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('p1', 'A-1', 'Downlight', 'downlights', 49900, 21000, 0, 1);
    expect(() => insert.run('p2', 'A-2', 'Downlight', 'downlights', 'dyr', 21000, 0, 1)).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert.run('p3', 'A-3', 'Downlight', 'downlights', 49900, 21000, 2, 1)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('p1', 'A-1', 'Downlight', 'downlights', 49900, 21000, 0, 1)).toThrow(/UNIQUE constraint failed/);
    sqlite.close();
  });

  it('indexes the columns the lists read by', () => {
    const sqlite = migrated();
    const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM quotes WHERE status = 'requested' ORDER BY due_at").all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' | ')).toMatch(/USING INDEX quotes_status_due_idx/);
    const lines = sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM order_lines WHERE order_id = 'o1' ORDER BY line_no").all() as Array<{ detail: string }>;
    expect(lines.map((step) => step.detail).join(' | ')).toMatch(/USING INDEX order_lines_order_idx/);
    sqlite.close();
  });
});
