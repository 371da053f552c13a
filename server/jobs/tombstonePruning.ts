import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { pruneTombstonesIn, type PruneResult } from '../sync/pullPrune';
import { withJobLock } from './lock';

/** How long tombstones and branch moves are kept by default: a client offline longer takes a new snapshot. */
export const DEFAULT_TOMBSTONE_KEEP_DAYS = 30;

const DAY_MS = 86_400_000;

/** What {@link pruneOldTombstones} did: the prune's result, or skipped while another instance ran it. */
export type PruneJobResult = ({ skipped: false } & PruneResult) | { skipped: true };

/**
 * Prunes tombstones and branch moves older than `keepDays` before `now` (see
 * server/sync/pullPrune.ts), under the job's advisory lock so instances sharing a PostgreSQL take
 * turns. A client whose cursor predates the new horizon gets 410 RESYNC_REQUIRED and a snapshot.
 */
export async function pruneOldTombstones(db: Kysely<Database>, now: Date, keepDays: number = DEFAULT_TOMBSTONE_KEEP_DAYS): Promise<PruneJobResult> {
  if (!Number.isFinite(keepDays) || keepDays < 0) throw new RangeError(`keepDays must be 0 or more, not ${keepDays}`);
  const olderThan = new Date(now.getTime() - keepDays * DAY_MS);
  const run = await withJobLock(db, 'prune-tombstones', (trx) => pruneTombstonesIn(trx, olderThan));
  return run.ran ? { skipped: false, ...run.result } : { skipped: true };
}
