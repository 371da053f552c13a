import { z } from 'zod';
import { staffRoleSchema, tokenResponseSchema, type TokenResponse } from '../../shared/protocol/auth';
import { errorBodySchema } from '../../shared/protocol/errors';

// The auth endpoints of the staff service (protocol.md, "Authentication"), over fetch: unlike
// the sync requests these need the answer's headers (Retry-After of a 429).

/** A failed auth request. `status` 0: no answer at all (offline, refused, timeout). */
export interface AuthFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** Seconds from `Retry-After`, when the server sent one. */
  retryAfterSeconds: number | null;
}

/** The outcome of an auth request: the checked answer, or why there is none. */
export type AuthAnswer<T> = { ok: true; value: T } | AuthFailure;

/** A login the service advertises in demo mode (`GET /v1/auth/demo-logins`). */
export const demoLoginsResponseSchema = z.array(z.object({ username: z.string().min(1), role: staffRoleSchema }));

/** The demo logins as the client reads them. */
export type DemoLoginsResponse = z.infer<typeof demoLoginsResponseSchema>;

/** Where and how patiently to ask. */
export interface AuthEndpoint {
  baseUrl: string;
  /** No answer within this time counts as offline. */
  timeoutMs: number;
}

/** `POST /v1/auth/login`. */
export function postLogin(endpoint: AuthEndpoint, username: string, password: string): Promise<AuthAnswer<TokenResponse>> {
  return send(endpoint, 'POST', '/v1/auth/login', { body: { username, password }, schema: tokenResponseSchema });
}

/** `POST /v1/auth/refresh`: the rotated tokens. */
export function postRefresh(endpoint: AuthEndpoint, refreshToken: string): Promise<AuthAnswer<TokenResponse>> {
  return send(endpoint, 'POST', '/v1/auth/refresh', { body: { refreshToken }, schema: tokenResponseSchema });
}

/** `POST /v1/auth/logout`: ends the login named by either token (an expired access token still names it). */
export function postLogout(endpoint: AuthEndpoint, tokens: { accessToken: string | null; refreshToken: string | null }): Promise<AuthAnswer<unknown>> {
  return send(endpoint, 'POST', '/v1/auth/logout', {
    body: tokens.refreshToken === null ? {} : { refreshToken: tokens.refreshToken },
    ...(tokens.accessToken !== null && { bearer: tokens.accessToken }),
    // 204: no body to check.
    schema: z.unknown(),
  });
}

/** `GET /v1/auth/demo-logins`: what the login screen may offer ([] from a real deployment). */
export function getDemoLogins(endpoint: AuthEndpoint): Promise<AuthAnswer<DemoLoginsResponse>> {
  return send(endpoint, 'GET', '/v1/auth/demo-logins', { schema: demoLoginsResponseSchema });
}

/** `GET /v1/health` answered at all: the server is reachable. */
export async function serverReachable(endpoint: AuthEndpoint): Promise<boolean> {
  const answer = await send(endpoint, 'GET', '/v1/health', { schema: z.unknown() });
  return answer.ok || answer.status !== 0;
}

async function send<T>(
  endpoint: AuthEndpoint,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; bearer?: string; schema: z.ZodType<T> },
): Promise<AuthAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(path, endpoint.baseUrl), {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    return failure(0, 'NETWORK', `The server could not be reached (${describe(error)}).`, null);
  }
  const json = parseJson(text);
  if (!response.ok) {
    const body = errorBodySchema.safeParse(json);
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    if (body.success) return failure(response.status, body.data.error.code, body.data.error.message, retryAfter);
    return failure(response.status, `HTTP_${response.status}`, `The server answered ${response.status} without an explanation.`, retryAfter);
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) return failure(response.status, 'BAD_RESPONSE', 'The server answered with something this app does not understand.', null);
  return { ok: true, value: parsed.data };
}

function failure(status: number, code: string, message: string, retryAfter: number | null): AuthFailure {
  return { ok: false, status, code, message, retryAfterSeconds: retryAfter };
}

// Retry-After is delta-seconds or an HTTP date; the service sends seconds.
function retryAfterSeconds(header: string | null): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch wraps the socket error ("fetch failed"); its cause says what happened (ECONNREFUSED …).
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
