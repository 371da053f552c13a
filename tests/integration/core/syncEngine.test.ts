import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/core/cache/open';
import { startSyncEngine, type EngineOutbox, type SyncEngine } from '../../../electron/core/sync/engine';
import type { SyncStatus } from '../../../electron/shared/ipc/contract';
import type { SyncTableName } from '../../../electron/shared/sync/rows';
import { useTestDatabases } from '../server/backends';
import { BRANCH_A, seedCustomer, seedSyncWorld, startSyncInstance, SYNC_STAFF, tokenFor, type SyncInstance } from '../server/pullFixture';

// The sync loop against the real service (PostgreSQL, so pokes come through LISTEN/NOTIFY):
// first pull on start, a pull on each poke, and backoff while the service is unreachable.

const emptyOutbox: EngineOutbox = {
  stats: () => ({ queueDepth: 0, oldestPendingAt: null, needsAttention: 0 }),
  rebase: () => undefined,
  acknowledge: () => [],
  push: () => Promise.resolve([]),
};

function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      const value = read();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('startSyncEngine against the service (postgres)', () => {
  const databases = useTestDatabases('postgres');
  let instance: SyncInstance;
  let token: string;
  let folder: string;
  let cache: Cache;
  let engine: SyncEngine | undefined;
  let statuses: SyncStatus[];
  let changed: SyncTableName[][];

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config(), { events: { pokeIntervalMs: 10 } });
    await seedSyncWorld(instance.db);
    await seedCustomer(instance.db, 'se', BRANCH_A, SYNC_STAFF.consultantA.id);
    token = await tokenFor(instance, 'consultantA');
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await cache?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  afterAll(async () => {
    await instance?.close();
  });

  function start(baseUrl: string, options: { retryDelay?: (attempt: number) => number } = {}): SyncEngine {
    folder = mkdtempSync(join(tmpdir(), 'lysdesk-engine-'));
    cache = openCache({ file: join(folder, 'cache.sqlite') });
    statuses = [];
    changed = [];
    engine = startSyncEngine({
      sqlite: cache.sqlite,
      baseUrl,
      clientId: randomUUID(),
      accessToken: () => Promise.resolve(token),
      outbox: emptyOutbox,
      onStatus: (status) => statuses.push(status),
      onTablesChanged: (tables) => changed.push(tables),
      pullEveryMs: 0,
      ...options,
    });
    return engine;
  }

  it('pulls on start, then again on the poke that follows a change on the server, without a timer', async () => {
    start(instance.url);
    await waitFor(() => (statuses.at(-1)?.hasData && statuses.at(-1)?.activity === 'idle' ? true : undefined), 'the first pull');
    expect(changed.flat()).toContain('customers');
    expect(statuses.at(-1)).toMatchObject({ online: true, lastError: null, queueDepth: 0 });
    changed = [];
    await sql`update customers set name = 'Poket AS' where id = 'sy-c-se'`.execute(instance.db);
    await waitFor(() => (cache.sqlite.prepare("SELECT name FROM customers WHERE id = 'sy-c-se'").pluck().get() === 'Poket AS' ? true : undefined), 'the poked pull');
    expect(changed.flat()).toEqual(['customers']);
  });

  it('shows the snapshot’s progress while it runs and clears it afterwards', async () => {
    start(instance.url);
    await waitFor(() => (statuses.at(-1)?.hasData && statuses.at(-1)?.activity === 'idle' ? true : undefined), 'the first pull');
    const progress = statuses.filter((status) => status.snapshot !== null).map((status) => status.snapshot);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total);
    expect(statuses.at(-1)?.snapshot).toBeNull();
  });

  it('goes offline when the service cannot be reached, keeps retrying on its own, and says so', async () => {
    const attempts: number[] = [];
    start('http://127.0.0.1:9', {
      retryDelay: (attempt) => {
        attempts.push(attempt);
        return 20;
      },
    });
    await waitFor(() => (attempts.length >= 3 ? true : undefined), 'three retries');
    expect(attempts.slice(0, 3)).toEqual([0, 1, 2]);
    const last = statuses.at(-1);
    expect(last).toMatchObject({ online: false, hasData: false });
    expect(last?.lastError).toMatch(/Ingen kontakt med serveren/);
  });

  it('answers syncNow after a cycle that started after the call', async () => {
    const running = start(instance.url);
    await waitFor(() => (statuses.at(-1)?.hasData ? true : undefined), 'the first pull');
    await sql`update branches set name = 'Oslo Øst' where id = ${BRANCH_A}`.execute(instance.db);
    const status = await running.syncNow();
    expect(status.online).toBe(true);
    expect(cache.sqlite.prepare('SELECT name FROM branches WHERE id = ?').pluck().get(BRANCH_A)).toBe('Oslo Øst');
  });
});
