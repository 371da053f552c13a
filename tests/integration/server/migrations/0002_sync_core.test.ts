import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { BACKENDS, useTestDatabases } from '../backends';

describe.each(BACKENDS)('migration 0002_sync_core (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await migrate(handle.db, migrations.slice(0, 2));
    // A table shaped like every synced table, wired to the two trigger functions.
    await sql`create table probe (id text primary key, branch_id text, note text, version bigint not null default 0)`.execute(handle.db);
    await sql`create trigger probe_stamp before insert or update on probe for each row execute function sync_stamp_version()`.execute(handle.db);
    await sql`create trigger probe_tomb after delete on probe for each row execute function sync_record_tombstone()`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function versionOf(id: string): Promise<number> {
    const result = await sql<{ version: string }>`select version from probe where id = ${id}`.execute(handle.db);
    return Number(result.rows[0]?.version);
  }

  it('stamps a growing version on every insert and update, whatever the writer sets', async () => {
    await sql`insert into probe (id, note, version) values ('a', 'x', 999999)`.execute(handle.db);
    const first = await versionOf('a');
    expect(first).toBeLessThan(999999);
    await sql`insert into probe (id, note) values ('b', 'y')`.execute(handle.db);
    const second = await versionOf('b');
    await sql`update probe set note = 'z' where id = 'a'`.execute(handle.db);
    const third = await versionOf('a');
    expect(first).toBeLessThan(second);
    expect(second).toBeLessThan(third);
  });

  it('leaves a tombstone with table, id, branch and a version above every earlier change', async () => {
    await sql`insert into probe (id, branch_id, note) values ('gone', 'oslo', 'bye')`.execute(handle.db);
    const before = await versionOf('gone');
    await sql`delete from probe where id = 'gone'`.execute(handle.db);
    const tombs = await sql<{ table_name: string; row_id: string; branch_id: string; version: string }>`
      select table_name, row_id, branch_id, version from sync_tombstones`.execute(handle.db);
    expect(tombs.rows).toHaveLength(1);
    expect(tombs.rows[0]).toMatchObject({ table_name: 'probe', row_id: 'gone', branch_id: 'oslo' });
    expect(Number(tombs.rows[0]?.version)).toBeGreaterThan(before);
  });
});
