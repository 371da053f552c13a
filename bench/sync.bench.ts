import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { openCache, type Cache } from '../electron/core/cache/open';
import { requestJson } from '../electron/core/sync/http';
import { pullIntoCache } from '../electron/core/sync/puller';
import { tokenResponseSchema } from '../electron/shared/protocol/auth';
import { syncRowSchemas, syncTableNames } from '../electron/shared/sync/rows';
import type { DbHandle } from '../server/db';
import { BENCH_LOGIN, benchDatabaseUrl, openBenchDatabase } from './benchDatabase';
import { startService } from './service';
import { postgresCpuSeconds, report } from './measure';

// Initial sync of size M end to end: the service on the real PostgreSQL streams the snapshot over
// loopback HTTP, the client core checks every line and writes it into a new SQLite cache file.
// Beside it, in the same run, a raw better-sqlite3 insert of the very same rows into another new
// cache file (same schema, same transaction size), which is what the ingest cannot beat.

/** The size-M world {@link benchSync} leaves behind for benchmarks that start from a synced cache. */
export interface SyncedWorld {
  /** The benchmark database the service runs on. */
  handle: DbHandle;
  /** The service on loopback. */
  baseUrl: string;
  /** The cache the initial sync filled (as {@link BENCH_LOGIN}), still open. */
  cache: Cache;
  cacheFile: string;
  /** The client id the initial sync pulled under. */
  clientId: string;
}

/**
 * Initial sync rows/s, raw insert rows/s, and their ratio. Then `next`, if given, runs on the
 * synced cache while the service is still up, so size M is pulled once per `npm run bench`.
 */
export async function benchSync(next?: (world: SyncedWorld) => Promise<void>): Promise<void> {
  const handle = await openBenchDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'lysdesk-bench-sync-'));
  try {
    // The service in a process of its own, as beside the app: the figures below are the client's.
    const service = await startService(benchDatabaseUrl());
    try {
      const baseUrl = service.url;
      const login = tokenResponseSchema.parse(await requestJson({ baseUrl, method: 'POST', path: '/v1/auth/login', body: JSON.stringify(BENCH_LOGIN) }));
      const cacheFile = join(folder, 'synced.sqlite');
      const cache = openCache({ file: cacheFile });
      try {
        const clientId = randomUUID();
        const cpu = process.cpuUsage();
        const pgBefore = postgresCpuSeconds();
        const started = performance.now();
        const outcome = await pullIntoCache(cache.sqlite, { baseUrl, accessToken: login.accessToken, clientId });
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const pgAfter = postgresCpuSeconds();
        const syncRate = outcome.rows / seconds;
        report({ metric: 'initial_sync_rows', value: outcome.rows, unit: 'rows' });
        report({ metric: 'initial_sync_rows_per_s', value: syncRate, unit: 'rows/s' });
        report({ metric: 'initial_sync_node_cpu_per_row', value: (used.user + used.system) / outcome.rows, unit: 'µs' });
        if (pgBefore !== undefined && pgAfter !== undefined) report({ metric: 'initial_sync_postgres_cpu_per_row', value: ((pgAfter - pgBefore) * 1e6) / outcome.rows, unit: 'µs' });
        const raw = rawInsert(cache.sqlite, join(folder, 'raw.sqlite'));
        report({ metric: 'raw_sqlite_insert_rows_per_s', value: raw.rows / raw.seconds, unit: 'rows/s' });
        report({ metric: 'initial_sync_vs_raw_insert', value: syncRate / (raw.rows / raw.seconds), unit: 'ratio' });
        await next?.({ handle, baseUrl, cache, cacheFile, clientId });
      } finally {
        await cache.close();
      }
    } finally {
      await service.stop();
    }
  } finally {
    await handle.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

// Reads the synced rows back in chunks of one pull page and inserts each chunk into a fresh cache
// file in one transaction, timing only the inserts.
function rawInsert(source: BetterSqlite3.Database, file: string): { rows: number; seconds: number } {
  const target = openCache({ file }).sqlite;
  const chunkRows = 50_000;
  let rows = 0;
  let ms = 0;
  try {
    for (const table of syncTableNames) {
      const columns = Object.keys(syncRowSchemas[table].shape);
      const insert = target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const read = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw();
      let chunk: unknown[][] = [];
      const flush = (): void => {
        const t0 = performance.now();
        target.transaction(() => {
          for (const values of chunk) insert.run(values);
        })();
        ms += performance.now() - t0;
        rows += chunk.length;
        chunk = [];
      };
      for (const values of read.iterate() as IterableIterator<unknown[]>) {
        chunk.push(values);
        if (chunk.length === chunkRows) flush();
      }
      if (chunk.length > 0) flush();
    }
  } finally {
    target.close();
  }
  return { rows, seconds: ms / 1000 };
}
