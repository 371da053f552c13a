import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db';

/** service_meta key: the highest version of a pruned tombstone or branch move (base 10). */
export const PRUNE_HORIZON_KEY = 'sync_prune_horizon';

/** What {@link pruneTombstones} removed, and the horizon below which cursors are now refused. */
export interface PruneResult {
  tombstones: number;
  moves: number;
  horizon: bigint;
}

/**
 * Deletes tombstones and branch moves recorded before `olderThan`, and raises the pruning
 * horizon to the highest version deleted. An incremental pull from a cursor below the horizon
 * could miss a deletion, so it is answered 410 RESYNC_REQUIRED (see pull.ts).
 */
export async function pruneTombstones(db: Kysely<Database>, olderThan: Date): Promise<PruneResult> {
  return db.transaction().execute((trx) => pruneTombstonesIn(trx, olderThan));
}

/**
 * {@link pruneTombstones} inside the caller's transaction, so a caller can do more in the same
 * one (the scheduled job takes its advisory lock there first, see server/jobs/lock.ts).
 */
export async function pruneTombstonesIn(trx: Transaction<Database>, olderThan: Date): Promise<PruneResult> {
  const cutoff = olderThan.toISOString();
  const tombstones = await sql<{ n: number; v: string | null }>`
    with gone as (delete from sync_tombstones where deleted_at < ${cutoff} returning version)
    select count(*)::int as n, max(version)::text as v from gone`.execute(trx);
  const moves = await sql<{ n: number; v: string | null }>`
    with gone as (delete from sync_branch_moves where moved_at < ${cutoff} returning version)
    select count(*)::int as n, max(version)::text as v from gone`.execute(trx);
  const highest = [tombstones.rows[0]?.v, moves.rows[0]?.v].reduce<bigint>((max, v) => (v != null && BigInt(v) > max ? BigInt(v) : max), 0n);
  // greatest(): the horizon only grows, also when two prunes overlap.
  const stored = await sql<{ value: string }>`
    insert into service_meta (key, value) values (${PRUNE_HORIZON_KEY}, ${highest.toString()})
    on conflict (key) do update set value = greatest(service_meta.value::bigint, excluded.value::bigint)::text
    returning value`.execute(trx);
  return {
    tombstones: tombstones.rows[0]?.n ?? 0,
    moves: moves.rows[0]?.n ?? 0,
    horizon: BigInt(stored.rows[0]?.value ?? highest.toString()),
  };
}
