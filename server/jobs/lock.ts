import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db';

/**
 * First key of every job's advisory lock ('Lysd' in ASCII), so the jobs' locks cannot collide
 * with advisory locks some other tool takes on the same PostgreSQL with the single-key form.
 */
export const JOB_LOCK_NAMESPACE = 0x4c797364;

/** The second key of each job's advisory lock. Never renumber one: old and new instances may share a database. */
export const JOB_LOCK_IDS = { 'prune-tombstones': 1, 'expire-quotes': 2 } as const;

/** A job that takes a lock. */
export type LockedJobName = keyof typeof JOB_LOCK_IDS;

/** What {@link withJobLock} did: ran `work` (its result), or skipped it because another run holds the lock. */
export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `work` in one transaction that first takes the job's transaction-scoped advisory lock
 * (`pg_try_advisory_xact_lock`). Several service instances may share one PostgreSQL: when another
 * instance is running the same job right now, this one skips instead of waiting and doing the
 * same work again. The lock goes with the commit or rollback, also when the process dies. On
 * PGlite there is one session, so the lock is always free and runs take turns anyway.
 */
export async function withJobLock<T>(db: Kysely<Database>, job: LockedJobName, work: (trx: Transaction<Database>) => Promise<T>): Promise<LockedRun<T>> {
  return db.transaction().execute(async (trx): Promise<LockedRun<T>> => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}::int, ${JOB_LOCK_IDS[job]}::int) as locked`.execute(trx);
    if (lock.rows[0]?.locked !== true) return { ran: false };
    return { ran: true, result: await work(trx) };
  });
}
