import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db';

/** The window over which failed logins are counted. */
export const LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;
/** Failed logins per username (any case) within the window before further tries are refused. */
export const LOGIN_FAILURES_PER_USERNAME = 5;
/** Failed logins per client IP within the window before further tries are refused. */
export const LOGIN_FAILURES_PER_IP = 20;

/**
 * Seconds until a login for `username` from `ip` may be tried again, or null when it may be
 * tried now. Counted in the database, so the limit holds across service instances.
 */
export async function loginRetryAfter(
  db: Kysely<Database>,
  username: string,
  ip: string,
  now: Date,
): Promise<number | null> {
  const cutoff = windowStart(now);
  const waits = await Promise.all([
    waitFor(db, cutoff, LOGIN_FAILURES_PER_USERNAME, (eb) => sameUsername(eb, username)),
    waitFor(db, cutoff, LOGIN_FAILURES_PER_IP, (eb) => eb('ip', '=', ip)),
  ]);
  const limited = waits.filter((wait): wait is number => wait !== null);
  return limited.length === 0 ? null : Math.max(1, ...limited);
}

/** Records a failed login and drops this username's and IP's failures that left the window. */
export async function recordLoginFailure(db: Kysely<Database>, username: string, ip: string, now: Date): Promise<void> {
  const cutoff = windowStart(now);
  await db.insertInto('auth_login_failures').values({ username, ip, failed_at: now.toISOString() }).execute();
  // Pruning by the indexed keys keeps the table small without a sweeper job.
  await db
    .deleteFrom('auth_login_failures')
    .where((eb) => eb.or([sameUsername(eb, username), eb('ip', '=', ip)]))
    .where('failed_at', '<', cutoff)
    .execute();
}

/** Forgets `username`'s failures after a successful login, so earlier typos do not linger. */
export async function clearLoginFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db
    .deleteFrom('auth_login_failures')
    .where((eb) => sameUsername(eb, username))
    .execute();
}

type FailureFilter = (eb: ExpressionBuilder<Database, 'auth_login_failures'>) => Expression<SqlBool>;

// Case-insensitive like staff logins, in the form the lower(username) index serves.
function sameUsername(eb: ExpressionBuilder<Database, 'auth_login_failures'>, username: string): Expression<SqlBool> {
  return eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(username)]));
}

// Seconds until fewer than `limit` failures matching `filter` remain in the window, or null if
// already fewer: the limit lifts when the limit-th newest failure leaves the window.
async function waitFor(db: Kysely<Database>, cutoff: string, limit: number, filter: FailureFilter): Promise<number | null> {
  const row = await db
    .selectFrom('auth_login_failures')
    .select(sql<number>`ceil(extract(epoch from (failed_at - ${cutoff}::timestamptz)))::int`.as('wait'))
    .where(filter)
    .where('failed_at', '>', cutoff)
    .orderBy('failed_at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : row.wait;
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - LOGIN_FAILURE_WINDOW_SECONDS * 1000).toISOString();
}
