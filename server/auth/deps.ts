import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { loadSigningKey } from './secret';

/** How auth may be configured; everything has a default. */
export interface AuthOptions {
  /** The token signing secret; default env AUTH_SECRET, else one kept in the database. */
  secret?: string;
  /** The clock; tests inject one to reach expiry without waiting. */
  now?: () => Date;
}

/** What the auth routes and {@link requireStaff} need. */
export interface AuthDeps {
  db: Kysely<Database>;
  now(): Date;
  /** The HMAC key for access tokens, loaded on first use. */
  signingKey(): Promise<Buffer>;
}

/** Auth dependencies over `db`, with `options` or their defaults. */
export function createAuthDeps(db: Kysely<Database>, options: AuthOptions = {}): AuthDeps {
  const secret = options.secret ?? process.env.AUTH_SECRET;
  let key: Promise<Buffer> | undefined;
  return {
    db,
    now: options.now ?? (() => new Date()),
    signingKey() {
      // Loaded lazily so buildServer stays synchronous; a failed load is retried next time.
      key ??= loadSigningKey(db, secret).catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return key;
    },
  };
}
