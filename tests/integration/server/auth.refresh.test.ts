import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema, type TokenResponse } from '../../../electron/shared/protocol/auth';
import { BACKENDS, useTestDatabases } from './backends';
import { auditRows, PASSWORD, seedStaff, STAFF, startAuthInstance, type AuthInstance } from './authFixture';
import { call, codeOf, tokensFor, type Answer } from './httpFixture';

describe.each(BACKENDS)('refresh and logout (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance;

  function signIn(username: string = STAFF.consultant.username): Promise<TokenResponse> {
    return tokensFor(instance, username, PASSWORD);
  }
  function refresh(refreshToken: string): Promise<Answer> {
    return call(instance, 'POST', '/v1/auth/refresh', { body: { refreshToken } });
  }
  function whoami(accessToken: string): Promise<Answer> {
    return call(instance, 'GET', '/v1/sync/whoami', { token: accessToken });
  }

  beforeAll(async () => {
    instance = await startAuthInstance(databases.config());
    await seedStaff(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('rotates: each refresh answers the token shape with a new refresh token of the same login', async () => {
    const first = await signIn();
    const answer = await refresh(first.refreshToken);
    expect(answer.status).toBe(200);
    const second = tokenResponseSchema.parse(answer.body);
    expect(second.staff).toEqual(first.staff);
    expect(second.expiresIn).toBeLessThanOrEqual(900);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const [before, after] = await Promise.all([whoami(first.accessToken), whoami(second.accessToken)]);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    const third = tokenResponseSchema.parse((await refresh(second.refreshToken)).body);
    expect((await whoami(third.accessToken)).status).toBe(200);
  });

  it('answers a reused refresh token with TOKEN_REUSED and ends the whole login', async () => {
    const first = await signIn();
    const second = tokenResponseSchema.parse((await refresh(first.refreshToken)).body);
    const third = tokenResponseSchema.parse((await refresh(second.refreshToken)).body);
    const other = await signIn(STAFF.admin.username);

    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(codeOf(reused)).toBe('TOKEN_REUSED');

    // Everything of that login stops working at once: the newest refresh token, every access token.
    const newest = await refresh(third.refreshToken);
    expect(newest.status).toBe(401);
    expect(codeOf(newest)).toBe('UNAUTHENTICATED');
    for (const token of [first.accessToken, second.accessToken, third.accessToken]) {
      const answer = await whoami(token);
      expect([answer.status, codeOf(answer)]).toEqual([401, 'UNAUTHENTICATED']);
    }
    // Another login of the same service is untouched, and so is a new login of the same person.
    expect((await whoami(other.accessToken)).status).toBe(200);
    expect((await whoami((await signIn()).accessToken)).status).toBe(200);

    const session = await instance.db
      .selectFrom('auth_sessions')
      .select(['revoked_at', 'revoked_reason'])
      .where('id', '=', sessionIdOf(third.accessToken))
      .executeTakeFirstOrThrow();
    expect(session.revoked_reason).toBe('token_reused');
    expect(session.revoked_at).not.toBeNull();

    const audits = await auditRows(instance.db, 'auth.refresh');
    expect(audits.filter((row) => row.outcome === 'refused' && row.actor_id === 'st-kons').map((row) => row.detail)).toContainEqual(
      expect.objectContaining({ reason: 'token_reused' }),
    );
    expect(audits.filter((row) => row.outcome === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { refreshToken } = await signIn(STAFF.service.username);
      const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      const outcomes = answers.map((answer) => `${answer.status} ${codeOf(answer) ?? ''}`.trim()).sort();
      expect(outcomes).toEqual(['200', '401 TOKEN_REUSED']);
    }
  });

  it('refuses an unknown or expired refresh token with 401 UNAUTHENTICATED', async () => {
    const unknown = await refresh('A'.repeat(43));
    expect([unknown.status, codeOf(unknown)]).toEqual([401, 'UNAUTHENTICATED']);
    const { refreshToken } = await signIn();
    instance.advance(30 * 24 * 3600 + 1);
    const expired = await refresh(refreshToken);
    expect([expired.status, codeOf(expired)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('logs out with the bearer token: 204, then its tokens are refused; again is still 204', async () => {
    const tokens = await signIn();
    const answer = await call(instance, 'POST', '/v1/auth/logout', { token: tokens.accessToken });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(codeOf(await whoami(tokens.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(tokens.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await call(instance, 'POST', '/v1/auth/logout', { token: tokens.accessToken })).status).toBe(204);
    expect((await call(instance, 'POST', '/v1/auth/logout', { token: tokens.accessToken, body: {} })).status).toBe(204);
  });

  it('logs out with the refresh token alone, and with an expired access token', async () => {
    const byRefresh = await signIn();
    expect((await call(instance, 'POST', '/v1/auth/logout', { body: { refreshToken: byRefresh.refreshToken } })).status).toBe(204);
    expect(codeOf(await whoami(byRefresh.accessToken))).toBe('UNAUTHENTICATED');

    const byExpired = await signIn();
    instance.advance(901);
    expect((await call(instance, 'POST', '/v1/auth/logout', { token: byExpired.accessToken })).status).toBe(204);
    expect(codeOf(await refresh(byExpired.refreshToken))).toBe('UNAUTHENTICATED');

    const rows = await auditRows(instance.db, 'auth.logout');
    expect(rows.filter((row) => row.actor_id === 'st-kons' && row.outcome === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('answers a logout that names no login with 204 all the same', async () => {
    expect((await call(instance, 'POST', '/v1/auth/logout')).status).toBe(204);
    expect((await call(instance, 'POST', '/v1/auth/logout', { token: 'garbage', body: { refreshToken: 'garbage' } })).status).toBe(204);
  });
});

// The session id an access token names (its payload is readable base64url JSON).
function sessionIdOf(accessToken: string): string {
  const payload: unknown = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  if (typeof payload === 'object' && payload !== null && 'sid' in payload && typeof payload.sid === 'string') return payload.sid;
  throw new Error('access token without a session id');
}
