import { sql, type Kysely, type Transaction } from 'kysely';
import { SYNC_SCHEMA_VERSION } from '../../electron/shared/protocol/sync';
import { syncTableNames } from '../../electron/shared/sync/rows';
import type { StaffPrincipal } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../errors';
import { continuationCursor, finishedCursor, parseCursor, type PullPhase, type PullPosition } from './pullCursor';
import { PRUNE_HORIZON_KEY } from './pullPrune';
import { countPhase, fetchBatch, type PullBatch, type VersionWindow } from './pullQuery';
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
export const DEFAULT_PULL_LIMITS: PullLimits = { pageRows: 50_000, batchRows: 5_000, settleTimeoutMs: 10_000 };

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
      await sql`select set_config('timezone', 'UTC', true), set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`.execute(trx);
      if (position.phase === 'del') await refusePrunedCursor(trx, position.since);
      const phases = phasesOf(position);
      const counted = await countLines(trx, scope, position, phases, limits.pageRows);
      const sink = open({ snapshot: request.cursor === undefined, total: counted.total });
      await sink.write(`${JSON.stringify({ t: 'begin', snapshot: request.cursor === undefined, total: counted.total })}\n`);
      const stop = await streamLines(trx, scope, position, phases, counted.total, sink, limits);
      if (lastSeq !== undefined && start.upto === undefined) await sink.write(`${JSON.stringify({ t: 'ack', lastSeq })}\n`);
      const cursor = counted.more
        ? continuationCursor(SYNC_SCHEMA_VERSION, tag, stop)
        : finishedCursor(SYNC_SCHEMA_VERSION, tag, position.upto);
      await sink.write(`${JSON.stringify({ t: 'end', cursor, more: counted.more })}\n`);
      await sink.end();
      return { total: counted.total, more: counted.more, cursor };
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

// `total` must be exact (protocol: rows to come), so count in the same snapshot, phase by
// phase, and stop counting once the page is known to be full.
async function countLines(
  trx: Transaction<Database>,
  scope: PullScope,
  position: PullPosition,
  phases: readonly PullPhase[],
  pageRows: number,
): Promise<{ total: number; more: boolean }> {
  let sum = 0;
  for (const phase of phases) {
    sum += await countPhase(trx, phase, scope, windowOf(position, phase), pageRows + 1 - sum);
    if (sum > pageRows) return { total: pageRows, more: true };
  }
  return { total: sum, more: false };
}

// Writes exactly `total` lines, batch by batch, waiting on the sink between batches so a slow
// client holds back the database reads instead of filling memory. While one batch is written
// the database already builds the next (one batch ahead, no more). Returns where it stopped.
async function streamLines(
  trx: Transaction<Database>,
  scope: PullScope,
  position: PullPosition,
  phases: readonly PullPhase[],
  total: number,
  sink: PullSink,
  limits: PullLimits,
): Promise<PullPosition> {
  let budget = total;
  let batchIndex = 0;
  let stop: PullPosition = position;
  async function fetchStep(step: Step): Promise<PullBatch> {
    await limits.beforeBatch?.(batchIndex++);
    return fetchBatch(trx, step.phase, scope, step.window, step.wanted);
  }
  const firstPhase = phases[0];
  let step: Step | undefined = budget > 0 && firstPhase !== undefined ? { phase: firstPhase, window: windowOf(position, firstPhase), wanted: Math.min(limits.batchRows, budget) } : undefined;
  let pending = step === undefined ? undefined : fetchStep(step);
  while (step !== undefined && pending !== undefined) {
    const batch = await pending;
    budget -= batch.count;
    stop = { ...position, phase: step.phase, after: batch.last };
    const next = nextStep(step, batch, budget, phases, position, limits.batchRows);
    pending = next === undefined ? undefined : fetchStep(next);
    // Should the write below fail, nobody awaits the prefetch: keep its failure from going unhandled.
    pending?.catch(() => undefined);
    if (batch.count > 0) await sink.write(`${batch.lines}\n`);
    step = next;
  }
  if (budget !== 0) throw new Error(`pull: counted ${total} lines but found ${total - budget} in the same snapshot`);
  return stop;
}

interface Step {
  phase: PullPhase;
  window: VersionWindow;
  wanted: number;
}

// The batch after `step`: more of the same phase if it came back full, else the next phase.
function nextStep(step: Step, batch: PullBatch, budget: number, phases: readonly PullPhase[], position: PullPosition, batchRows: number): Step | undefined {
  if (budget === 0) return undefined;
  const wanted = Math.min(batchRows, budget);
  if (batch.count === step.wanted) return { phase: step.phase, window: { ...step.window, after: batch.last }, wanted };
  const phase = phases[phases.indexOf(step.phase) + 1];
  return phase === undefined ? undefined : { phase, window: windowOf(position, phase), wanted };
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
