import { sql, type Kysely } from 'kysely';

/** Branches (lokale avdelinger) and staff logins with their role and branch. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branches (
      id text primary key,
      name text not null,
      city text not null,
      version bigint not null default 0
    )`.execute(db);

  await sql`
    create table staff (
      id text primary key,
      username text not null,
      name text not null,
      role text not null check (role in ('consultant', 'branch', 'customer_service', 'admin')),
      -- Consultants and branch staff belong to a branch; customer service and admins work for all.
      branch_id text references branches (id),
      password_hash text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      version bigint not null default 0,
      constraint staff_branch_required check (role in ('customer_service', 'admin') or branch_id is not null)
    )`.execute(db);
  // Logins are case-insensitive: "Ola@Demo" and "ola@demo" are one user.
  await sql`create unique index staff_username_key on staff (lower(username))`.execute(db);

  for (const table of ['branches', 'staff']) {
    await sql`create trigger ${sql.raw(`${table}_stamp_version`)} before insert or update on ${sql.table(table)}
      for each row execute function sync_stamp_version()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_tombstone`)} after delete on ${sql.table(table)}
      for each row execute function sync_record_tombstone()`.execute(db);
    await sql`create index ${sql.raw(`${table}_version_idx`)} on ${sql.table(table)} (version)`.execute(db);
  }
}
