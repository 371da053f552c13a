import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DbHandle } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { BACKENDS, useTestDatabases } from '../backends';

describe.each(BACKENDS)('migration 0004_auth_audit (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await migrate(handle.db, migrations.slice(0, 4));
    await sql`insert into staff (id, username, name, role, password_hash) values ('s1', 'admin@demo', 'A', 'admin', 'x')`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('ties sessions to staff and refresh tokens to sessions', async () => {
    await sql`insert into auth_sessions (id, staff_id) values ('sess1', 's1')`.execute(handle.db);
    await sql`insert into auth_refresh_tokens (token_hash, session_id, expires_at) values ('h1', 'sess1', now() + interval '30 days')`.execute(handle.db);
    await expect(sql`insert into auth_sessions (id, staff_id) values ('sess2', 'nobody')`.execute(handle.db)).rejects.toThrow(/foreign key/);
    await expect(
      sql`insert into auth_refresh_tokens (token_hash, session_id, expires_at) values ('h2', 'nosession', now())`.execute(handle.db),
    ).rejects.toThrow(/foreign key/);
    await expect(
      sql`insert into auth_refresh_tokens (token_hash, session_id, expires_at) values ('h1', 'sess1', now())`.execute(handle.db),
    ).rejects.toThrow(/duplicate key/);
  });

  it('records failed logins and audit entries, refusing unknown actor kinds and outcomes', async () => {
    await sql`insert into auth_login_failures (username, ip) values ('x@demo', '127.0.0.1')`.execute(handle.db);
    await sql`insert into audit_log (actor_kind, actor_id, action, outcome) values ('staff', 's1', 'auth.login', 'ok')`.execute(handle.db);
    const audit = await sql<{ action: string; detail: unknown }>`select action, detail from audit_log`.execute(handle.db);
    expect(audit.rows).toEqual([{ action: 'auth.login', detail: {} }]);
    await expect(sql`insert into audit_log (actor_kind, action, outcome) values ('robot', 'x', 'ok')`.execute(handle.db)).rejects.toThrow(/check constraint/);
    await expect(sql`insert into audit_log (actor_kind, action, outcome) values ('staff', 'x', 'maybe')`.execute(handle.db)).rejects.toThrow(/check constraint/);
  });
});
