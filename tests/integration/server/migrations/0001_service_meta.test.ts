import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { BACKENDS, useTestDatabases } from '../backends';

describe.each(BACKENDS)('migration 0001_service_meta (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    // Only this migration, so the test sees the schema exactly as 0001 leaves it.
    await migrate(handle.db, migrations.slice(0, 1));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('creates service_meta(key text primary key, value text not null)', async () => {
    const columns = await sql<{ column_name: string; data_type: string; is_nullable: string }>`
      select column_name, data_type, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name = 'service_meta' order by ordinal_position`.execute(handle.db);
    expect(columns.rows).toEqual([
      { column_name: 'key', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'value', data_type: 'text', is_nullable: 'NO' },
    ]);
    const primaryKey = await sql<{ column_name: string }>`
      select kcu.column_name from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu using (constraint_schema, constraint_name)
      where tc.table_name = 'service_meta' and tc.constraint_type = 'PRIMARY KEY'`.execute(handle.db);
    expect(primaryKey.rows).toEqual([{ column_name: 'key' }]);
  });

  it('stores and reads a value, and refuses a duplicate key or a null value', async () => {
    await handle.db.insertInto('service_meta').values({ key: 'installed_by', value: 'test' }).execute();
    expect(await handle.db.selectFrom('service_meta').selectAll().execute()).toEqual([
      { key: 'installed_by', value: 'test' },
    ]);
    await expect(
      handle.db.insertInto('service_meta').values({ key: 'installed_by', value: 'again' }).execute(),
    ).rejects.toThrow(/duplicate key/);
    await expect(sql`insert into service_meta (key, value) values ('k', null)`.execute(handle.db)).rejects.toThrow(
      /null value/,
    );
  });
});
