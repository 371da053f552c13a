import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../electron/shared/protocol/auth';
import type { Database } from '../db';

/** Refresh tokens expire 30 days after they are issued (each refresh issues a new one). */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The staff facts login and refresh answer with. */
export interface SessionStaff {
  id: string;
  name: string;
  role: StaffRole;
  branchId: string | null;
}

/** The outcome of presenting a refresh token. */
export type RotateResult =
  | { kind: 'rotated'; sessionId: string; refreshToken: string; staff: SessionStaff }
  | { kind: 'reused'; sessionId: string; staffId: string }
  | { kind: 'invalid' };

/** Why a session ended; stored in auth_sessions.revoked_reason. */
export type RevokeReason = 'logout' | 'token_reused';

/** Only this hash is stored: a leaked table hands out no working tokens. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Starts a login session for `staffId`; returns its id and first refresh token. */
export async function startSession(
  db: Kysely<Database>,
  staffId: string,
  now: Date,
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('auth_sessions')
      .values({ id: sessionId, staff_id: staffId, created_at: now.toISOString() })
      .execute();
    const refreshToken = await issueRefreshToken(trx, sessionId, now);
    return { sessionId, refreshToken };
  });
}

/**
 * Exchanges `token` for a new refresh token of the same session. The conditional update lets
 * exactly one of several concurrent presentations win; every other one finds the token used,
 * which is reuse: the whole session is revoked.
 */
export async function rotateRefreshToken(db: Kysely<Database>, token: string, now: Date): Promise<RotateResult> {
  const tokenHash = hashRefreshToken(token);
  const at = now.toISOString();
  const rotated = await db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('auth_refresh_tokens')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('auth_sessions')
            .innerJoin('staff', 'staff.id', 'auth_sessions.staff_id')
            .select(eb.lit(1).as('one'))
            .whereRef('auth_sessions.id', '=', 'auth_refresh_tokens.session_id')
            .where('auth_sessions.revoked_at', 'is', null)
            .where('staff.active', '=', true),
        ),
      )
      .returning('session_id')
      .executeTakeFirst();
    if (used === undefined) return undefined;
    const staff = await sessionStaff(trx, used.session_id);
    const refreshToken = await issueRefreshToken(trx, used.session_id, now);
    return { kind: 'rotated', sessionId: used.session_id, refreshToken, staff } as const;
  });
  if (rotated !== undefined) return rotated;

  const known = await db
    .selectFrom('auth_refresh_tokens')
    .innerJoin('auth_sessions', 'auth_sessions.id', 'auth_refresh_tokens.session_id')
    .select(['auth_refresh_tokens.session_id', 'auth_refresh_tokens.used_at', 'auth_sessions.staff_id'])
    .where('auth_refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  // Unknown, expired, or of an ended session / deactivated staff member: simply not valid.
  if (known === undefined || known.used_at === null) return { kind: 'invalid' };
  await revokeSession(db, known.session_id, 'token_reused', now);
  return { kind: 'reused', sessionId: known.session_id, staffId: known.staff_id };
}

/** The session a refresh token (used or not) belongs to, with its staff member. */
export async function sessionOfRefreshToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ sessionId: string; staffId: string } | undefined> {
  return db
    .selectFrom('auth_refresh_tokens')
    .innerJoin('auth_sessions', 'auth_sessions.id', 'auth_refresh_tokens.session_id')
    .select(['auth_sessions.id as sessionId', 'auth_sessions.staff_id as staffId'])
    .where('auth_refresh_tokens.token_hash', '=', hashRefreshToken(token))
    .executeTakeFirst();
}

/** Ends a session at once: its access and refresh tokens stop working. False if already ended. */
export async function revokeSession(db: Kysely<Database>, sessionId: string, reason: RevokeReason, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The current role and branch of `staffId` if session `sessionId` is theirs, live, and they are active. */
export async function liveSessionStaff(
  db: Kysely<Database>,
  sessionId: string,
  staffId: string,
): Promise<{ role: StaffRole; branchId: string | null } | undefined> {
  return db
    .selectFrom('auth_sessions')
    .innerJoin('staff', 'staff.id', 'auth_sessions.staff_id')
    .select(['staff.role', 'staff.branch_id as branchId'])
    .where('auth_sessions.id', '=', sessionId)
    .where('auth_sessions.staff_id', '=', staffId)
    .where('auth_sessions.revoked_at', 'is', null)
    .where('staff.active', '=', true)
    .executeTakeFirst();
}

async function sessionStaff(db: Kysely<Database>, sessionId: string): Promise<SessionStaff> {
  return db
    .selectFrom('auth_sessions')
    .innerJoin('staff', 'staff.id', 'auth_sessions.staff_id')
    .select(['staff.id', 'staff.name', 'staff.role', 'staff.branch_id as branchId'])
    .where('auth_sessions.id', '=', sessionId)
    .executeTakeFirstOrThrow();
}

async function issueRefreshToken(db: Kysely<Database>, sessionId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('auth_refresh_tokens')
    .values({
      token_hash: hashRefreshToken(token),
      session_id: sessionId,
      issued_at: now.toISOString(),
      expires_at: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000).toISOString(),
    })
    .execute();
  return token;
}
