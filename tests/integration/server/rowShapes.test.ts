import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { syncRowSchemas, syncTableNames } from '../../../electron/shared/sync/rows';
import { useMigratedDatabase } from './migrations/support';
import { migrations } from '../../../server/migrations';

// Columns that exist in the database but never cross the wire.
const serverOnly: Record<string, string[]> = { staff: ['username', 'password_hash', 'created_at'] };

describe('synced row shapes in electron/shared match the database', () => {
  const database = useMigratedDatabase('pglite', migrations.length);

  it.each(syncTableNames)('%s: every column but version (and server-only ones) is in the wire schema, and nothing else', async (table) => {
    const result = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(database.db());
    const columns = result.rows.map((row) => row.column_name).filter((name) => name !== 'version' && !(serverOnly[table] ?? []).includes(name));
    expect(columns.length).toBeGreaterThan(0);
    expect(Object.keys(syncRowSchemas[table].shape).sort()).toEqual(columns.sort());
  });
});

describe('syncTableNames order', () => {
  const database = useMigratedDatabase('pglite', migrations.length);

  it('lists every table after the synced tables its foreign keys reference (pull and seed rely on it)', async () => {
    const refs = await sql<{ child: string; parent: string }>`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c where c.contype = 'f' and c.conrelid <> c.confrelid`.execute(database.db());
    const position = new Map<string, number>(syncTableNames.map((table, index) => [table, index]));
    const backwards = refs.rows.filter(({ child, parent }) => {
      const from = position.get(child);
      const to = position.get(parent);
      return from !== undefined && to !== undefined && to > from;
    });
    expect(refs.rows.length).toBeGreaterThan(20);
    expect(backwards).toEqual([]);
  });
});
