import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { expireQuotes } from './quoteExpiry';
import { startScheduler, type Job, type Scheduler } from './scheduler';
import { DEFAULT_TOMBSTONE_KEEP_DAYS, pruneOldTombstones } from './tombstonePruning';

export { EXPIRABLE_QUOTE_STATUSES, EXPIRE_BATCH_SIZE, expireQuotes } from './quoteExpiry';
export type { ExpiredQuote, ExpireQuotesResult } from './quoteExpiry';
export { JOB_LOCK_IDS, JOB_LOCK_NAMESPACE, withJobLock } from './lock';
export type { LockedJobName, LockedRun } from './lock';
export { startScheduler } from './scheduler';
export type { Job, Scheduler, SchedulerOptions } from './scheduler';
export { DEFAULT_TOMBSTONE_KEEP_DAYS, pruneOldTombstones } from './tombstonePruning';
export type { PruneJobResult } from './tombstonePruning';

/** How often tombstone pruning runs by default. */
export const DEFAULT_PRUNE_EVERY_MS = 60 * 60_000;
/** How often quote expiry runs by default: a quote is expired at most this long after its last valid day. */
export const DEFAULT_EXPIRE_QUOTES_EVERY_MS = 10 * 60_000;
/** Delay before the first runs after a start by default: soon (a service down overnight catches up), not in the way of startup. */
export const DEFAULT_FIRST_RUN_AFTER_MS = 15_000;

/** The service's background jobs; every field has a default. */
export interface JobsOptions {
  /** Tombstone pruning interval; default {@link DEFAULT_PRUNE_EVERY_MS}. */
  pruneEveryMs?: number;
  /** Days tombstones and branch moves are kept; default {@link DEFAULT_TOMBSTONE_KEEP_DAYS}. */
  keepTombstonesDays?: number;
  /** Quote expiry interval; default {@link DEFAULT_EXPIRE_QUOTES_EVERY_MS}. */
  expireQuotesEveryMs?: number;
  /** Delay before each job's first run; default {@link DEFAULT_FIRST_RUN_AFTER_MS}. */
  firstRunAfterMs?: number;
  /** The jobs' clock; default real time. */
  now?: () => Date;
  /** Where summaries and failures go; default stderr. */
  log?: (line: string) => void;
}

/** Starts tombstone pruning and quote expiry on `db`; `close()` the result before closing `db`. */
export function startServiceJobs(db: Kysely<Database>, options: JobsOptions = {}): Scheduler {
  const now = options.now ?? (() => new Date());
  const keepDays = options.keepTombstonesDays ?? DEFAULT_TOMBSTONE_KEEP_DAYS;
  const jobs: Job[] = [
    {
      name: 'prune-tombstones',
      everyMs: options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS,
      async run() {
        const result = await pruneOldTombstones(db, now(), keepDays);
        if (result.skipped || result.tombstones + result.moves === 0) return undefined;
        return `pruned ${result.tombstones} tombstones and ${result.moves} branch moves older than ${keepDays} days (horizon ${result.horizon})`;
      },
    },
    {
      name: 'expire-quotes',
      everyMs: options.expireQuotesEveryMs ?? DEFAULT_EXPIRE_QUOTES_EVERY_MS,
      async run() {
        const { expired } = await expireQuotes(db, now());
        if (expired.length === 0) return undefined;
        const numbers = expired.slice(0, 10).map((quote) => quote.quoteNumber);
        return `expired ${expired.length} quotes past their validity (${numbers.join(', ')}${expired.length > numbers.length ? ', …' : ''})`;
      },
    },
  ];
  return startScheduler(jobs, {
    firstRunAfterMs: options.firstRunAfterMs ?? DEFAULT_FIRST_RUN_AFTER_MS,
    ...(options.log !== undefined && { log: options.log }),
  });
}
