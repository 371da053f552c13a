import { sql, type Kysely } from 'kysely';

/**
 * Staff sessions (protocol.md, "Authentication"): a login is a session; each refresh rotates
 * its token, and a token presented twice revokes the whole session. Also failed-login records
 * for rate limiting and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table auth_sessions (
      id text primary key,
      staff_id text not null references staff (id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_reason text
    )`.execute(db);
  await sql`create index auth_sessions_staff_idx on auth_sessions (staff_id)`.execute(db);

  await sql`
    create table auth_refresh_tokens (
      -- Only a hash is stored: a leaked table does not hand out working tokens.
      token_hash text primary key,
      session_id text not null references auth_sessions (id),
      issued_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index auth_refresh_tokens_session_idx on auth_refresh_tokens (session_id)`.execute(db);

  await sql`
    create table auth_login_failures (
      id bigint generated always as identity primary key,
      username text not null,
      ip text not null,
      failed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index auth_login_failures_user_idx on auth_login_failures (lower(username), failed_at)`.execute(db);
  await sql`create index auth_login_failures_ip_idx on auth_login_failures (ip, failed_at)`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_kind text not null check (actor_kind in ('staff', 'shop', 'warehouse', 'system', 'anonymous')),
      actor_id text,
      action text not null,
      object_type text,
      object_id text,
      outcome text not null check (outcome in ('ok', 'refused', 'failed')),
      detail jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_log_object_idx on audit_log (object_type, object_id, at)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, at)`.execute(db);
}
