import { pushResponseSchema, SYNC_SCHEMA_VERSION } from '../../shared/protocol/sync';
import type { SyncTableName } from '../../shared/sync/rows';
import { requestJson, SyncHttpError } from './http';
import type { Outbox } from './outbox';

/** The most mutations one push carries (protocol.md: the server takes at most 1000). */
export const MAX_PUSH_BATCH = 1000;

/** Where a push goes and as whom. */
export interface PushTarget {
  baseUrl: string;
  accessToken: string;
  clientId: string;
  signal?: AbortSignal;
}

/** Knobs of one push run. */
export interface PushOptions {
  /** Mutations per request, 1 to {@link MAX_PUSH_BATCH}. */
  batchSize?: number;
  /** No answer within this time is a network failure. Default 60 s: the server applies each mutation in its own transaction. */
  timeoutMs?: number;
}

/** What a push run did. */
export interface PushOutcome {
  sent: number;
  applied: number;
  rejected: number;
  /** Synced tables whose cached rows changed (rejections undone). */
  tables: SyncTableName[];
}

/**
 * The queue cannot be sent as it is, and retrying will not help: `SEQ_GAP` means the server is
 * missing earlier mutations of this client, which only a damaged outbox (or a client id reused
 * with a fresh queue) can cause. The caller stops pushing and shows the message.
 */
export class PushError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: 'SEQ_GAP',
    message: string,
  ) {
    super(message);
    this.name = 'PushError';
  }
}

/**
 * Sends the queued mutations in seq order, in batches, until the queue is empty, handing each
 * answer to {@link Outbox.applyResults}. A replayed seq is answered with its stored outcome, so
 * a batch whose answer was lost is simply sent again. Throws {@link SyncHttpError} as it comes
 * (offline: back off with {@link nextRetryDelay}; 401: refresh the token and call again) and
 * {@link PushError} for a seq gap. Run one push at a time per outbox.
 */
export async function pushOutbox(outbox: Outbox, target: PushTarget, options: PushOptions = {}): Promise<PushOutcome> {
  const batchSize = Math.min(MAX_PUSH_BATCH, Math.max(1, Math.floor(options.batchSize ?? MAX_PUSH_BATCH)));
  const outcome: PushOutcome = { sent: 0, applied: 0, rejected: 0, tables: [] };
  const tables = new Set<SyncTableName>();
  for (;;) {
    const batch = outbox.pending(batchSize);
    if (batch.length === 0) return { ...outcome, tables: [...tables].sort() };
    const seqs = batch.map((entry) => entry.seq);
    let answer: unknown;
    try {
      answer = await requestJson({
        baseUrl: target.baseUrl,
        method: 'POST',
        path: '/v1/sync/push',
        headers: { authorization: `Bearer ${target.accessToken}` },
        body: JSON.stringify({ clientId: target.clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: batch }),
        timeoutMs: options.timeoutMs ?? 60_000,
        ...(target.signal !== undefined && { signal: target.signal }),
      });
    } catch (error) {
      outbox.recordFailure(seqs, error instanceof Error ? error.message : String(error));
      if (error instanceof SyncHttpError && error.code === 'SEQ_GAP') throw seqGap(error, seqs[0] ?? 0);
      throw error;
    }
    const parsed = pushResponseSchema.safeParse(answer);
    if (!parsed.success) throw badAnswer(outbox, seqs, 'The server’s push answer does not match the protocol.');
    const sent = new Set(seqs);
    const results = parsed.data.results.filter((result) => sent.has(result.seq));
    // Without this, a server that answers for none of the batch would be sent it forever.
    if (results.length === 0) throw badAnswer(outbox, seqs, 'The server answered the push without a result for any mutation sent.');
    for (const table of outbox.applyResults(results)) tables.add(table);
    outcome.sent += batch.length;
    outcome.applied += results.filter((result) => result.status === 'applied').length;
    outcome.rejected += results.filter((result) => result.status === 'rejected').length;
  }
}

function seqGap(error: SyncHttpError, firstSent: number): PushError {
  return new PushError(
    'SEQ_GAP',
    `Køen av handlinger på denne maskinen er ikke i orden: serveren mangler handlinger fra før nr. ${firstSent}, ` +
      `så resten av køen kan ikke sendes. Kontakt support før du logger ut eller sletter lokale data. (Serveren: ${error.message})`,
  );
}

function badAnswer(outbox: Outbox, seqs: readonly number[], message: string): SyncHttpError {
  outbox.recordFailure(seqs, message);
  return new SyncHttpError(502, 'BAD_RESPONSE', message);
}

/** Bounds of {@link nextRetryDelay}. */
export interface RetryDelayBounds {
  baseMs?: number;
  maxMs?: number;
}

/**
 * How long to wait before retry number `attempt` (0 = the first retry): exponential backoff
 * with full jitter, a random time up to 1 s, 2 s, 4 s … capped at 60 s, so that many clients
 * coming back online at once do not push in step. `random` returns a number in [0, 1).
 */
export function nextRetryDelay(attempt: number, random: () => number = Math.random, bounds: RetryDelayBounds = {}): number {
  const baseMs = bounds.baseMs ?? 1_000;
  const maxMs = bounds.maxMs ?? 60_000;
  const exponent = Number.isNaN(attempt) ? 0 : Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const drawn = random();
  const fraction = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 1;
  return Math.round(ceiling * fraction);
}
