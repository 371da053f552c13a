import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { staffRoleSchema, type StaffRole } from '../../electron/shared/protocol/auth';

/** Access tokens live 15 minutes (protocol.md: at most 15). */
export const ACCESS_TOKEN_TTL_SECONDS = 900;

/** What an access token says about its bearer. */
export interface AccessClaims {
  staffId: string;
  role: StaffRole;
  branchId: string | null;
  sessionId: string;
}

/** The outcome of checking an access token. */
export type AccessTokenCheck =
  | { ok: true; claims: AccessClaims; expired: boolean }
  | { ok: false };

// JWT-shaped (header.payload.signature, base64url) so standard tools can read it, but only this
// one fixed header is accepted: no "alg" negotiation, so no "none" or algorithm-confusion tricks.
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

const payloadSchema = z.strictObject({
  sub: z.string().min(1),
  role: staffRoleSchema,
  branch: z.string().min(1).nullable(),
  sid: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** Signs an access token for `claims`, valid for {@link ACCESS_TOKEN_TTL_SECONDS} from `now`. */
export function signAccessToken(key: Buffer, claims: AccessClaims, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: z.infer<typeof payloadSchema> = {
    sub: claims.staffId,
    role: claims.role,
    branch: claims.branchId,
    sid: claims.sessionId,
    iat,
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
  };
  const signed = `${HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${signed}.${signature(key, signed)}`;
}

/**
 * Checks the signature and shape of `token`; `expired` tells whether it is past its `exp` at
 * `now` (logout still accepts an expired token, every other use refuses it).
 */
export function checkAccessToken(key: Buffer, token: string, now: Date): AccessTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false };
  const [header, body, given] = parts as [string, string, string];
  if (header !== HEADER) return { ok: false };
  // Compare the canonical encodings: decoding would accept variants of the last character.
  const expected = Buffer.from(signature(key, `${header}.${body}`));
  const presented = Buffer.from(given);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false };
  const payload = payloadSchema.safeParse(parseJson(Buffer.from(body, 'base64url').toString('utf8')));
  if (!payload.success) return { ok: false };
  const { sub, role, branch, sid, exp } = payload.data;
  return {
    ok: true,
    claims: { staffId: sub, role, branchId: branch, sessionId: sid },
    expired: Math.floor(now.getTime() / 1000) >= exp,
  };
}

function signature(key: Buffer, signed: string): string {
  return createHmac('sha256', key).update(signed).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
