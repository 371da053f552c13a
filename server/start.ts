import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildServer } from './app';
import { listenPglite, listenPostgres } from './sync/eventsFeeds';
import type { ChangeFeed } from './sync/events';
import { findRepoRoot, readPackageVersion } from './config';
import { dbConfigFromEnv, migrate, openDatabase, type Database, type DbConfig, type DbHandle, type DbKind } from './db';

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
}

/** A listening service. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  dbKind: DbKind;
  /** Stops accepting requests, waits for those in flight, then closes the database. */
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
  const handle = await openDatabase(dbConfig);
  let app: FastifyInstance | undefined;
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
    });
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  } catch (error) {
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
      closing ??= listening.close().finally(() => handle.close());
      return closing;
    },
  };
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
