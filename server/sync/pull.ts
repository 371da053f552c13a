import { sql, type Kysely, type Transaction } from 'kysely';
import { SYNC_SCHEMA_VERSION } from '../../electron/shared/protocol/sync';
import { syncTableNames } from '../../electron/shared/sync/rows';
import type { StaffPrincipal } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../errors';
import { continuationCursor, finishedCursor, parseCursor, type PullPhase, type PullPosition } from './pullCursor';
import { PRUNE_HORIZON_KEY } from './pullPrune';
import { fetchRange, planPhase, type VersionWindow } from './pullQuery';
import { pullScope, scopeTag, type PullScope } from './visibility';

/** The lowest `schemaVersion` a pulling client may have; below it the answer is 426. */
export const MIN_PULL_SCHEMA_VERSION = SYNC_SCHEMA_VERSION;

/** A pull as the client asked for it (query string and X-Client-Id, already well-formed). */
export interface PullRequest {
  schemaVersion: number;
  cursor?: string;
  clientId?: string;
}

/** Sizes and waits of a pull; tests shrink them. */
export interface PullLimits {
  /** Most put+del lines in one response; beyond it `more:true`. Default 50 000. */
  pageRows: number;
  /** Lines per database round trip. Default 5 000. */
  batchRows: number;
  /**
   * Connections that read one pull's batches in parallel, all in the pull's snapshot (PostgreSQL
   * only: PGlite has one connection, so 1 there). Default 2.
   */
  readers: number;
  /** How long to wait for writes in flight before the high-water mark (see settle). Default 10 s. */
  settleTimeoutMs: number;
  /** Called before each batch is read; lets a test fail a pull mid-stream. */
  beforeBatch?: (batchIndex: number) => void | Promise<void>;
}

/** Where the lines of a pull go: the HTTP response, or a test's buffer. */
export interface PullSink {
  /** Writes complete lines; resolves when the sink can take more (backpressure). */
  write(chunk: string): Promise<void>;
  /** Finishes the stream after the end line. */
  end(): Promise<void>;
}

/** What a pull sent, for logs and tests. */
export interface PullSummary {
  total: number;
  more: boolean;
  cursor: string;
}

/** The defaults of {@link PullLimits}. */
export const DEFAULT_PULL_LIMITS: PullLimits = { pageRows: 50_000, batchRows: 5_000, readers: 2, settleTimeoutMs: 10_000 };

/**
 * Streams one pull response (protocol.md, "Pull") for `principal` into the sink `open` returns.
 * Everything that can refuse the pull (400, 410, 426, 503) is decided before `open` is called,
 * so it becomes an ordinary error response; once open, a failure rejects without writing the
 * end line, and the caller must cut the stream off so the client discards it.
 */
export async function pull(
  db: Kysely<Database>,
  principal: StaffPrincipal,
  request: PullRequest,
  open: (begin: { snapshot: boolean; total: number }) => PullSink,
  limits: PullLimits = DEFAULT_PULL_LIMITS,
): Promise<PullSummary> {
  if (request.schemaVersion < MIN_PULL_SCHEMA_VERSION) {
    throw new HttpError(
      426,
      'CLIENT_OUTDATED',
      `This app is too old for the server (data version ${request.schemaVersion}, at least ${MIN_PULL_SCHEMA_VERSION} needed). Update the app.`,
    );
  }
  const scope = pullScope(principal);
  const tag = scopeTag(scope);
  const start = startPosition(request.cursor, tag);
  // Read before the high-water mark, so every mutation it acknowledges has its rows in this pull.
  const lastSeq = request.clientId === undefined ? undefined : await readLastSeq(db, request.clientId, principal);
  const newest = await readNewestVersion(db);
  if (start.upto === undefined) await settle(db, limits.settleTimeoutMs);
  const position: PullPosition = { ...start, upto: start.upto ?? newest };
  if (position.since > newest || position.upto > newest) throw resyncRequired('The cursor is ahead of this server’s data (was the database restored?).');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      // row_to_json writes timestamps in the session's zone; the protocol wants UTC. And keyset
      // batches must walk the version index: with missing or stale statistics (a bulk load not
      // yet analysed) the planner would otherwise sort the whole rest of a table for every batch.
      await configureReader(trx);
      if (position.phase === 'del') await refusePrunedCursor(trx, position.since);
      const page = await planPage(trx, scope, position, phasesOf(position), limits);
      const sink = open({ snapshot: request.cursor === undefined, total: page.total });
      await sink.write(`${JSON.stringify({ t: 'begin', snapshot: request.cursor === undefined, total: page.total })}\n`);
      const stop = await withSnapshotReaders(db, trx, page.batches.length > 1 ? limits.readers : 1, (readers) => streamBatches(readers, scope, position, page, sink, limits));
      if (lastSeq !== undefined && start.upto === undefined) await sink.write(`${JSON.stringify({ t: 'ack', lastSeq })}\n`);
      const cursor = page.more ? continuationCursor(SYNC_SCHEMA_VERSION, tag, stop) : finishedCursor(SYNC_SCHEMA_VERSION, tag, position.upto);
      await sink.write(`${JSON.stringify({ t: 'end', cursor, more: page.more })}\n`);
      await sink.end();
      return { total: page.total, more: page.more, cursor };
    });
}

