import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database, type DbHandle } from '../../../server/db';
import { expireQuotes, JOB_LOCK_IDS, JOB_LOCK_NAMESPACE, pruneOldTombstones } from '../../../server/jobs';
import { listenPglite, listenPostgres } from '../../../server/sync/eventsFeeds';
import type { ChangeFeed } from '../../../server/sync/events';
import type { ChangedBranches } from '../../../server/sync/visibility';
import { PRUNE_HORIZON_KEY } from '../../../server/sync/pullPrune';
import { BACKENDS, useTestDatabases } from './backends';
import { createJobsQuote, JOBS_BRANCH, quoteState, seedJobsWorld } from './jobsFixture';

// The service's background jobs against the database itself: tombstone pruning and quote expiry,
// each under its advisory lock. The scheduler that runs them is in jobs.scheduler.test.ts.

const DAY = 86_400_000;

async function expiredEventCount(db: Kysely<Database>, id: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from quote_events where quote_id = ${id} and kind = 'expired'`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Holds `job`'s advisory lock in an open transaction on `db` until the returned function is called. */
async function holdJobLock(db: Kysely<Database>, job: keyof typeof JOB_LOCK_IDS): Promise<() => Promise<void>> {
  let release: () => void = () => undefined;
  let locked: () => void = () => undefined;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const transaction = db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${JOB_LOCK_NAMESPACE}::int, ${JOB_LOCK_IDS[job]}::int)`.execute(trx);
    locked();
    await released;
  });
  await Promise.race([isLocked, transaction]);
  return async () => {
    release();
    await transaction;
  };
}

