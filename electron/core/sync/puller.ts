import type BetterSqlite3 from 'better-sqlite3';
import { SYNC_SCHEMA_VERSION } from '../../shared/protocol/sync';
import { syncTableNames, type SyncTableName } from '../../shared/sync/rows';
import { openResponse, SyncHttpError } from './http';
import { CURSOR_KEY, PageWriter, type AfterPage } from './ingest';
import { readPullStream, type StreamProgress } from './pullStream';

/** Where a pull goes and as whom. */
export interface PullTarget {
  baseUrl: string;
  accessToken: string;
  clientId: string;
  signal?: AbortSignal;
  /** Ask for gzip; by default only when the service is not on this machine. */
  compress?: boolean;
}

/** Progress of a whole pull (all its pages). */
export interface PullProgress {
  /** Rows applied so far, over all pages. */
  done: number;
  /** Rows applied plus the rows the current page announced: the best total known. */
  total: number;
  pages: number;
  snapshot: boolean;
}

/** What a finished pull did. */
export interface PullOutcome {
  rows: number;
  pages: number;
  snapshot: boolean;
  /** The last lastSeq the server acknowledged, if it sent one. */
  ack?: number;
  /** Tables with at least one put or del (all of them after a snapshot page). */
  tables: Set<SyncTableName>;
}

/**
 * Pulls from the cursor kept in the cache until the server says there is no more, applying each
 * page whole (with `after`, e.g. the outbox rebase, inside the page's transaction). A cursor the
 * server no longer serves (410 RESYNC_REQUIRED) is dropped and the pull starts over as a
 * snapshot. A page cut off midway throws and leaves the cache at the previous page.
 */
export async function pullIntoCache(sqlite: BetterSqlite3.Database, target: PullTarget, options: { after?: AfterPage; onProgress?: (progress: PullProgress) => void } = {}): Promise<PullOutcome> {
  const writer = new PageWriter(sqlite);
  const readCursor = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const outcome: PullOutcome = { rows: 0, pages: 0, snapshot: false, tables: new Set() };
  let abortNext: AbortController | undefined;
  const open = (cursor: string | undefined): Promise<AsyncIterable<Buffer>> => {
    abortNext = new AbortController();
    const signal = target.signal === undefined ? abortNext.signal : AbortSignal.any([target.signal, abortNext.signal]);
    const query = new URLSearchParams({ schemaVersion: String(SYNC_SCHEMA_VERSION), ...(cursor !== undefined && { cursor }) });
    const opened = openResponse({
      baseUrl: target.baseUrl,
      method: 'GET',
      path: `/v1/sync/pull?${query.toString()}`,
      headers: { authorization: `Bearer ${target.accessToken}`, 'x-client-id': target.clientId },
      signal,
      ...(target.compress !== undefined && { compress: target.compress }),
    }).then((response) => response.body);
    // A prefetched page may fail before anyone awaits it; its error is handled when it is.
    opened.catch(() => undefined);
    return opened;
  };
  let resynced = false;
  let cursor = readCursor.get(CURSOR_KEY) as string | undefined;
  let next = open(cursor);
  for (;;) {
    let body: AsyncIterable<Buffer>;
    try {
      body = await next;
    } catch (error) {
      if (error instanceof SyncHttpError && error.code === 'RESYNC_REQUIRED' && !resynced && cursor !== undefined) {
        // Start over from nothing; the snapshot's first page replaces every synced table.
        resynced = true;
        sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(CURSOR_KEY);
        cursor = undefined;
        next = open(cursor);
        continue;
      }
      throw error;
    }
    const done = outcome.rows;
    const snapshot = outcome.snapshot || cursor === undefined;
    const page = await readPullStream(body, writer, (progress: StreamProgress) =>
      options.onProgress?.({ done: done + progress.received, total: done + progress.total, pages: outcome.pages, snapshot }),
    );
    // Ask for the next page before applying this one: the service builds it meanwhile. Should
    // this page fail to apply, the request is simply dropped with the error.
    if (page.more) next = open(page.cursor);
    try {
      writer.apply(page, options.after);
    } catch (error) {
      abortNext?.abort();
      throw error;
    }
    cursor = page.cursor;
    outcome.rows += page.changes.length;
    outcome.pages++;
    outcome.snapshot ||= page.snapshot;
    if (page.snapshot) for (const table of syncTableNames) outcome.tables.add(table);
    for (const change of page.changes) outcome.tables.add(change.table);
    if (page.ack !== undefined) outcome.ack = page.ack;
    if (!page.more) return outcome;
  }
}
