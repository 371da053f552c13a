import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  type TokenResponse,
} from '../../electron/shared/protocol/auth';
import { errorBody, HttpError, parseBody } from '../errors';
import { ACCESS_TOKEN_TTL_SECONDS, checkAccessToken, signAccessToken } from './accessToken';
import { audit, type AuditEntry } from './audit';
import type { AuthDeps } from './deps';
import { registerDemoLoginsRoute } from './demoLogins';
import { verifyDummyPassword, verifyPassword } from './password';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from './rateLimit';
import { bearerToken, installStaffAuth, staffOf, type StaffPrincipal } from './requireStaff';
import { revokeSession, rotateRefreshToken, sessionOfRefreshToken, startSession, type SessionStaff } from './sessions';

// The username reaches SQL parameters and jsonb (audit): PostgreSQL stores neither U+0000 nor
// an unpaired surrogate, so such a body is malformed input (400), not a server error.
const loginBodySchema = loginRequestSchema.refine(
  ({ username }) => !username.includes('\u0000') && !/\p{Cs}/u.test(username),
  { message: 'must not contain U+0000 or unpaired surrogates', path: ['username'] },
);

/** Registers /v1/auth/login, /refresh, /logout, /v1/sync/whoami and the guard on /v1/sync/*. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): void {
  installStaffAuth(app, deps);
  app.post('/v1/auth/login', (request, reply) => login(deps, request, reply));
  app.post('/v1/auth/refresh', (request) => refresh(deps, request));
  app.post('/v1/auth/logout', (request, reply) => logout(deps, request, reply));
  registerDemoLoginsRoute(app, deps);
  app.get('/v1/sync/whoami', async function whoami(request): Promise<StaffPrincipal> {
    return staffOf(request);
  });
}

async function login(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<TokenResponse | FastifyReply> {
  const { username, password } = parseBody(loginBodySchema, request.body);
  const now = deps.now();
  const attempt = { username, ip: request.ip };
  const log = (entry: Omit<AuditEntry, 'action' | 'at'>): Promise<void> =>
    audit(deps.db, { ...entry, action: 'auth.login', at: now });

  const retryAfter = await loginRetryAfter(deps.db, username, request.ip, now);
  if (retryAfter !== null) {
    await log({ actorKind: 'anonymous', outcome: 'refused', detail: { ...attempt, reason: 'rate_limited' } });
    return reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .send(errorBody('RATE_LIMITED', `Too many failed logins. Wait ${Math.ceil(retryAfter / 60)} minute(s), then try again.`));
  }

  const staff = await deps.db
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'branch_id as branchId', 'password_hash', 'active'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(username)])))
    .executeTakeFirst();
  // Unknown and inactive staff cost the same work and get the same answer as a wrong password.
  const matches =
    staff === undefined ? await verifyDummyPassword(password) : await verifyPassword(staff.password_hash, password);
  if (staff === undefined || !matches || !staff.active) {
    const reason = staff === undefined ? 'unknown_user' : !matches ? 'wrong_password' : 'inactive';
    await recordLoginFailure(deps.db, username, request.ip, now);
    await log({ actorKind: 'anonymous', actorId: staff?.id ?? null, outcome: 'refused', detail: { ...attempt, reason } });
    throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password.');
  }

  await clearLoginFailures(deps.db, username);
  const { sessionId, refreshToken } = await startSession(deps.db, staff.id, now);
  await log({ actorKind: 'staff', actorId: staff.id, objectType: 'auth_session', objectId: sessionId, outcome: 'ok', detail: attempt });
  const identity: SessionStaff = { id: staff.id, name: staff.name, role: staff.role, branchId: staff.branchId };
  return tokenResponse(deps, identity, sessionId, refreshToken, now);
}

async function refresh(deps: AuthDeps, request: FastifyRequest): Promise<TokenResponse> {
  const { refreshToken } = parseBody(refreshRequestSchema, request.body);
  const now = deps.now();
  const result = await rotateRefreshToken(deps.db, refreshToken, now);
  const base = { action: 'auth.refresh', objectType: 'auth_session', at: now } as const;
  if (result.kind === 'reused') {
    const detail = { reason: 'token_reused', ip: request.ip };
    await audit(deps.db, { ...base, actorKind: 'staff', actorId: result.staffId, objectId: result.sessionId, outcome: 'refused', detail });
    throw new HttpError(
      401,
      'TOKEN_REUSED',
      'This refresh token was already used, so the login was ended for safety. Log in again.',
    );
  }
  if (result.kind === 'invalid') {
    await audit(deps.db, { ...base, actorKind: 'anonymous', outcome: 'refused', detail: { reason: 'invalid_token', ip: request.ip } });
    throw new HttpError(401, 'UNAUTHENTICATED', 'The refresh token is not valid (expired, or the login has ended). Log in again.');
  }
  const { staff, sessionId } = result;
  await audit(deps.db, { ...base, actorKind: 'staff', actorId: staff.id, objectId: sessionId, outcome: 'ok', detail: { ip: request.ip } });
  return tokenResponse(deps, staff, sessionId, result.refreshToken, now);
}

async function logout(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  // No body is fine: the bearer token alone names the login.
  const { refreshToken } = parseBody(logoutRequestSchema, request.body ?? {});
  const now = deps.now();
  const sessions = new Map<string, string>();
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    // An expired access token still names its login: logging out must not need a refresh first.
    const checked = checkAccessToken(await deps.signingKey(), bearer, now);
    if (checked.ok) sessions.set(checked.claims.sessionId, checked.claims.staffId);
  }
  if (refreshToken !== undefined) {
    const session = await sessionOfRefreshToken(deps.db, refreshToken);
    if (session !== undefined) sessions.set(session.sessionId, session.staffId);
  }
  // Idempotent: an ended or unknown login is simply nothing more to end.
  for (const [sessionId, staffId] of sessions) {
    const ended = await revokeSession(deps.db, sessionId, 'logout', now);
    await audit(deps.db, {
      actorKind: 'staff',
      actorId: staffId,
      action: 'auth.logout',
      objectType: 'auth_session',
      objectId: sessionId,
      outcome: 'ok',
      detail: { ended, ip: request.ip },
      at: now,
    });
  }
  return reply.code(204).send();
}

async function tokenResponse(
  deps: AuthDeps,
  staff: SessionStaff,
  sessionId: string,
  refreshToken: string,
  now: Date,
): Promise<TokenResponse> {
  const claims = { staffId: staff.id, role: staff.role, branchId: staff.branchId, sessionId };
  const accessToken = signAccessToken(await deps.signingKey(), claims, now);
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, staff };
}