type StartPosition = Omit<PullPosition, 'upto'> & { upto: bigint | undefined };

// A finished cursor starts a new pull after its version; a page continues its pull's window.
function startPosition(cursorText: string | undefined, tag: string): StartPosition {
  if (cursorText === undefined) return { since: 0n, upto: undefined, phase: firstPhase(0n), after: 0n };
  const cursor = parseCursor(cursorText);
  if (cursor.schemaVersion !== SYNC_SCHEMA_VERSION) throw resyncRequired('The cursor was made for another version of the synced data.');
  if (cursor.scope !== tag) throw resyncRequired('What you may see has changed (role or branch) since the cursor was made.');
  if (cursor.continuation === undefined) return { since: cursor.since, upto: undefined, phase: firstPhase(cursor.since), after: cursor.since };
  const { upto, phase, after } = cursor.continuation;
  // A snapshot (since 0) has no deletions to send, so no page of one can stand in 'del'.
  if (phase === 'del' && cursor.since === 0n) throw new HttpError(400, 'INVALID_REQUEST', 'The pull cursor is not valid. Send back exactly the cursor of the last end line.');
  return { since: cursor.since, upto, phase, after };
}

// Deletions matter only to a client that has rows from before: after a snapshot, not in one.
function firstPhase(since: bigint): PullPhase {
  return since === 0n ? syncTableNames[0] : 'del';
}

function phasesOf(position: PullPosition): PullPhase[] {
  const all: PullPhase[] = position.since === 0n ? [...syncTableNames] : ['del', ...syncTableNames];
  return all.slice(all.indexOf(position.phase));
}

function windowOf(position: PullPosition, phase: PullPhase): VersionWindow {
  return { after: phase === position.phase ? position.after : position.since, upto: position.upto };
}

// row_to_json writes timestamps in the session's zone; the protocol wants UTC. And keyset
// batches must walk the version index: with missing or stale statistics (a bulk load not yet
// analysed) the planner would otherwise sort the whole rest of a table for every batch. With
// sorts priced that high, a query that must sort anyway (a branch's deletions: a union ordered
// by version) looks so costly that PostgreSQL JIT-compiles it, 200-800 ms for a 0.03 ms query:
// no JIT in a pull.
async function configureReader(trx: Transaction<Database>): Promise<void> {
  await sql`select set_config('timezone', 'UTC', true), set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),
    set_config('jit', 'off', true)`.execute(trx);
}

/** One batch of a page: the lines of `phase` with after < version ≤ upto; `count` of them. */
interface Batch {
  phase: PullPhase;
  window: VersionWindow;
  count: number;
}

interface PagePlan {
  total: number;
  more: boolean;
  batches: Batch[];
}