describe.each(BACKENDS)('background jobs (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;
  let db: Kysely<Database>;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    db = handle.db;
    await migrate(db);
    await seedJobsWorld(db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  describe('tombstone pruning', () => {
    const now = new Date();

    async function tombstone(rowId: string, ageDays: number): Promise<bigint> {
      const row = await db
        .insertInto('sync_tombstones')
        .values({ table_name: 'quotes', row_id: rowId, branch_id: JOBS_BRANCH, deleted_at: new Date(now.getTime() - ageDays * DAY).toISOString() })
        .returning(sql<string>`version::text`.as('v'))
        .executeTakeFirstOrThrow();
      return BigInt(row.v);
    }

    async function move(rowId: string, ageDays: number): Promise<bigint> {
      const row = await db
        .insertInto('sync_branch_moves')
        .values({ table_name: 'customers', row_id: rowId, from_branch_id: JOBS_BRANCH, moved_at: new Date(now.getTime() - ageDays * DAY).toISOString() })
        .returning(sql<string>`version::text`.as('v'))
        .executeTakeFirstOrThrow();
      return BigInt(row.v);
    }

    async function remaining(): Promise<string[]> {
      const tombstones = await db.selectFrom('sync_tombstones').select('row_id').where('row_id', 'like', 'jt-%').execute();
      const moves = await db.selectFrom('sync_branch_moves').select('row_id').where('row_id', 'like', 'jt-%').execute();
      return [...tombstones, ...moves].map((row) => row.row_id).sort();
    }

    async function storedHorizon(): Promise<bigint> {
      const row = await db.selectFrom('service_meta').select('value').where('key', '=', PRUNE_HORIZON_KEY).executeTakeFirstOrThrow();
      return BigInt(row.value);
    }

    it('removes only what is older than the kept days and raises the horizon to it', async () => {
      const oldest = await tombstone('jt-old-1', 45);
      const old = await tombstone('jt-old-2', 31);
      await tombstone('jt-recent', 10);
      const oldMove = await move('jt-move-old', 30.5);
      await move('jt-move-recent', 1);

      const result = await pruneOldTombstones(db, now);
      expect(result).toEqual({ skipped: false, tombstones: 2, moves: 1, horizon: [oldest, old, oldMove].reduce((a, b) => (a > b ? a : b)) });
      expect(await remaining()).toEqual(['jt-move-recent', 'jt-recent']);
      expect(await storedHorizon()).toBe(result.skipped ? -1n : result.horizon);

      // Fewer kept days reach the recent tombstone; the horizon only grows.
      const recentVersion = (await db.selectFrom('sync_tombstones').select(sql<string>`version::text`.as('v')).where('row_id', '=', 'jt-recent').executeTakeFirstOrThrow()).v;
      const shorter = await pruneOldTombstones(db, now, 5);
      expect(shorter).toMatchObject({ skipped: false, tombstones: 1, moves: 0 });
      expect(await remaining()).toEqual(['jt-move-recent']);
      const horizon = await storedHorizon();
      expect(horizon).toBeGreaterThanOrEqual(BigInt(recentVersion));
      expect(horizon).toBeGreaterThanOrEqual(result.skipped ? 0n : result.horizon);

      // Nothing left that old: the horizon stays where it is.
      expect(await pruneOldTombstones(db, now, 5)).toEqual({ skipped: false, tombstones: 0, moves: 0, horizon });
    });

    // PostgreSQL only (not registered on PGlite, so nothing is skipped): PGlite has one connection,
    // so no second instance can hold the lock there.
    if (kind === 'postgres') it('skips while another instance holds the pruning lock', async () => {
      await tombstone('jt-locked', 60);
      const other = await openDatabase(databases.config());
      try {
        const release = await holdJobLock(other.db, 'prune-tombstones');
        try {
          expect(await pruneOldTombstones(db, now)).toEqual({ skipped: true });
          expect(await remaining()).toContain('jt-locked');
        } finally {
          await release();
        }
        expect(await pruneOldTombstones(db, now)).toMatchObject({ skipped: false, tombstones: 1 });
        expect(await remaining()).not.toContain('jt-locked');
      } finally {
        await other.close();
      }
    });
  });

  describe('quote expiry', () => {
    // 08:00 in Oslo on 1 April 2031 (summer time, UTC+2): 31 March was the last valid day of
    // a quote "valid until 2031-03-31".
    const now = new Date('2031-04-01T06:00:00Z');
    const nowIso = now.toISOString();

    beforeEach(async () => {
      await db.deleteFrom('quotes').execute();
    });

    it('expires exactly the answered and revision-requested quotes past their validity', async () => {
      const due = {
        answered: await createJobsQuote(db, 'answered', '2031-03-31'),
        revision: await createJobsQuote(db, 'revision_requested', '2031-02-15'),
      };
      const kept = {
        lastValidDay: await createJobsQuote(db, 'answered', '2031-04-01'),
        future: await createJobsQuote(db, 'answered', '2031-05-01'),
        noValidity: await createJobsQuote(db, 'answered', null),
        requested: await createJobsQuote(db, 'requested', '2031-01-01'),
        inProgress: await createJobsQuote(db, 'in_progress', '2031-01-01'),
        accepted: await createJobsQuote(db, 'accepted', '2031-01-01'),
        declined: await createJobsQuote(db, 'declined', '2031-01-01'),
        alreadyExpired: await createJobsQuote(db, 'expired', '2031-01-01'),
      };
      const before = new Map<string, { status: string; version: string }>();
      for (const id of Object.values(kept)) before.set(id, await quoteState(db, id));
      const versionBefore = (await sql<{ v: string }>`select last_value::text as v from sync_version_seq`.execute(db)).rows[0]?.v ?? '0';

      const result = await expireQuotes(db, now);
      expect(result.skipped).toBe(false);
      expect(result.expired.map((quote) => quote.id).sort()).toEqual(Object.values(due).sort());
      expect(result.expired.find((quote) => quote.id === due.answered)).toMatchObject({ validUntil: '2031-03-31' });

      for (const id of Object.values(due)) {
        const after = await quoteState(db, id);
        expect(after.status).toBe('expired');
        // A plain UPDATE: the sync trigger stamped a new version, so pulls carry the change.
        expect(BigInt(after.version)).toBeGreaterThan(BigInt(versionBefore));
        const moved = await sql<{ ok: boolean }>`select updated_at = ${nowIso}::timestamptz as ok from quotes where id = ${id}`.execute(db);
        expect(moved.rows[0]?.ok).toBe(true);
      }
      // Untouched: same status, same version (not even a no-op write).
      for (const [name, id] of Object.entries(kept)) expect({ name, ...(await quoteState(db, id)) }).toEqual({ name, ...before.get(id) });
      expect(await expiredEventCount(db, kept.alreadyExpired)).toBe(0);

      // The history: one event each, by the system, at the job's time, saying from what.
      const events = await sql<{ quote_id: string; actor_kind: string; actor_id: string | null; detail: unknown; at_now: boolean; version: string }>`
        select quote_id, actor_kind, actor_id, detail, at = ${nowIso}::timestamptz as at_now, version::text as version
        from quote_events where kind = 'expired' order by quote_id`.execute(db);
      expect(events.rows.map((row) => row.quote_id)).toEqual(Object.values(due).sort());
      for (const row of events.rows) {
        expect(row).toMatchObject({ actor_kind: 'system', actor_id: null, at_now: true });
        expect(BigInt(row.version)).toBeGreaterThan(BigInt(versionBefore));
      }
      const revisionEvent = events.rows.find((row) => row.quote_id === due.revision);
      expect(revisionEvent?.detail).toEqual({ from: 'revision_requested', validUntil: '2031-02-15' });
      const audits = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'job.quote.expire' and actor_kind = 'system'
        and object_id in (${sql.join(Object.values(due))})`.execute(db);
      expect(audits.rows[0]?.n).toBe(2);

      // A second run finds nothing more to do.
      expect(await expireQuotes(db, now)).toEqual({ expired: [], skipped: false });
      for (const id of Object.values(due)) expect(await expiredEventCount(db, id)).toBe(1);
    });

    it('takes the Norwegian date: a quote valid until the 31st expires at midnight in Oslo', async () => {
      const id = await createJobsQuote(db, 'answered', '2031-03-31');
      // 23:30 in Oslo on the 31st: the last valid day is not over yet.
      expect((await expireQuotes(db, new Date('2031-03-31T21:30:00Z'))).expired).toEqual([]);
      expect((await quoteState(db, id)).status).toBe('answered');
      // 00:30 in Oslo on 1 April, still the 31st in UTC.
      expect((await expireQuotes(db, new Date('2031-03-31T22:30:00Z'))).expired.map((quote) => quote.id)).toEqual([id]);
      expect((await quoteState(db, id)).status).toBe('expired');
    });

    it('pokes the quote’s branch through the change feed', async () => {
      const id = await createJobsQuote(db, 'answered', '2031-03-01');
      const config = databases.config();
      const feed: ChangeFeed = config.kind === 'postgres' ? listenPostgres(config.url) : listenPglite(handlePglite(), db);
      try {
        await feed.ready();
        const poked = new Promise<ChangedBranches>((resolve) => feed.subscribe(resolve));
        await expireQuotes(db, now);
        const branches = await withTimeout(poked, 10_000, 'no poke after the expiry');
        expect(branches === '*' || branches.includes(JOBS_BRANCH)).toBe(true);
        expect((await quoteState(db, id)).status).toBe('expired');
      } finally {
        await feed.close();
      }
    });

    it('in batches, with two runs at once: every quote expired once, one event each', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 9; i++) ids.push(await createJobsQuote(db, i % 3 === 0 ? 'revision_requested' : 'answered', `2031-03-${String(10 + i).padStart(2, '0')}`));
      // A second instance on PostgreSQL; on PGlite the one process is the only instance.
      const other = kind === 'postgres' ? await openDatabase(databases.config()) : undefined;
      try {
        const [first, second] = await Promise.all([expireQuotes(db, now, { batchSize: 2 }), expireQuotes(other?.db ?? db, now, { batchSize: 2 })]);
        const firstIds = first.expired.map((quote) => quote.id);
        const secondIds = second.expired.map((quote) => quote.id);
        expect(firstIds.filter((id) => secondIds.includes(id))).toEqual([]);
        expect([...firstIds, ...secondIds].sort()).toEqual([...ids].sort());
      } finally {
        await other?.close();
      }
      for (const id of ids) {
        expect((await quoteState(db, id)).status).toBe('expired');
        expect(await expiredEventCount(db, id)).toBe(1);
      }
    });

    // PostgreSQL only, as above.
    if (kind === 'postgres') it('skips while another instance holds the expiry lock', async () => {
      const id = await createJobsQuote(db, 'answered', '2031-03-01');
      const other = await openDatabase(databases.config());
      try {
        const release = await holdJobLock(other.db, 'expire-quotes');
        try {
          expect(await expireQuotes(db, now)).toEqual({ expired: [], skipped: true });
          expect((await quoteState(db, id)).status).toBe('answered');
        } finally {
          await release();
        }
        expect((await expireQuotes(db, now)).expired.map((quote) => quote.id)).toEqual([id]);
      } finally {
        await other.close();
      }
    });
  });

  function handlePglite() {
    if (handle.pglite === undefined) throw new Error('not a PGlite handle');
    return handle.pglite;
  }
});

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
