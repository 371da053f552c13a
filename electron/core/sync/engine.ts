import type BetterSqlite3 from 'better-sqlite3';
import type { SyncStatus } from '../../shared/ipc/contract';
import type { SyncTableName } from '../../shared/sync/rows';
import { SyncHttpError } from './http';
import type { AfterPage } from './ingest';
import { listenForPokes, type PokeListener } from './pokes';
import { pullIntoCache, type PullProgress } from './puller';
import { SettingsRefresher } from './settings';

// The sync loop of one signed-in staff member's cache: push what is queued, then pull, whenever
// something may have changed (a local action, a poke, the timer, the staff member's "sync now"),
// one cycle at a time. A failed cycle is retried with backoff and jitter, so an offline client
// keeps trying on its own, not only when a new action comes.

/** What the engine needs of the outbox (electron/core/sync/outbox.ts). */
export interface EngineOutbox {
  stats(): { queueDepth: number; oldestPendingAt: string | null; needsAttention: number };
  /** Re-applies pending local effects on top of a pulled page (inside its transaction). */
  rebase: AfterPage;
  /**
   * The server has applied or rejected everything up to `lastSeq` (a pull's ack): their effects
   * are in the pulled rows now, so they are no longer re-applied; their outcomes still come with the next push.
   */
  acknowledge(lastSeq: number): SyncTableName[];
  /** Pushes what is pending; resolves with the tables the results changed. Throws SyncHttpError. */
  push(target: { baseUrl: string; accessToken: string; clientId: string }): Promise<SyncTableName[]>;
}

/** Everything the engine talks to. */
export interface SyncEngineOptions {
  sqlite: BetterSqlite3.Database;
  baseUrl: string;
  clientId: string;
  /** A valid access token; given the token the server just refused (401), a new one. */
  accessToken(rejected?: string): Promise<string>;
  outbox: EngineOutbox;
  onStatus(status: SyncStatus): void;
  onTablesChanged(tables: SyncTableName[]): void;
  /** Pull at least this often even without pokes. Default 60 s; 0 = no timer (tests). */
  pullEveryMs?: number;
  /** Listen for pokes (default true). */
  pokes?: boolean;
  /** Wait before retry number `attempt` (0-based). Default: full jitter, 1 s … 60 s. */
  retryDelay?: (attempt: number) => number;
  now?: () => Date;
  /** A failure that does not fail the cycle (the business settings' fetch). */
  reportError?: (where: string, error: unknown) => void;
}

/** A running engine. */
export interface SyncEngine {
  status(): SyncStatus;
  /** Runs a cycle soon (or right after the one in flight); resolves when a cycle after the call has ended. */
  syncNow(): Promise<SyncStatus>;
  /** A local action was queued: push soon. */
  actionQueued(): void;
  close(): Promise<void>;
}

/** Default backoff: exponential with full jitter, from 1 s up to 60 s. */
export function jitteredDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(60_000, 1_000 * 2 ** Math.min(attempt, 6)));
}

