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
const PG_OID_TIMESTAMPTZ = 1184;
const PG_OID_TEXT_ARRAY = 1009;
const PG_OID_DATE_ARRAY = 1182;
const PG_OID_TIMESTAMPTZ_ARRAY = 1185;

/**
 * How both engines hand over values, by type oid, so that queries behave alike on either: int8
 * as its text (it may exceed 2^53), date as its text `YYYY-MM-DD` (a Date would shift with the
 * time zone), timestamptz as the ISO UTC string the row types and the wire use (see
 * {@link timestamptzToIso}). Arrays of these follow their elements.
 */
const VALUE_PARSERS = {
  [PG_OID_INT8]: keepText,
  [PG_OID_DATE]: keepText,
  [PG_OID_TIMESTAMPTZ]: timestamptzToIso,
} as const satisfies Record<number, (text: string) => string>;

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
    // PGlite parses arrays with the parser of their element type, so these cover arrays too.
    const pglite = await PGlite.create({ dataDir: dir, parsers: VALUE_PARSERS });
    return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), release: () => lock.release(), pglite };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

// Per pool, not pg.types.setTypeParser: that would change the parsers of every pg user in the
// process. node-postgres already returns int8 as text; other types keep pg's defaults, and so
// does the binary format, which this service never asks for.
function postgresTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (format === 'binary') return defaultPostgresParser(oid, 'binary');
  return POSTGRES_TEXT_PARSERS.get(oid) ?? defaultPostgresParser(oid, 'text');
}

const POSTGRES_TEXT_PARSERS: ReadonlyMap<number, (value: string) => unknown> = new Map<number, (value: string) => unknown>([
  [PG_OID_DATE, VALUE_PARSERS[PG_OID_DATE]],
  [PG_OID_TIMESTAMPTZ, VALUE_PARSERS[PG_OID_TIMESTAMPTZ]],
  [PG_OID_DATE_ARRAY, arrayOf(VALUE_PARSERS[PG_OID_DATE])],
  [PG_OID_TIMESTAMPTZ_ARRAY, arrayOf(VALUE_PARSERS[PG_OID_TIMESTAMPTZ])],
]);

function defaultPostgresParser(oid: number, format: 'text' | 'binary'): (value: string) => unknown {
  // @types/pg types the binary overload as `any`; both overloads return a value parser.
  const getParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => (value: string) => unknown;
  return getParser(oid, format);
}

type Nested = string | null | Nested[];

// pg's text[] parser splits an array literal (quoting, NULL, nesting) into strings; each element
// then goes through the element type's parser.
function arrayOf(parseElement: (text: string) => string): (value: string) => Nested {
  const parseTextArray = defaultPostgresParser(PG_OID_TEXT_ARRAY, 'text');
  const map = (item: Nested): Nested => (item === null ? null : Array.isArray(item) ? item.map(map) : parseElement(item));
  return (value) => map(parseTextArray(value) as Nested);
}

// A timestamptz as PostgreSQL writes it in DateStyle ISO (the default of both engines, which
// node-postgres's own parser assumes too), in the session's TimeZone:
// `2026-11-21 10:30:00.123456+01`; the offset may be `+05:30`, or carry seconds in the distant
// past (`-00:44:30`); years before 1 end in ` BC`, years after 9999 have more digits.
const TIMESTAMPTZ_TEXT =
  /^(?<year>\d{4,})-(?<month>\d\d)-(?<day>\d\d) (?<hour>\d\d):(?<minute>\d\d):(?<second>\d\d)(?:\.(?<fraction>\d{1,6}))?(?<sign>[+-])(?<offsetHours>\d\d)(?::(?<offsetMinutes>\d\d))?(?::(?<offsetSeconds>\d\d))?(?<bc> BC)?$/;

/**
 * A timestamptz's text as `Date.prototype.toISOString()` writes that instant
 * (`2026-11-21T09:30:00.000Z`), whatever the session's TimeZone. Microseconds are truncated to
 * milliseconds (JavaScript's precision): `…00.123999` reads as `…00.123Z`, never rounded up
 * into the next millisecond, so a read value is never later than the stored one. `infinity` and
 * `-infinity` are kept as they are; the service never stores them.
 */
function timestamptzToIso(text: string): string {
  if (text === 'infinity' || text === '-infinity') return text;
  const parts = TIMESTAMPTZ_TEXT.exec(text)?.groups;
  if (parts === undefined) throw new Error(`Unexpected timestamptz text "${text}": the session's DateStyle must be ISO`);
  const part = (name: string): number => Number(parts[name] ?? 0);
  const millis = Number((parts.fraction ?? '').padEnd(3, '0').slice(0, 3));
  const offsetSeconds = (parts.sign === '-' ? -1 : 1) * (part('offsetHours') * 3600 + part('offsetMinutes') * 60 + part('offsetSeconds'));
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999. 1 BC is year 0.
  local.setUTCFullYear(parts.bc === undefined ? part('year') : 1 - part('year'), part('month') - 1, part('day'));
  local.setUTCHours(part('hour'), part('minute'), part('second'), millis);
  const instant = new Date(local.getTime() - offsetSeconds * 1000);
  if (Number.isNaN(instant.getTime())) throw new Error(`The timestamptz "${text}" is beyond the range of a JavaScript Date`);
  return instant.toISOString();
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
