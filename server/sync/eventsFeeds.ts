import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db';
import { CHANGE_CHANNEL, ChangeListeners, parseChangePayload, type ChangeFeed } from './events';

/** Where a feed reports trouble it survives (a dropped connection, a throwing listener). */
export type FeedErrorHandler = (error: unknown) => void;

function logToStderr(error: unknown): void {
  process.stderr.write(`change feed: ${error instanceof Error ? error.message : String(error)}\n`);
}

/** Reconnect backoff of the PostgreSQL feed, in ms. */
export interface RetryDelays {
  min: number;
  max: number;
}

/**
 * One dedicated `pg.Client` doing `LISTEN lysdesk_changes` on PostgreSQL, reconnecting with
 * backoff when the connection drops. Notifications sent while it was away are lost, so after a
 * reconnect every listener hears `*` once (a poke too many is cheap, one too few is not).
 */
export function listenPostgres(url: string, onError: FeedErrorHandler = logToStderr, retry: RetryDelays = { min: 250, max: 10_000 }): ChangeFeed {
  const listeners = new ChangeListeners();
  let client: pg.Client | undefined;
  let closed = false;
  let heardBefore = false;
  let delay = retry.min;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function connect(): void {
    timer = undefined;
    if (closed) return;
    const current = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = current;
    let failed = false;
    function fail(error: unknown): void {
      if (failed || closed) return;
      failed = true;
      onError(error);
      current.removeAllListeners('notification');
      current.end().catch(() => undefined);
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, retry.max);
    }
    current.on('error', fail);
    current.on('end', () => fail(new Error('the LISTEN connection to PostgreSQL ended')));
    current.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL) listeners.emit(parseChangePayload(message.payload), onError);
    });
    current
      .connect()
      .then(() => current.query(`listen ${CHANGE_CHANNEL}`))
      .then(() => {
        if (closed || failed) return;
        delay = retry.min;
        if (heardBefore) listeners.emit('*', onError);
        heardBefore = true;
        markReady();
      }, fail);
  }

  connect();
  return {
    subscribe: (listener) => listeners.add(listener),
    ready: () => ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * PGlite's in-process `listen` on the embedded database. `db` must be the Kysely instance over
 * the same PGlite: LISTEN and UNLISTEN run while holding its connection, so they never land
 * inside another request's transaction (PGlite is a single session).
 */
export function listenPglite(pglite: PGlite, db: Kysely<Database>, onError: FeedErrorHandler = logToStderr): ChangeFeed {
  const listeners = new ChangeListeners();
  const unlisten = db
    .connection()
    .execute(() => pglite.listen(CHANGE_CHANNEL, (payload) => listeners.emit(parseChangePayload(payload), onError)));
  return {
    subscribe: (listener) => listeners.add(listener),
    ready: async () => {
      await unlisten;
    },
    async close() {
      listeners.clear();
      try {
        const stop = await unlisten;
        if (!pglite.closed) await db.connection().execute(() => stop());
      } catch (error) {
        // Closing after the database is gone: nothing is listening any more anyway.
        if (!pglite.closed) onError(error);
      }
    },
  };
}

/**
 * The fallback when the service was given no feed: watch the version sequence every
 * `intervalMs` while someone listens, and tell everyone (`*`) when it moved. Works on any
 * database without a connection of its own, at the price of latency and of poking staff about
 * changes they cannot see.
 */
export function pollChanges(db: Kysely<Database>, intervalMs = 1_000, onError: FeedErrorHandler = logToStderr): ChangeFeed {
  const listeners = new ChangeListeners();
  let timer: NodeJS.Timeout | undefined;
  let seen: string | undefined;
  let running = false;
  let closed = false;
  let polling: Promise<void> = Promise.resolve();

  async function poll(): Promise<void> {
    try {
      const result = await sql<{ v: string }>`select last_value::text as v from sync_version_seq`.execute(db);
      const value = result.rows[0]?.v;
      if (seen !== undefined && value !== seen) listeners.emit('*', onError);
      seen = value;
    } catch (error) {
      onError(error);
    }
  }

  // One loop at a time, alive while anyone listens.
  function tick(): void {
    running = true;
    polling = poll().finally(() => {
      running = !closed && listeners.size > 0;
      if (running) timer = setTimeout(tick, intervalMs);
    });
  }

  return {
    subscribe(listener) {
      const remove = listeners.add(listener);
      if (!running && !closed) tick();
      return remove;
    },
    ready: () => polling,
    async close() {
      closed = true;
      listeners.clear();
      clearTimeout(timer);
      await polling;
    },
  };
}
