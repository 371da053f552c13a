import { sql, type Kysely } from 'kysely';

/**
 * Wires a table into sync (migration 0002's machinery): version stamped on every write,
 * tombstone on delete, and an index for "rows changed since cursor C".
 *
 * Migrations call this, so it must keep doing exactly what it does today: a different
 * behaviour belongs in a new function used by new migrations, never in an edit here.
 */
export async function makeSynced(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`create trigger ${sql.raw(`${table}_stamp_version`)} before insert or update on ${sql.table(table)}
    for each row execute function sync_stamp_version()`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_tombstone`)} after delete on ${sql.table(table)}
    for each row execute function sync_record_tombstone()`.execute(db);
  await sql`create index ${sql.raw(`${table}_version_idx`)} on ${sql.table(table)} (version)`.execute(db);
}

/** Runs each statement in order (a migration is a list of DDL statements). */
export async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