// `total` must be exact (protocol: rows to come), so the page is planned in the pull's snapshot
// before the first line: phase by phase, until the page is full, with the bounds of every batch.
async function planPage(trx: Transaction<Database>, scope: PullScope, position: PullPosition, phases: readonly PullPhase[], limits: PullLimits): Promise<PagePlan> {
  const batches: Batch[] = [];
  let total = 0;
  for (const phase of phases) {
    const window = windowOf(position, phase);
    const plan = await planPhase(trx, phase, scope, window, limits.pageRows - total, limits.batchRows);
    let after = window.after;
    let left = plan.count;
    for (const bound of plan.bounds) {
      const count = Math.min(limits.batchRows, left);
      batches.push({ phase, window: { after, upto: bound }, count });
      left -= count;
      after = bound;
    }
    if (left !== 0) throw new Error(`pull: planned ${plan.count} lines of ${phase} but bounds for ${plan.count - left}`);
    total += plan.count;
    if (plan.more) return { total, more: true, batches };
    if (total === limits.pageRows) {
      // Full exactly at a phase's end: `more` only if a later phase still has a line.
      const later = phases.slice(phases.indexOf(phase) + 1);
      for (const next of later) {
        if ((await planPhase(trx, next, scope, windowOf(position, next), 0, limits.batchRows)).more) return { total, more: true, batches };
      }
      return { total, more: false, batches };
    }
  }
  return { total, more: false, batches };
}

/** The connection that reads batch `index`, opened on first use; `count` of them take turns. */
interface SnapshotReaders {
  count: number;
  reader(index: number): Promise<Transaction<Database>>;
}

// Runs `work` with up to `count` readers of the pull's snapshot: the pull's own transaction, plus
// transactions on other pooled connections that import its exported snapshot, so they see
// exactly the same rows. PostgreSQL then builds several batches' JSON at once, on several cores.
// An extra reader is opened when its first batch is due and held until `work` is done.
async function withSnapshotReaders<T>(db: Kysely<Database>, trx: Transaction<Database>, count: number, work: (readers: SnapshotReaders) => Promise<T>): Promise<T> {
  const extra = count > 1 ? extraReaders.take(count - 1) : 0;
  const opened = new Map<number, Promise<Transaction<Database>>>();
  const held: Array<Promise<unknown>> = [];
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let snapshot: Promise<string> | undefined;
  function open(): Promise<Transaction<Database>> {
    snapshot ??= exportSnapshot(trx);
    return new Promise((resolve, reject) => {
      const transaction = snapshot!.then((id) =>
        db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute(async (reader) => {
            await sql.raw(`set transaction snapshot '${id}'`).execute(reader);
            await configureReader(reader);
            resolve(reader);
            await released;
          }),
      );
      // Before it was handed out a failure goes to the batch's read; after, there is nothing left to do.
      held.push(transaction.catch(reject));
    });
  }
  const readers: SnapshotReaders = {
    count: extra + 1,
    reader(index) {
      const slot = index % (extra + 1);
      if (slot === 0) return Promise.resolve(trx);
      let reader = opened.get(slot);
      if (reader === undefined) {
        reader = open();
        opened.set(slot, reader);
      }
      return reader;
    },
  };
  try {
    return await work(readers);
  } finally {
    release();
    await Promise.all(held);
    extraReaders.give(extra);
  }
}

async function exportSnapshot(trx: Transaction<Database>): Promise<string> {
  const exported = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
  const id = exported.rows[0]?.id ?? '';
  // SET TRANSACTION SNAPSHOT takes no bind parameter; the id is PostgreSQL's own (hex and dashes).
  if (!/^[0-9A-F]+(-[0-9A-F]+)+$/.test(id)) throw new Error(`pull: unexpected snapshot id ${JSON.stringify(id)}`);
  return id;
}

// Extra reader connections are few for the whole service, so concurrent pulls cannot take the
// whole pool while each waits for a second connection; a pull that finds none reads alone.
const extraReaders = {
  free: 2,
  take(wanted: number): number {
    const taken = Math.min(wanted, this.free);
    this.free -= taken;
    return taken;
  },
  give(count: number): void {
    this.free += count;
  },
};

