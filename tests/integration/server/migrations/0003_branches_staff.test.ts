import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { BACKENDS, useTestDatabases } from '../backends';

describe.each(BACKENDS)('migration 0003_branches_staff (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await migrate(handle.db, migrations.slice(0, 3));
    await sql`insert into branches (id, name, city) values ('b-osl', 'Oslo sentrum', 'Oslo')`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  function addStaff(id: string, username: string, role: string, branch: string | null) {
    return sql`insert into staff (id, username, name, role, branch_id, password_hash)
      values (${id}, ${username}, 'Kari Nordmann', ${role}, ${branch}, 'x')`.execute(handle.db);
  }

  it('accepts the four roles and refuses any other', async () => {
    await addStaff('s1', 'kons@demo', 'consultant', 'b-osl');
    await addStaff('s2', 'filial@demo', 'branch', 'b-osl');
    await addStaff('s3', 'kunde@demo', 'customer_service', null);
    await addStaff('s4', 'admin@demo', 'admin', null);
    await expect(addStaff('s5', 'x@demo', 'superuser', null)).rejects.toThrow(/check constraint/);
  });

  it('requires a branch for consultants and branch staff', async () => {
    await expect(addStaff('s6', 'nobranch@demo', 'consultant', null)).rejects.toThrow(/staff_branch_required/);
    await expect(addStaff('s7', 'nobranch2@demo', 'branch', null)).rejects.toThrow(/staff_branch_required/);
  });

  it('treats usernames case-insensitively', async () => {
    await expect(addStaff('s8', 'KONS@Demo', 'admin', null)).rejects.toThrow(/duplicate key/);
  });

  it('stamps versions and leaves tombstones on both tables', async () => {
    const before = await sql<{ version: string }>`select version from staff where id = 's1'`.execute(handle.db);
    await sql`update staff set name = 'Ola Nordmann' where id = 's1'`.execute(handle.db);
    const after = await sql<{ version: string }>`select version from staff where id = 's1'`.execute(handle.db);
    expect(Number(after.rows[0]?.version)).toBeGreaterThan(Number(before.rows[0]?.version));
    expect(Number(before.rows[0]?.version)).toBeGreaterThan(0);
    await sql`delete from staff where id = 's2'`.execute(handle.db);
    const tomb = await sql<{ row_id: string; branch_id: string }>`select row_id, branch_id from sync_tombstones where table_name = 'staff'`.execute(handle.db);
    expect(tomb.rows).toEqual([{ row_id: 's2', branch_id: 'b-osl' }]);
  });
});
