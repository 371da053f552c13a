import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit, bearerToken } from '../auth';
import { openDatabase, type Database, type DbConfig, type DbHandle } from '../db';
import { HttpError } from '../errors';
import type { ShopDeps } from './options';

/** The two systems around the staff that call this service, each with its own key. */
export type Side = 'shop' | 'warehouse';

/** Where each side's generated key is kept (service_meta), so local tools can read it. */
export const SIDE_KEY_META: Readonly<Record<Side, string>> = { shop: 'shop_api_key', warehouse: 'warehouse_api_key' };

/** The environment variable that configures each side's key. */
export const SIDE_KEY_ENV: Readonly<Record<Side, string>> = { shop: 'SHOP_API_KEY', warehouse: 'WAREHOUSE_API_KEY' };

/** A configured key shorter than this is refused: it could be guessed. */
export const MIN_SIDE_KEY_LENGTH = 24;

/** `configured` when it is a usable key, undefined when unset or empty; throws when too short. */
export function checkConfiguredKey(side: Side, configured: string | undefined): string | undefined {
  if (configured === undefined || configured === '') return undefined;
  if (configured.length < MIN_SIDE_KEY_LENGTH) {
    throw new Error(
      `${SIDE_KEY_ENV[side]} must be at least ${MIN_SIDE_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`), ` +
        'or unset so the service keeps a generated one in its database.',
    );
  }
  return configured;
}

/**
 * The bearer key of `side`: `configured` when set, else a random key generated once and kept in
 * service_meta, so every instance on one database, and the simulator, use the same one.
 */
export async function loadSideKey(db: Kysely<Database>, side: Side, configured?: string): Promise<string> {
  if (configured !== undefined) return configured;
  // Instances may start at the same moment: the first insert wins and all read the winner.
  await db
    .insertInto('service_meta')
    .values({ key: SIDE_KEY_META[side], value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('service_meta').select('value').where('key', '=', SIDE_KEY_META[side]).executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Guards every `/v1/<side>/…` path (known or not) with the side's key. One app-wide hook, as for
 * staff auth: a route added later cannot forget it, and the refusal comes before any body is read.
 */
export function installSideAuth(app: FastifyInstance, side: Side, deps: ShopDeps): void {
  const prefix = `/v1/${side}`;
  app.addHook('onRequest', async function guardSide(request) {
    const path = request.url.split('?')[0] ?? request.url;
    if (path === prefix || path.startsWith(`${prefix}/`)) await requireSideKey(deps, side, request);
  });
}

async function requireSideKey(deps: ShopDeps, side: Side, request: FastifyRequest): Promise<void> {
  const presented = bearerToken(request);
  if (presented !== undefined && sameKey(presented, await deps.key(side))) return;
  await audit(deps.db, {
    actorKind: 'anonymous',
    action: 'auth.refused',
    outcome: 'refused',
    detail: { side, reason: presented === undefined ? 'missing_key' : 'wrong_key', method: request.method, path: request.url.split('?')[0], ip: request.ip },
    at: deps.now(),
  });
  throw new HttpError(
    401,
    'UNAUTHENTICATED',
    `This endpoint needs the ${side} key: send Authorization: Bearer <key> (env ${SIDE_KEY_ENV[side]}, or service_meta '${SIDE_KEY_META[side]}').`,
  );
}

// Hash both sides first: equal lengths for timingSafeEqual, and the time taken says nothing
// about how much of the key matched.
function sameKey(presented: string, key: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(key));
}

/** Both sides' keys. */
export type SideKeys = Record<Side, string>;

/**
 * The file in a PGlite data folder where the service leaves the keys it runs with, for local tools
 * (`npm run simulate`) that cannot open the folder while the service holds it.
 */
export const SERVICE_KEYS_FILE_NAME = 'service-keys.json';

/** Where the service on PGlite folder `pgliteDir` writes its keys. */
export function serviceKeysFilePath(pgliteDir: string): string {
  return join(pgliteDir, SERVICE_KEYS_FILE_NAME);
}

// Extra fields (pid, writtenAt) are for people reading the file; only the keys are needed.
const serviceKeysFileSchema = z.object({
  shop: z.string().min(MIN_SIDE_KEY_LENGTH),
  warehouse: z.string().min(MIN_SIDE_KEY_LENGTH),
});

/**
 * Writes `keys` to {@link serviceKeysFilePath}: readable by this user only (0600), and atomically
 * (a temporary file renamed over the old one), so a reader never sees half a file. The keys are
 * already in the folder's database (service_meta) or the service's environment: the file makes
 * them reachable while PGlite is locked, it does not make them readable by anyone new.
 */
export async function writeServiceKeysFile(pgliteDir: string, keys: SideKeys): Promise<string> {
  const path = serviceKeysFilePath(pgliteDir);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const content = `${JSON.stringify({ shop: keys.shop, warehouse: keys.warehouse, pid: process.pid, writtenAt: new Date().toISOString() }, null, 2)}\n`;
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      // The umask may only narrow the mode; chmod makes it exactly 0600 (and no wider).
      await file.chmod(0o600);
      await file.writeFile(content, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return path;
}

/**
 * The keys in the file the service on `pgliteDir` wrote, or undefined when there is none.
 * Throws a message naming the file when it is there but unreadable or not a keys file.
 */
export async function readServiceKeysFile(pgliteDir: string): Promise<SideKeys | undefined> {
  const path = serviceKeysFilePath(pgliteDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${path}: ${errorMessage(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
  const keys = serviceKeysFileSchema.safeParse(parsed);
  if (!keys.success) throw new Error(`${path} does not hold a shop and a warehouse key of at least ${MIN_SIDE_KEY_LENGTH} characters.`);
  return { shop: keys.data.shop, warehouse: keys.data.warehouse };
}

/** No way to learn the keys worked; the message says what to do. */
export class SideKeysUnavailableError extends Error {
  readonly code = 'KEYS_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SideKeysUnavailableError';
  }
}

/** Where {@link resolveSideKeys} found the keys (the environment wins per side). */
export type SideKeysSource = 'environment' | 'key file' | 'database';

/**
 * The keys a local tool should use to reach the service configured by `config`, as the service
 * has them: `SHOP_API_KEY`/`WAREHOUSE_API_KEY` from `env` where set; else, on PGlite, the file
 * the running service wrote into its folder ({@link SERVICE_KEYS_FILE_NAME}); else read from the
 * database (created there if the service has not needed them yet, exactly as it would). Throws
 * {@link SideKeysUnavailableError} with what to do when none of these works.
 */
export async function resolveSideKeys(env: NodeJS.ProcessEnv, config: DbConfig): Promise<{ keys: SideKeys; source: SideKeysSource }> {
  const fromEnv: Partial<SideKeys> = {};
  for (const side of ['shop', 'warehouse'] as const) {
    const value = env[SIDE_KEY_ENV[side]]?.trim();
    if (value) fromEnv[side] = value;
  }
  if (fromEnv.shop !== undefined && fromEnv.warehouse !== undefined) return { keys: { shop: fromEnv.shop, warehouse: fromEnv.warehouse }, source: 'environment' };

  let fileProblem: string | undefined;
  if (config.kind === 'pglite') {
    try {
      const file = await readServiceKeysFile(config.dir);
      if (file !== undefined) return { keys: { ...file, ...fromEnv }, source: 'key file' };
    } catch (error) {
      fileProblem = errorMessage(error);
    }
    // Opening a folder that is not there would create an empty database in it: say so instead.
    if (!(await isDirectory(config.dir))) {
      throw new SideKeysUnavailableError(
        `There is no service database at ${config.dir}. Start the service first (npm run server, or npm start) and ` +
          `point PGLITE_DIR at the same folder, or set ${SIDE_KEY_ENV.shop} and ${SIDE_KEY_ENV.warehouse} to the service's keys.`,
      );
    }
  }

  let handle: DbHandle;
  try {
    handle = await openDatabase(config);
  } catch (error) {
    throw new SideKeysUnavailableError(cannotOpenMessage(config, error, fileProblem), { cause: error });
  }
  try {
    return {
      keys: { shop: fromEnv.shop ?? (await loadSideKey(handle.db, 'shop')), warehouse: fromEnv.warehouse ?? (await loadSideKey(handle.db, 'warehouse')) },
      source: 'database',
    };
  } catch (error) {
    throw new SideKeysUnavailableError(
      `Cannot read the keys from the service's database (${errorMessage(error)}). Start the service once on it so it ` +
        `sets the database up (npm run server), or set ${SIDE_KEY_ENV.shop} and ${SIDE_KEY_ENV.warehouse}.`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
}

function cannotOpenMessage(config: DbConfig, error: unknown, fileProblem: string | undefined): string {
  const setKeys = `set ${SIDE_KEY_ENV.shop} and ${SIDE_KEY_ENV.warehouse} to the keys the service runs with`;
  if (config.kind === 'pglite' && errnoCode(error) === 'DB_LOCKED') {
    const file = serviceKeysFilePath(config.dir);
    const why = fileProblem ?? `${file} is missing (the service writes it when it starts)`;
    return (
      `A running service holds the PGlite folder ${config.dir}, so the keys cannot be read from its database, and ${why}. ` +
      `Restart the service so it writes the file again, or ${setKeys}.`
    );
  }
  const where = config.kind === 'pglite' ? `the PGlite folder ${config.dir}` : 'DATABASE_URL';
  return `Cannot open the service's database (${where}) to read the keys: ${errorMessage(error)}. Check that it is reachable, or ${setKeys}.`;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