// Writes the page's batches in order. Up to one batch per reader is read at a time, and the
// database works on the next ones while a batch is written; a slow client holds back the reads
// (sink backpressure) instead of filling memory. Returns where the page stopped.
async function streamBatches(
  readers: SnapshotReaders,
  scope: PullScope,
  position: PullPosition,
  page: PagePlan,
  sink: PullSink,
  limits: PullLimits,
): Promise<PullPosition> {
  let stop: PullPosition = position;
  const inFlight: Array<Promise<{ count: number; lines: string }>> = [];
  let next = 0;
  const launch = async (): Promise<void> => {
    while (inFlight.length < readers.count && next < page.batches.length) {
      const index = next++;
      const batch = page.batches[index] as Batch;
      await limits.beforeBatch?.(index);
      const read = readers.reader(index).then((reader) => fetchRange(reader, batch.phase, scope, batch.window));
      // Should a write fail, nobody awaits the reads ahead: keep their failures from going unhandled.
      read.catch(() => undefined);
      inFlight.push(read);
    }
  };
  await launch();
  for (const batch of page.batches) {
    const read = await (inFlight.shift() as Promise<{ count: number; lines: string }>);
    if (read.count !== batch.count) throw new Error(`pull: planned ${batch.count} lines of ${batch.phase} but read ${read.count} in the same snapshot`);
    await launch();
    if (read.count > 0) await sink.write(`${read.lines}\n`);
    stop = { ...position, phase: batch.phase, after: batch.window.upto };
  }
  return stop;
}

async function readNewestVersion(db: Kysely<Database>): Promise<bigint> {
  const result = await sql<{ v: string }>`select (case when is_called then last_value else 0 end)::text as v from sync_version_seq`.execute(db);
  return BigInt(result.rows[0]?.v ?? '0');
}

// The high-water mark is the sequence's last value, read before the snapshot. A version at or
// below it may belong to a transaction still in flight, which the snapshot would not see and
// the next pull (version > mark) would step over. So wait until every transaction of this
// database that holds a transaction id now has ended (the version stamp takes the id before the
// version, migration 0015); a snapshot taken afterwards then sees every version up to the mark
// that will ever exist. pg_stat_activity, not pg_current_snapshot(): a snapshot does not list
// transactions with ids above its xmax, though they may be running.
async function settle(db: Kysely<Database>, timeoutMs: number): Promise<void> {
  const running = await sql<{ xids: string[] }>`select coalesce(array_agg(backend_xid::text), '{}') as xids from pg_stat_activity
    where backend_xid is not null and pid <> pg_backend_pid() and datname = current_database()`.execute(db);
  const inFlight = running.rows[0]?.xids ?? [];
  if (inFlight.length === 0) return;
  const deadline = Date.now() + timeoutMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    // A transaction id is never reused, so "no backend holds one of them" means all have ended.
    const open = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where backend_xid = any(${inFlight}::xid[])`.execute(db);
    if ((open.rows[0]?.n ?? 0) === 0) return;
    if (Date.now() >= deadline) {
      throw new HttpError(503, 'SYNC_BUSY', 'The server is in the middle of a long write. Pull again in a few seconds.');
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

// Unknown client: 0 (nothing of it applied yet). Another staff member's client: no ack at all.
async function readLastSeq(db: Kysely<Database>, clientId: string, principal: StaffPrincipal): Promise<number | undefined> {
  const client = await db.selectFrom('sync_clients').select(['staff_id', 'last_seq']).where('client_id', '=', clientId).executeTakeFirst();
  if (client === undefined) return 0;
  if (client.staff_id !== principal.id) return undefined;
  return Number(client.last_seq);
}

async function refusePrunedCursor(trx: Transaction<Database>, since: bigint): Promise<void> {
  const horizon = await trx.selectFrom('service_meta').select('value').where('key', '=', PRUNE_HORIZON_KEY).executeTakeFirst();
  if (horizon !== undefined && since < BigInt(horizon.value)) {
    throw resyncRequired('The server no longer keeps the deletions since this cursor.');
  }
}

function resyncRequired(reason: string): HttpError {
  return new HttpError(410, 'RESYNC_REQUIRED', `${reason} Take a new snapshot: pull without a cursor.`);
}
