import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildServer } from './app';
import { businessConfig } from './businessSettings';
import { enableDemoLogins } from './auth';
import { listenPglite, listenPostgres } from './sync/eventsFeeds';
import type { ChangeFeed } from './sync/events';
import { findRepoRoot, readPackageVersion } from './config';
import { dbConfigFromEnv, migrate, openDatabase, type Database, type DbConfig, type DbHandle, type DbKind } from './db';
import { startServiceJobs, type JobsOptions, type Scheduler } from './jobs';
import { checkConfiguredKey, loadSideKey, serviceKeysFilePath, SIDE_KEY_ENV, writeServiceKeysFile, type Side, type SideKeys } from './shop/keys';
import type { ShopOptions } from './shop/options';

/** How to run the service; everything has a default, see {@link serverOptionsFromEnv}. */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default: PGlite in `.data/pglite` under the repo root. */
  db?: DbConfig;
  /** pino level for the request logger (stderr). Default 'error'. */
  logLevel?: string;
  /** Reported by /v1/health. Default: package.json's version. */
  version?: string;
  /** Runs after the migrations and before listening, on the service's own handle (e.g. demo seeding). */
  prepare?: (db: Kysely<Database>, kind: DbKind) => Promise<void>;
  /** The shop's and warehouse's keys; default env SHOP_API_KEY / WAREHOUSE_API_KEY, else kept in the database. */
  sideKeys?: Partial<SideKeys>;
  /** Background jobs (tombstone pruning, quote expiry, see server/jobs); `false` runs none (tests). */
  jobs?: JobsOptions | false;
  /** Offer the seed's demo logins on the login screen (`GET /v1/auth/demo-logins`); only the embedded demo. Default off. */
  demoLogins?: boolean;
}

/** A listening service. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  dbKind: DbKind;
  /** Stops the background jobs and accepting requests, waits for both in flight, then closes the database. */
  close(): Promise<void>;
}

/** The default port of the staff service. */
export const DEFAULT_PORT = 8787;
/** The default interface: loopback only, so a developer machine does not expose it. */
export const DEFAULT_HOST = '127.0.0.1';

/** Reads PORT, HOST, DATABASE_URL, PGLITE_DIR and LOG_LEVEL (as `npm run server` does). */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv): StartServerOptions {
  const options: StartServerOptions = { db: dbConfigFromEnv(env, findRepoRoot()) };
  const port = env.PORT?.trim();
  if (port) {
    if (!/^\d+$/.test(port) || Number(port) > 65_535) {
      throw new Error(`PORT must be a number from 0 to 65535 (0 = any free port), not "${port}"`);
    }
    options.port = Number(port);
  }
  if (env.HOST?.trim()) options.host = env.HOST.trim();
  if (env.LOG_LEVEL?.trim()) options.logLevel = env.LOG_LEVEL.trim();
  return options;
}

/** Opens and migrates the database, then listens; the same steps as `npm run server`. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const repoRoot = findRepoRoot();
  const dbConfig = options.db ?? dbConfigFromEnv({}, repoRoot);
  const host = options.host ?? DEFAULT_HOST;
  // A configured key that is too short stops the start before anything is opened.
  const configuredKeys: Record<Side, string | undefined> = {
    shop: checkConfiguredKey('shop', options.sideKeys?.shop ?? process.env[SIDE_KEY_ENV.shop]),
    warehouse: checkConfiguredKey('warehouse', options.sideKeys?.warehouse ?? process.env[SIDE_KEY_ENV.warehouse]),
  };
  // So do invalid business settings (TIER_THRESHOLDS, MIGRATION_PLAN_*): checked again when built.
  businessConfig();
  const handle = await openDatabase(dbConfig);
  let app: FastifyInstance | undefined;
  let jobs: Scheduler | undefined;
  try {
    await migrate(handle.db);
    await options.prepare?.(handle.db, handle.kind);
    app = buildServer({
      // Pokes from the database's own change notifications rather than polling.
      events: { feed: changeFeedFor(handle, dbConfig) },
      db: handle.db,
      dbKind: handle.kind,
      version: options.version ?? readPackageVersion(repoRoot),
      ...(options.logLevel !== undefined && { logLevel: options.logLevel }),
      shop: await sideKeysFor(handle, dbConfig, configuredKeys),
    });
    if (options.demoLogins === true) enableDemoLogins(app);
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
    if (options.jobs !== false) jobs = startServiceJobs(handle.db, options.jobs);
  } catch (error) {
    await jobs?.close();
    await app?.close();
    await handle.close();
    throw error;
  }
  const listening = app;
  const address = listening.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    dbKind: handle.kind,
    close() {
      // A job's run in flight and the requests in flight both finish before the database closes.
      closing ??= Promise.allSettled([jobs?.close(), listening.close()])
        .then(async (results) => {
          const failed = results.find((result) => result.status === 'rejected');
          if (failed !== undefined) throw failed.reason;
        })
        .finally(() => handle.close());
      return closing;
    },
  };
}

/**
 * The keys the shop and warehouse routes check. On PostgreSQL the configured ones (the routes load
 * a generated one from the database on first use). On PGlite the effective keys are settled now
 * and written to the folder's key file, because a running service locks the folder and local
 * tools (`npm run simulate`) could not read them from the database (server/shop/keys.ts).
 */
async function sideKeysFor(handle: DbHandle, config: DbConfig, configured: Record<Side, string | undefined>): Promise<ShopOptions> {
  // '' (not undefined) so the routes do not fall back to the environment a second time.
  if (config.kind !== 'pglite') return { shopKey: configured.shop ?? '', warehouseKey: configured.warehouse ?? '' };
  const keys: SideKeys = {
    shop: await loadSideKey(handle.db, 'shop', configured.shop),
    warehouse: await loadSideKey(handle.db, 'warehouse', configured.warehouse),
  };
  try {
    await writeServiceKeysFile(config.dir, keys);
  } catch (error) {
    // A convenience for local tools; the service itself works without it. An older file could
    // hold other keys (an earlier start with configured ones): better none than a wrong one.
    await rm(serviceKeysFilePath(config.dir), { force: true }).catch(() => undefined);
    process.stderr.write(`server: could not write the key file in ${config.dir}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return { shopKey: keys.shop, warehouseKey: keys.warehouse };
}

// A wildcard address is not somewhere a client can connect to; loopback always works.
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** LISTEN on PostgreSQL (one dedicated connection), PGlite's in-process listen otherwise. */
function changeFeedFor(handle: DbHandle, config: DbConfig): ChangeFeed | undefined {
  if (config.kind === 'postgres') return listenPostgres(config.url);
  return handle.pglite ? listenPglite(handle.pglite, handle.db) : undefined;
}
