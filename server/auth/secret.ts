import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db';

const META_KEY = 'auth_secret';
const MIN_SECRET_LENGTH = 32;

/**
 * The HMAC key for access tokens: `configured` (env AUTH_SECRET) when set, else a random key
 * generated once and kept in `service_meta`, so every instance on one database shares it.
 */
export async function loadSigningKey(db: Kysely<Database>, configured: string | undefined): Promise<Buffer> {
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`), ` +
          'or unset so the service keeps a generated one in its database.',
      );
    }
    return Buffer.from(configured, 'utf8');
  }
  // Instances may start at the same moment: the first insert wins and all read the winner.
  await db
    .insertInto('service_meta')
    .values({ key: META_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('service_meta').select('value').where('key', '=', META_KEY).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}
