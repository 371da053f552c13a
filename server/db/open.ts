import { mkdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataFolder } from './folder-lock';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/** Which engine serves the data; reported by `GET /v1/health`. */
export type DbKind = 'postgres' | 'pglite';

/** Where the database lives: a PostgreSQL server, or a PGlite data folder. */
export type DbConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/** An open database; `close()` ends the pool, or closes PGlite and releases its folder lock. */
export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** The embedded engine itself, for its in-process LISTEN; absent on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** The PGlite folder used when neither `DATABASE_URL` nor `PGLITE_DIR` is set. */
export const DEFAULT_PGLITE_DIR = '.data/pglite';

const PG_OID_INT8 = 20;
const PG_OID_DATE = 1082;

/** PostgreSQL when `DATABASE_URL` is set, else PGlite in `PGLITE_DIR` (relative to `baseDir`). */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv, baseDir: string): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const dir = env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR;
  return { kind: 'pglite', dir: isAbsolute(dir) ? dir : resolve(baseDir, dir) };
}

/**
 * Opens the database and checks it answers, so a wrong URL fails at startup, not at first use.
 * A PGlite folder is locked while open: a second open (here or in another process) is refused
 * with `DB_LOCKED` (see ./folder-lock).
 */
export async function openDatabase(config: DbConfig): Promise<DbHandle> {
  const { db, release, pglite } =
    config.kind === 'postgres' ? { db: openPostgres(config.url), release: nothingToRelease, pglite: undefined } : await openPglite(config.dir);
  async function close(): Promise<void> {
    try {
      await db.destroy();
    } finally {
      await release();
    }
  }
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
  } catch (error) {
    await close();
    const where = config.kind === 'postgres' ? redactUrl(config.url) : config.dir;
    throw new Error(`Cannot open the ${config.kind} database at ${where}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return { db, kind: config.kind, close, ...(pglite && { pglite }) };
}

async function nothingToRelease(): Promise<void> {}

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser: postgresTypeParser },
  });
  // An idle client losing its server emits 'error' on the pool; unhandled, it kills the process.
  // The pool drops that client and the next query reconnects, so a note on stderr is enough.
  pool.on('error', (error) => {
    process.stderr.write(`postgres pool: idle client error: ${error.message}\n`);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function openPglite(dir: string): Promise<{ db: Kysely<Database>; release: () => Promise<void>; pglite: PGlite }> {
  await mkdir(dir, { recursive: true });
  const lock = await lockDataFolder(dir);
  try {
    // Same value types as node-postgres below, so queries behave alike on both engines: int8 as
    // string (it may exceed 2^53), date as 'YYYY-MM-DD' (a Date would shift with the time zone).
    const pglite = await PGlite.create({
      dataDir: dir,
      parsers: { [PG_OID_INT8]: keepText, [PG_OID_DATE]: keepText },
    });
    return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), release: () => lock.release(), pglite };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function postgresTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === PG_OID_DATE) return keepText;
  // node-postgres already returns int8 as text; everything else keeps its defaults.
  // @types/pg types the binary overload as `any`; both overloads return a value parser.
  const getParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => (value: string) => unknown;
  return getParser(oid, format === 'binary' ? 'binary' : 'text');
}

function keepText(value: string): string {
  return value;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
