import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../../../server/config';
import {
  migrate,
  MigrationMismatchError,
  openDatabase,
  schemaVersion,
  SchemaTooNewError,
  type DbConfig,
  type DbHandle,
  type Migration,
} from '../../../server/db';
import { migrations } from '../../../server/migrations';
import { BACKENDS, useTestDatabases } from './backends';

const newest = migrations.length;

describe('migration list', () => {
  it('lists every file in server/migrations, in order, numbered 1, 2, 3 …', async () => {
    const files = (await readdir(join(findRepoRoot(), 'server', 'migrations')))
      .filter((file) => /^\d{4}_.+\.ts$/.test(file))
      .sort();
    expect(files.map((file) => file.replace(/\.ts$/, ''))).toEqual(
      migrations.map((migration) => `${String(migration.version).padStart(4, '0')}_${migration.name}`),
    );
  });
});

describe.each(BACKENDS)('migration runner (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  const open: DbHandle[] = [];

  async function openDb(config: DbConfig = databases.config()): Promise<DbHandle> {
    const handle = await openDatabase(config);
    open.push(handle);
    return handle;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });

  async function recorded(handle: DbHandle): Promise<Array<{ version: number; name: string }>> {
    return handle.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
  }

  async function tableExists(handle: DbHandle, table: string): Promise<boolean> {
    const result = await sql<{ name: string | null }>`select to_regclass(${table})::text as name`.execute(handle.db);
    return result.rows[0]?.name != null;
  }

  it('applies every migration to an empty database, each recorded once', async () => {
    const handle = await openDb();
    expect(await schemaVersion(handle.db)).toBe(0);
    const result = await migrate(handle.db);
    expect(result).toEqual({ applied: migrations.map((m) => m.version), version: newest });
    expect(await recorded(handle)).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    const appliedAt = await handle.db.selectFrom('schema_migrations').select('applied_at').execute();
    // Read as ISO UTC strings, like every timestamptz (server/db/open.ts).
    for (const row of appliedAt) expect(new Date(row.applied_at).toISOString()).toBe(row.applied_at);
  });

  it('does nothing on a second run', async () => {
    const handle = await openDb();
    const before = await handle.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    expect(await migrate(handle.db)).toEqual({ applied: [], version: newest });
    expect(await handle.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute()).toEqual(before);
  });

  it('applies each migration once when two runners start at the same time', async () => {
    const config = await databases.fresh();
    // PGlite allows one process per folder, so there both runners share the handle; on
    // PostgreSQL they are separate pools, as two service instances would be.
    const first = await openDb(config);
    const second = kind === 'postgres' ? await openDb(config) : first;
    const results = await Promise.all([migrate(first.db), migrate(second.db)]);
    expect(results.flatMap((result) => result.applied).sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
    expect(results.map((result) => result.version)).toEqual([newest, newest]);
    expect(await recorded(first)).toHaveLength(newest);
  });

  it('refuses a database from a newer build and leaves it unchanged', async () => {
    const handle = await openDb(await databases.fresh());
    await sql`create table schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(handle.db);
    await handle.db.insertInto('schema_migrations').values({ version: newest + 1, name: 'from_the_future' }).execute();
    const before = await handle.db.selectFrom('schema_migrations').selectAll().execute();

    const failure = await migrate(handle.db).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SchemaTooNewError);
    expect(failure).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    expect(String(failure)).toMatch(/Upgrade the service/);
    expect(await handle.db.selectFrom('schema_migrations').selectAll().execute()).toEqual(before);
    expect(await tableExists(handle, 'service_meta')).toBe(false);
  });

  it('rolls back a failing migration together with its bookkeeping row', async () => {
    const handle = await openDb(await databases.fresh());
    const broken: Migration = {
      version: newest + 1,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('migration bug');
      },
    };
    await expect(migrate(handle.db, [...migrations, broken])).rejects.toThrow('migration bug');
    expect(await schemaVersion(handle.db)).toBe(newest);
    expect(await tableExists(handle, 'half_done')).toBe(false);
  });

  describe('a recorded history that differs from the list', () => {
    // Small stand-in lists, so each case shows exactly which difference is caught.
    function step(version: number, name: string): Migration {
      return {
        version,
        name,
        async up(db) {
          await db.schema.createTable(`step_${name}`).addColumn('id', 'integer').execute();
        },
      };
    }
    const shipped = [step(1, 'one'), step(2, 'two'), step(3, 'three')];

    async function migratedWith(list: readonly Migration[]): Promise<DbHandle> {
      const handle = await openDb(await databases.fresh());
      await migrate(handle.db, list);
      return handle;
    }

    async function expectMismatch(handle: DbHandle, list: readonly Migration[], message: RegExp): Promise<void> {
      const before = await handle.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
      const failure = await migrate(handle.db, list).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(MigrationMismatchError);
      expect(failure).toMatchObject({ code: 'MIGRATION_MISMATCH' });
      expect(String(failure)).toMatch(message);
      expect(await handle.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute()).toEqual(before);
    }

    it('refuses a migration that was renamed after it was applied', async () => {
      const handle = await migratedWith(shipped);
      const renamed = [step(1, 'one'), step(2, 'two_renamed'), step(3, 'three')];
      await expectMismatch(handle, renamed, /0002 is recorded as "two", but this build's 0002 is "two_renamed"/);
    });

    it('refuses migrations that were renumbered', async () => {
      const handle = await migratedWith(shipped);
      await expectMismatch(handle, [step(1, 'one'), step(2, 'three'), step(3, 'two')], /0002 is recorded as "two"/);
    });

    it("refuses another branch's 0002 and applies nothing after it", async () => {
      const handle = await migratedWith([step(1, 'one'), step(2, 'two_from_branch_a')]);
      await expectMismatch(handle, [step(1, 'one'), step(2, 'two_from_branch_b'), step(3, 'three')], /two_from_branch_a/);
      expect(await tableExists(handle, 'step_three')).toBe(false);
    });

    it('refuses a history with a migration missing', async () => {
      const handle = await migratedWith(shipped);
      await handle.db.deleteFrom('schema_migrations').where('version', '=', 2).execute();
      await expectMismatch(handle, shipped, /0002 "two" is not recorded, but 0003 "three" is/);
    });

    it('still reports SCHEMA_TOO_NEW for a matching history that is ahead', async () => {
      const handle = await migratedWith(shipped);
      await expect(migrate(handle.db, shipped.slice(0, 2))).rejects.toBeInstanceOf(SchemaTooNewError);
    });

    it('reports a mismatch before a history that is also ahead', async () => {
      const handle = await migratedWith(shipped);
      await expectMismatch(handle, [step(1, 'one'), step(2, 'deux')], /recorded as "two"/);
    });

    it('accepts the history it wrote itself', async () => {
      const handle = await migratedWith(shipped);
      expect(await migrate(handle.db, shipped)).toEqual({ applied: [], version: 3 });
      expect(await migrate(handle.db, [...shipped, step(4, 'four')])).toEqual({ applied: [4], version: 4 });
    });
  });

  it('refuses a migration list with a gap', async () => {
    const handle = await openDb();
    const gap: Migration = { version: newest + 2, name: 'gap', up: async () => undefined };
    await expect(migrate(handle.db, [...migrations, gap])).rejects.toThrow(/versions must be 1, 2, 3/);
    expect(await schemaVersion(handle.db)).toBe(newest);
  });
});
