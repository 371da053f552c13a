import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../electron/shared/protocol/auth';
import { HttpError } from '../errors';
import { checkAccessToken } from './accessToken';
import { audit } from './audit';
import type { AuthDeps } from './deps';
import { liveSessionStaff } from './sessions';

/** The authenticated staff member of a request, as {@link requireStaff} found them. */
export interface StaffPrincipal {
  id: string;
  role: StaffRole;
  /** Null for customer service and admin, who work for every branch. */
  branchId: string | null;
  /** The login session the access token belongs to. */
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by {@link requireStaff} (on every /v1/sync/* route); null on other routes. */
    staff: StaffPrincipal | null;
  }
}

const DECORATOR = 'staffAuth';

/** Makes `deps` reachable from {@link requireStaff} and declares `request.staff`. */
export function installStaffAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorate(DECORATOR, deps);
  app.decorateRequest('staff', null);
  // One app-wide hook rather than a preHandler per route: a /v1/sync route added later cannot
  // forget it. onRequest refuses before any body is read. Unknown /v1/sync paths are guarded too.
  app.addHook('onRequest', async function guardSyncRoutes(request, reply) {
    if (isSyncPath(request.routeOptions.url ?? request.url)) await requireStaff(request, reply);
  });
}

/**
 * Hook (onRequest or preHandler) that admits only a valid, unexpired access token of a live
 * session of an active staff member, and sets `request.staff`. Refusals are 401 and audited.
 */
export async function requireStaff(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.staff !== null) return;
  const deps = request.server.getDecorator<AuthDeps>(DECORATOR);
  const token = bearerToken(request);
  if (token === undefined) return refuse(deps, request, 'UNAUTHENTICATED', 'missing_token');
  const now = deps.now();
  const checked = checkAccessToken(await deps.signingKey(), token, now);
  if (!checked.ok) return refuse(deps, request, 'UNAUTHENTICATED', 'invalid_token');
  const { claims } = checked;
  if (checked.expired) return refuse(deps, request, 'TOKEN_EXPIRED', 'token_expired', claims.staffId);
  // Checked on every request so logout, reuse detection and deactivation take effect at once;
  // role and branch are read fresh too, so a changed role applies without a new login.
  const live = await liveSessionStaff(deps.db, claims.sessionId, claims.staffId);
  if (live === undefined) return refuse(deps, request, 'UNAUTHENTICATED', 'session_ended', claims.staffId);
  request.staff = { id: claims.staffId, role: live.role, branchId: live.branchId, sessionId: claims.sessionId };
}

/** The principal of a request that passed {@link requireStaff}; a 401 if it did not run. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (request.staff === null) throw new HttpError(401, 'UNAUTHENTICATED', 'Log in to use this endpoint.');
  return request.staff;
}

/** The bearer token of `request`'s Authorization header, if it has one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

const MESSAGES = {
  UNAUTHENTICATED: 'Log in to use this endpoint: the access token is missing, invalid or of an ended login.',
  TOKEN_EXPIRED: 'The access token has expired. Refresh it with POST /v1/auth/refresh, or log in again.',
} as const;

async function refuse(
  deps: AuthDeps,
  request: FastifyRequest,
  code: keyof typeof MESSAGES,
  reason: string,
  staffId?: string,
): Promise<never> {
  await audit(deps.db, {
    actorKind: staffId === undefined ? 'anonymous' : 'staff',
    actorId: staffId ?? null,
    action: 'auth.refused',
    outcome: 'refused',
    detail: { reason, method: request.method, path: request.url.split('?')[0], ip: request.ip },
    at: deps.now(),
  });
  throw new HttpError(401, code, MESSAGES[code]);
}

function isSyncPath(path: string): boolean {
  return path === '/v1/sync' || path.startsWith('/v1/sync/') || path.startsWith('/v1/sync?');
}
