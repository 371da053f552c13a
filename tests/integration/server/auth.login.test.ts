import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '../../../electron/shared/protocol/auth';
import { BACKENDS, useTestDatabases } from './backends';
import { auditRows, PASSWORD, seedStaff, STAFF, startAuthInstance, type AuthInstance } from './authFixture';
import { call, codeOf, login } from './httpFixture';

describe.each(BACKENDS)('POST /v1/auth/login (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance;

  beforeAll(async () => {
    instance = await startAuthInstance(databases.config());
    await seedStaff(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('answers the right password with exactly the token response shape', async () => {
    const answer = await login(instance, STAFF.consultant.username, PASSWORD);
    expect(answer.status).toBe(200);
    const body = tokenResponseSchema.parse(answer.body);
    expect(body.staff).toEqual({ id: 'st-kons', name: 'Kari Konsulent', role: 'consultant', branchId: 'br-oslo' });
    expect(body.expiresIn).toBe(900);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(answer.body as object).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'staff']);
  });

  it('stores argon2id hashes and only a hash of the refresh token', async () => {
    const staff = await instance.db.selectFrom('staff').select('password_hash').where('id', '=', 'st-kons').executeTakeFirstOrThrow();
    expect(staff.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const { refreshToken } = tokenResponseSchema.parse((await login(instance, STAFF.admin.username, PASSWORD)).body);
    const stored = await instance.db.selectFrom('auth_refresh_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(refreshToken);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('matches usernames case-insensitively', async () => {
    for (const username of ['kari.konsulent@demo', 'KARI.KONSULENT@DEMO', 'Kari.Konsulent@Demo']) {
      const answer = await login(instance, username, PASSWORD);
      expect(answer.status).toBe(200);
      expect(tokenResponseSchema.parse(answer.body).staff.id).toBe('st-kons');
    }
  });

  it.each([
    ['a wrong password', STAFF.branch.username, 'feil passord'],
    ['an unknown user', 'ingen@demo', PASSWORD],
    ['an inactive staff member', STAFF.inactive.username, PASSWORD],
    ['the password in another case', STAFF.service.username, PASSWORD.toUpperCase()],
  ])('refuses %s with 401 INVALID_CREDENTIALS', async (_case, username, password) => {
    const answer = await login(instance, username, password);
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('INVALID_CREDENTIALS');
    expect(answer.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' } });
  });

  it.each([
    ['login with an unknown key', '/v1/auth/login', { username: 'admin@demo', password: PASSWORD, remember: true }],
    ['login without a password', '/v1/auth/login', { username: 'admin@demo' }],
    ['login with a number as username', '/v1/auth/login', { username: 7, password: PASSWORD }],
    // PostgreSQL can store neither in text or jsonb: a 400, not a 500 from the database.
    ['login with U+0000 in the username', '/v1/auth/login', { username: 'admin\u0000@demo', password: PASSWORD }],
    ['login with an unpaired surrogate in the username', '/v1/auth/login', { username: 'admin\ud800@demo', password: PASSWORD }],
    ['refresh with an unknown key', '/v1/auth/refresh', { refreshToken: 'x', staffId: 'st-adm' }],
    ['refresh without a token', '/v1/auth/refresh', {}],
    ['logout with an unknown key', '/v1/auth/logout', { sessionId: 'x' }],
  ])('answers %s with 400 INVALID_REQUEST', async (_case, path, body) => {
    const answer = await call(instance, 'POST', path, { body });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('INVALID_REQUEST');
  });

  it('audits successful and refused logins with username, ip and reason', async () => {
    await login(instance, STAFF.branch.username, PASSWORD);
    await login(instance, 'AVDELING@demo', 'galt');
    await login(instance, 'finnes.ikke@demo', 'galt');
    await login(instance, STAFF.inactive.username, PASSWORD);
    const rows = await auditRows(instance.db, 'auth.login');
    const ok = rows.filter((row) => row.outcome === 'ok' && row.actor_id === 'st-avd');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ actor_kind: 'staff', object_type: 'auth_session', detail: { username: STAFF.branch.username, ip: '127.0.0.1' } });
    const refused = rows.filter((row) => row.outcome === 'refused').map((row) => ({ actor: row.actor_id, detail: row.detail }));
    expect(refused).toEqual(
      expect.arrayContaining([
        { actor: 'st-avd', detail: { username: 'AVDELING@demo', ip: '127.0.0.1', reason: 'wrong_password' } },
        { actor: null, detail: { username: 'finnes.ikke@demo', ip: '127.0.0.1', reason: 'unknown_user' } },
        { actor: 'st-old', detail: { username: STAFF.inactive.username, ip: '127.0.0.1', reason: 'inactive' } },
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});