/** Starts syncing `options.sqlite` (a migrated cache) with the service. */
export function startSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date());
  const retryDelay = options.retryDelay ?? ((attempt: number) => Math.max(1_000, jitteredDelay(attempt)));
  const readState = options.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const writeState = options.sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)');
  const hasCursor = (): boolean => readState.get('cursor') !== undefined;
  const settings = new SettingsRefresher(options.sqlite, now, (error) => options.reportError?.('settings', error));

  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let online = true;
  let activity: SyncStatus['activity'] = 'idle';
  let snapshot: SyncStatus['snapshot'] = null;
  let lastError: string | null = null;
  let waiters: Array<() => void> = [];
  let last: SyncStatus | undefined;

  function status(): SyncStatus {
    const stats = options.outbox.stats();
    return {
      online,
      activity,
      snapshot,
      hasData: hasCursor(),
      lastSyncAt: (readState.get('last_sync_at') as string | undefined) ?? null,
      queueDepth: stats.queueDepth,
      oldestPendingAt: stats.oldestPendingAt,
      needsAttention: stats.needsAttention,
      lastError,
    };
  }

  // Emits only real changes, so a quiet timer tick does not wake the renderer.
  function publish(): void {
    const next = status();
    if (last !== undefined && JSON.stringify(last) === JSON.stringify(next)) return;
    last = next;
    options.onStatus(next);
  }

  // An access token can expire between asking for it and using it: one 401 gets a fresh one.
  async function cycle(): Promise<void> {
    const token = await options.accessToken();
    try {
      await cycleWith(token);
    } catch (error) {
      if (!(error instanceof SyncHttpError) || error.status !== 401) throw error;
      await cycleWith(await options.accessToken(token));
    }
  }

  async function cycleWith(accessToken: string): Promise<void> {
    const target = { baseUrl: options.baseUrl, accessToken, clientId: options.clientId };
    if (options.outbox.stats().queueDepth > 0) {
      activity = 'pushing';
      publish();
      const changed = await options.outbox.push(target);
      if (changed.length > 0) options.onTablesChanged(changed);
    }
    activity = 'pulling';
    publish();
    const outcome = await pullIntoCache(options.sqlite, target, {
      after: options.outbox.rebase,
      onProgress: (progress: PullProgress) => {
        if (!progress.snapshot) return;
        snapshot = { done: progress.done, total: progress.total };
        publish();
      },
    });
    const tables = new Set(outcome.tables);
    // The ack is applied only once the whole pull is in: the rows it stands for may be on a later page.
    if (outcome.ack !== undefined) for (const table of options.outbox.acknowledge(outcome.ack)) tables.add(table);
    writeState.run('last_sync_at', now().toISOString());
    if (tables.size > 0) options.onTablesChanged([...tables]);
    // After the pull is announced, so a slow settings answer never holds back fresh rows. Every
    // figure the settings feed (tier suggestions, migration progress) is a customer figure, so a
    // change of them is announced as a change of `customers`: whatever reads on that reads
    // again. The contract has no event of its own for settings; a change is rare.
    if (await settings.refresh(target)) options.onTablesChanged(['customers']);
  }

  function schedule(): void {
    if (closed) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    clearTimeout(retry);
    retry = undefined;
    running = cycle()
      .then(() => {
        failures = 0;
        online = true;
        lastError = null;
      })
      .catch((error: unknown) => {
        online = !isOffline(error);
        lastError = describe(error);
        if (!closed) {
          const wait = retryDelay(failures++);
          retry = setTimeout(schedule, wait);
          retry.unref();
        }
      })
      .finally(() => {
        running = undefined;
        activity = 'idle';
        snapshot = null;
        publish();
        const settled = waiters;
        waiters = [];
        if (again && !closed) {
          again = false;
          // Those waiting for "a cycle after my call" wait for this next one.
          waiters = settled;
          schedule();
        } else for (const resolve of settled) resolve();
      });
  }

  const pullEveryMs = options.pullEveryMs ?? 60_000;
  const timer = pullEveryMs > 0 ? setInterval(schedule, pullEveryMs) : undefined;
  timer?.unref();
  const pokes: PokeListener | undefined =
    options.pokes === false
      ? undefined
      : listenForPokes(
          { baseUrl: options.baseUrl, accessToken: () => options.accessToken() },
          {
            onPoke: () => schedule(),
            // The stream broke: find out at once whether the service is gone (the banner) or
            // only the stream; a failing cycle then backs off on its own.
            onDown: () => {
              if (online) schedule();
            },
          },
        );

  publish();
  schedule();

  return {
    status,
    syncNow() {
      return new Promise((resolve) => {
        waiters.push(() => resolve(status()));
        if (running !== undefined) again = true;
        else schedule();
      });
    },
    actionQueued() {
      publish();
      schedule();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(retry);
      pokes?.close();
      await running;
    },
  };
}

// No answer from the service at all (the auth session says OFFLINE for the same thing).
function isOffline(error: unknown): boolean {
  if (error instanceof SyncHttpError) return error.offline;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'OFFLINE';
}

// The staff member sees this under the status bar; the service's own message when it gave one.
function describe(error: unknown): string {
  if (isOffline(error)) return 'Ingen kontakt med serveren. Prøver igjen automatisk.';
  if (error instanceof SyncHttpError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
