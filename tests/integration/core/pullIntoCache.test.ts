import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/core/cache/open';
import { CURSOR_KEY } from '../../../electron/core/sync/ingest';
import { pullIntoCache, type PullProgress } from '../../../electron/core/sync/puller';
import { PullStreamError } from '../../../electron/core/sync/pullStream';
import { syncTableNames } from '../../../electron/shared/sync/rows';
import { pruneTombstones } from '../../../server/sync/pullPrune';
import { BACKENDS, useTestDatabases } from '../server/backends';
import { BRANCH_A, seedCustomer, seedSyncWorld, startSyncInstance, SYNC_STAFF, tokenFor, type SyncInstance } from '../server/pullFixture';

// The client core's pull against the real service: the cache ends up holding exactly what the
// staff member may see, page by page, and a failed pull leaves it as it was.

describe.each(BACKENDS)('pullIntoCache against the service (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  let failBatch: number | undefined;
  let token: string;
  const folders: string[] = [];
  const caches: Cache[] = [];

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config(), {
      pull: {
        limits: {
          pageRows: 9,
          batchRows: 4,
          beforeBatch(index) {
            if (index === failBatch) throw new Error('injected failure');
          },
        },
      },
    });
    await seedSyncWorld(instance.db);
    for (let i = 0; i < 3; i++) await seedCustomer(instance.db, `pc${i}`, BRANCH_A, SYNC_STAFF.consultantA.id);
    token = await tokenFor(instance, 'consultantA');
  });
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  afterAll(async () => {
    await instance?.close();
  });

  function newCache(): Cache {
    const folder = mkdtempSync(join(tmpdir(), 'lysdesk-pull-'));
    folders.push(folder);
    const cache = openCache({ file: join(folder, 'cache.sqlite') });
    caches.push(cache);
    return cache;
  }

  const target = (): { baseUrl: string; accessToken: string; clientId: string } => ({ baseUrl: instance.url, accessToken: token, clientId: randomUUID() });

  // `table:id` of every row the consultant of branch A may see, from the server's database.
  async function visibleKeys(): Promise<string[]> {
    const keys: string[] = [];
    for (const table of syncTableNames) {
      const global = table === 'branches' || table === 'staff' || table === 'products';
      const rows = await sql<{ id: string }>`select id from ${sql.table(table)} ${global ? sql`` : sql`where branch_id = ${BRANCH_A}`}`.execute(instance.db);
      keys.push(...rows.rows.map((row) => `${table}:${row.id}`));
    }
    return keys.sort();
  }

  function cachedKeys(cache: Cache): string[] {
    const keys: string[] = [];
    for (const table of syncTableNames) {
      const ids = cache.sqlite.prepare(`SELECT id FROM ${table}`).pluck().all() as string[];
      keys.push(...ids.map((id) => `${table}:${id}`));
    }
    return keys.sort();
  }

  it('takes a snapshot over several pages into an empty cache, with progress up to the total', async () => {
    const cache = newCache();
    const progress: PullProgress[] = [];
    const outcome = await pullIntoCache(cache.sqlite, target(), { onProgress: (p) => progress.push(p) });
    const expected = await visibleKeys();
    expect(cachedKeys(cache)).toEqual(expected);
    expect(outcome).toMatchObject({ rows: expected.length, snapshot: true });
    expect(outcome.pages).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ done: expected.length, total: expected.length });
    expect(progress.every((p, i) => i === 0 || p.done >= (progress[i - 1]?.done ?? 0))).toBe(true);
  });

  it('reads a gzipped snapshot into the same cache as a plain one (gzip is asked for off loopback)', async () => {
    const plain = newCache();
    const gzipped = newCache();
    await pullIntoCache(plain.sqlite, target());
    const outcome = await pullIntoCache(gzipped.sqlite, { ...target(), compress: true });
    expect(outcome.pages).toBeGreaterThan(2);
    expect(cachedKeys(gzipped)).toEqual(await visibleKeys());
    for (const table of syncTableNames) {
      const rows = (cache: Cache): unknown[] => cache.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
      expect(rows(gzipped)).toEqual(rows(plain));
    }
  });

  it('follows changes and deletions with incremental pulls', async () => {
    const cache = newCache();
    await pullIntoCache(cache.sqlite, target());
    await sql`update customers set name = 'Lys & Lampe AS' where id = 'sy-c-pc0'`.execute(instance.db);
    await sql`delete from migration_events where id = 'sy-e-pc1'`.execute(instance.db);
    const outcome = await pullIntoCache(cache.sqlite, target());
    expect(outcome.snapshot).toBe(false);
    expect(cache.sqlite.prepare("SELECT name FROM customers WHERE id = 'sy-c-pc0'").pluck().get()).toBe('Lys & Lampe AS');
    expect(cachedKeys(cache)).toEqual(await visibleKeys());
    expect(cachedKeys(cache)).not.toContain('migration_events:sy-e-pc1');
  });

  it('leaves the cache and its cursor as they were when the stream is cut off midway', async () => {
    const cache = newCache();
    await pullIntoCache(cache.sqlite, target());
    const before = cachedKeys(cache);
    const cursor = cache.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(CURSOR_KEY);
    await sql`update products set name_nb = 'Downlight 12 W' where id = 'sy-p1'`.execute(instance.db);
    await sql`delete from quote_comments where branch_id = ${BRANCH_A}`.execute(instance.db);
    failBatch = 1;
    try {
      await expect(pullIntoCache(cache.sqlite, target())).rejects.toSatisfy((error) => error instanceof PullStreamError && error.code === 'PULL_INCOMPLETE');
    } finally {
      failBatch = undefined;
    }
    expect(cachedKeys(cache)).toEqual(before);
    expect(cache.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(CURSOR_KEY)).toBe(cursor);
    expect(cache.sqlite.prepare("SELECT name_nb FROM products WHERE id = 'sy-p1'").pluck().get()).not.toBe('Downlight 12 W');
    // The next pull catches up.
    await pullIntoCache(cache.sqlite, target());
    expect(cachedKeys(cache)).toEqual(await visibleKeys());
  });

  it('takes a new snapshot when the server answers RESYNC_REQUIRED to its cursor', async () => {
    const cache = newCache();
    await pullIntoCache(cache.sqlite, target());
    await sql`delete from return_lines where branch_id = ${BRANCH_A}`.execute(instance.db);
    // The deletion's tombstone is pruned: the cursor can no longer be served.
    await pruneTombstones(instance.db, new Date(Date.now() + 60_000));
    const outcome = await pullIntoCache(cache.sqlite, target());
    expect(outcome.snapshot).toBe(true);
    expect(cachedKeys(cache)).toEqual(await visibleKeys());
  });

  it('reports a refused token with the service’s own code and message, changing nothing', async () => {
    const cache = newCache();
    await expect(pullIntoCache(cache.sqlite, { ...target(), accessToken: 'not-a-token' })).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(cachedKeys(cache)).toEqual([]);
  });
});
