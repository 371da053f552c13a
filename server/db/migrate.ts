import { sql, type Kysely, type Transaction } from 'kysely';
import { migrations as knownMigrations } from '../migrations';
import type { Database } from './schema';

/** One forward-only schema step, listed in server/migrations/index.ts. */
export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction; `db` is untyped because the schema is mid-change. */
  up(db: Kysely<unknown>): Promise<void>;
}

/** What `migrate` did: the versions it applied now, and the version the database is at. */
export interface MigrateResult {
  applied: number[];
  version: number;
}

/** The database was migrated by a newer build of the service than this one. */
export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';

  constructor(databaseVersion: number, knownVersion: number) {
    super(
      `The database schema is at version ${databaseVersion}, but this build of the service only ` +
        `knows migrations up to version ${knownVersion}. Upgrade the service to a release that ` +
        `includes migration ${databaseVersion} (or point it at another database); it will not ` +
        `run against a schema it does not know.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The database's migration history differs from this build's list (renamed, renumbered, another branch's). */
export class MigrationMismatchError extends Error {
  readonly code = 'MIGRATION_MISMATCH';

  constructor(difference: string) {
    super(
      `The database's migration history does not match this build: ${difference}. The database ` +
        `was migrated by a different build (another branch, or a migration that was renamed, ` +
        `renumbered or removed after it shipped); running on would leave its schema different ` +
        `from what the code expects. Use the build that migrated it, restore the original ` +
        `migration in server/migrations/, or point the service at another database.`,
    );
    this.name = 'MigrationMismatchError';
  }
}

// Taken inside every migration transaction so that several instances starting against one
// PostgreSQL apply each migration once: the others wait, then see it recorded. Transaction-
// scoped, so it is released by commit/rollback even if the process dies.
const MIGRATION_LOCK = sql`select pg_advisory_xact_lock(hashtext('lysdesk.schema_migrations'))`;

/** Applies, in order, each migration the database does not have yet, each in its own transaction. */
export async function migrate(
  db: Kysely<Database>,
  migrations: readonly Migration[] = knownMigrations,
): Promise<MigrateResult> {
  checkMigrationList(migrations);
  const applied: number[] = [];
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      const current = await lockAndReadVersion(trx, migrations);
      const next = migrations.find((migration) => migration.version > current);
      if (next === undefined) return { done: true, version: current };
      await next.up(withoutSchemaType(trx));
      await trx.insertInto('schema_migrations').values({ version: next.version, name: next.name }).execute();
      return { done: false, version: next.version };
    });
    if (step.done) return { applied, version: step.version };
    applied.push(step.version);
  }
}

/** The highest migration version recorded in the database, 0 when none (or no table yet). */
export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const exists = await sql<{ name: string | null }>`select to_regclass('schema_migrations')::text as name`.execute(db);
  if (exists.rows[0]?.name == null) return 0;
  const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return row?.version ?? 0;
}

async function lockAndReadVersion(trx: Transaction<Database>, migrations: readonly Migration[]): Promise<number> {
  await MIGRATION_LOCK.execute(trx);
  await trx.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('applied_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  const recorded = await trx.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
  checkHistory(recorded, migrations);
  return recorded.at(-1)?.version ?? 0;
}

// The recorded rows must be exactly the first migrations of the list, version and name alike:
// comparing only the highest version would take another branch's (or a renamed) 0002 as ours.
// Rows beyond the list are a newer build's (SCHEMA_TOO_NEW); only that build can judge them.
function checkHistory(
  recorded: ReadonlyArray<{ version: number; name: string }>,
  migrations: readonly Migration[],
): void {
  const newestKnown = migrations.at(-1)?.version ?? 0;
  recorded
    .filter((row) => row.version <= newestKnown)
    .forEach((row, index) => {
      // checkMigrationList has made sure that entry i of the list is version i + 1.
      const expected = migrations[index];
      if (expected === undefined) return;
      if (row.version !== expected.version) {
        throw new MigrationMismatchError(
          `migration ${formatVersion(expected.version)} "${expected.name}" is not recorded, but ` +
            `${formatVersion(row.version)} "${row.name}" is`,
        );
      }
      if (row.name !== expected.name) {
        throw new MigrationMismatchError(
          `migration ${formatVersion(row.version)} is recorded as "${row.name}", but this build's ` +
            `${formatVersion(expected.version)} is "${expected.name}"`,
        );
      }
    });
  const current = recorded.at(-1)?.version ?? 0;
  if (current > newestKnown) throw new SchemaTooNewError(current, newestKnown);
}

function formatVersion(version: number): string {
  return String(version).padStart(4, '0');
}

// Kysely's table types are compile-time only; a migration must not see today's `Database`
// (which later migrations change), so it gets the same transaction with no schema type.
function withoutSchemaType(trx: Transaction<Database>): Kysely<unknown> {
  return trx as unknown as Kysely<unknown>;
}

// A mistake in the list (gap, duplicate, wrong order) would silently skip a migration forever.
function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list is broken: entry ${index + 1} ("${migration.name}") has version ` +
          `${migration.version}; versions must be 1, 2, 3, … in order in server/migrations/index.ts`,
      );
    }
  });
}
