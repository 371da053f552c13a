import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { audit, bearerToken } from '../auth';
import type { Database } from '../db';
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
