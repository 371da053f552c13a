import { sql, type Kysely } from 'kysely';

/**
 * The sync bookkeeping every synced table shares (protocol.md, "Pull"): one global, monotonically
 * growing change version stamped on each insert and update, and a tombstone for each delete.
 * A pull's cursor is the highest version the client has; rows and tombstones above it are sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence sync_version_seq as bigint`.execute(db);

  // Stamps NEW.version from the sequence, so no code path can forget to bump it.
  await sql`
    create function sync_stamp_version() returns trigger language plpgsql as $$
    begin
      new.version := nextval('sync_version_seq');
      return new;
    end $$`.execute(db);

  await sql`
    create table sync_tombstones (
      version bigint primary key default nextval('sync_version_seq'),
      table_name text not null,
      row_id text not null,
      -- The branch the row belonged to, so a pull can tell whom the deletion concerns.
      branch_id text,
      deleted_at timestamptz not null default now()
    )`.execute(db);

  // Records a tombstone for the deleted row; the table must have an \`id\` column and may have
  // a \`branch_id\`.
  await sql`
    create function sync_record_tombstone() returns trigger language plpgsql as $$
    declare
      old_row jsonb := to_jsonb(old);
    begin
      insert into sync_tombstones (table_name, row_id, branch_id)
      values (tg_table_name, old_row ->> 'id', old_row ->> 'branch_id');
      return old;
    end $$`.execute(db);
}
