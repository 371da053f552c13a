import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tokenResponseSchema, type TokenResponse } from '../../../electron/shared/protocol/auth';
import { BACKENDS, useTestDatabases } from './backends';
import { auditRows, PASSWORD, seedStaff, STAFF, startAuthInstance, type AuthInstance } from './authFixture';
import { call, codeOf, login, tokensFor } from './httpFixture';

const claimsSchema = z.object({ sub: z.string(), role: z.string(), branch: z.string().nullable(), sid: z.string(), iat: z.number(), exp: z.number() });

function claimsOf(accessToken: string): z.infer<typeof claimsSchema> {
  const payload = accessToken.split('.')[1] ?? '';
  return claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
}

// Changes one character of `text` at `index` to another base64url character.
function flip(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe.each(BACKENDS)('access tokens and /v1/sync/* (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance;

  function signIn(username: string = STAFF.consultant.username): Promise<TokenResponse> {
    return tokensFor(instance, username, PASSWORD);
  }

  beforeAll(async () => {
    instance = await startAuthInstance(databases.config());
    await seedStaff(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('carries staff, role, branch and session, and lives at most 900 s', async () => {
    const tokens = await signIn();
    const claims = claimsOf(tokens.accessToken);
    expect(claims).toMatchObject({ sub: 'st-kons', role: 'consultant', branch: 'br-oslo' });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
    expect(claims.exp - Date.now() / 1000).toBeLessThanOrEqual(900);
    const whoami = await call(instance, 'GET', '/v1/sync/whoami', { token: tokens.accessToken });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({ id: 'st-kons', role: 'consultant', branchId: 'br-oslo', sessionId: claims.sid });
  });

  it('gives customer service and admin no branch', async () => {
    for (const [staff, role] of [[STAFF.service, 'customer_service'], [STAFF.admin, 'admin']] as const) {
      const tokens = await signIn(staff.username);
      const whoami = await call(instance, 'GET', '/v1/sync/whoami', { token: tokens.accessToken });
      expect(whoami.body).toMatchObject({ id: staff.id, role, branchId: null });
    }
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty token', ''],
    ['a token that is not a token', 'not-a-token'],
    ['a JWT with alg none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.e30.`],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_case, token) => {
    const answer = await call(instance, 'GET', '/v1/sync/whoami', token === undefined ? {} : { token });
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  });

  it('refuses a tampered token with 401 UNAUTHENTICATED', async () => {
    const { accessToken } = await signIn();
    const [header = '', payload = '', signature = ''] = accessToken.split('.');
    const claims = claimsOf(accessToken);
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin', branch: null })).toString('base64url');
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString('base64url');
    const tampered = [
      `${header}.${promoted}.${signature}`,
      `${header}.${longer}.${signature}`,
      `${header}.${payload}.${flip(signature, 0)}`,
      `${header}.${payload}.${flip(signature, signature.length - 1)}`,
      `${header}.${flip(payload, 5)}.${signature}`,
      `${header}.${payload}.${signature}x`,
      `${header}.${payload}`,
    ];
    for (const token of tampered) {
      const answer = await call(instance, 'GET', '/v1/sync/whoami', { token });
      expect([token, answer.status, codeOf(answer)]).toEqual([token, 401, 'UNAUTHENTICATED']);
    }
    expect((await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken })).status).toBe(200);
  });

  it('refuses an expired token with 401 TOKEN_EXPIRED', async () => {
    const { accessToken } = await signIn();
    // The clock runs on in real time, and the token's times are whole seconds: a margin of 10 s
    // keeps a slow machine from crossing the 900 s line before the first call.
    instance.advance(890);
    expect((await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken })).status).toBe(200);
    instance.advance(11);
    const answer = await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken });
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('TOKEN_EXPIRED');
  });

  it('refuses the token of a staff member deactivated after login', async () => {
    const { accessToken } = await signIn(STAFF.branch.username);
    expect((await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken })).status).toBe(200);
    await instance.db.updateTable('staff').set({ active: false }).where('id', '=', STAFF.branch.id).execute();
    try {
      const answer = await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken });
      expect(answer.status).toBe(401);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    } finally {
      await instance.db.updateTable('staff').set({ active: true }).where('id', '=', STAFF.branch.id).execute();
    }
  });

  it('guards every /v1/sync path, also ones that do not exist yet', async () => {
    const answer = await call(instance, 'GET', '/v1/sync/pull?schemaVersion=1');
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    const { accessToken } = await signIn();
    expect((await call(instance, 'GET', '/v1/sync/no-such-route', { token: accessToken })).status).toBe(404);
    expect((await call(instance, 'GET', '/v1/health')).status).toBe(200);
  });

  it('audits refused authorisations', async () => {
    await call(instance, 'GET', '/v1/sync/whoami?probe=1');
    const { accessToken } = await signIn();
    instance.advance(1000);
    await call(instance, 'GET', '/v1/sync/whoami', { token: accessToken });
    const rows = await auditRows(instance.db, 'auth.refused');
    expect(rows.every((row) => row.outcome === 'refused')).toBe(true);
    expect(rows.map((row) => ({ kind: row.actor_kind, actor: row.actor_id, detail: row.detail }))).toEqual(
      expect.arrayContaining([
        { kind: 'anonymous', actor: null, detail: { reason: 'missing_token', method: 'GET', path: '/v1/sync/whoami', ip: '127.0.0.1' } },
        { kind: 'staff', actor: 'st-kons', detail: { reason: 'token_expired', method: 'GET', path: '/v1/sync/whoami', ip: '127.0.0.1' } },
      ]),
    );
  });
});

describe.each(BACKENDS)('the signing secret (%s)', (kind) => {
  const databases = useTestDatabases(kind);

  it('is kept in the database, so instances on one database accept each other’s tokens', async () => {
    const config = await databases.fresh();
    const first = await startAuthInstance(config);
    let second: AuthInstance | undefined;
    try {
      await seedStaff(first.db);
      const { accessToken } = tokenResponseSchema.parse((await login(first, STAFF.admin.username, PASSWORD)).body);
      // PGlite serves one process at a time: the "other instance" there is a restart.
      if (kind === 'pglite') await first.close();
      second = await startAuthInstance(config);
      const answer = await call(second, 'GET', '/v1/sync/whoami', { token: accessToken });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: STAFF.admin.id, role: 'admin' });
      if (kind === 'postgres') {
        const { accessToken: fromSecond } = tokenResponseSchema.parse((await login(second, STAFF.consultant.username, PASSWORD)).body);
        expect((await call(first, 'GET', '/v1/sync/whoami', { token: fromSecond })).status).toBe(200);
      }
      const secrets = await second.db.selectFrom('service_meta').select('value').where('key', '=', 'auth_secret').execute();
      expect(secrets).toHaveLength(1);
    } finally {
      await second?.close();
      await first.close();
    }
  });
});
