import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum, which isolated modules cannot read as a value; the
// type still checks that 2 is Algorithm.Argon2id (and the tests check the hashes say argon2id).
const ARGON2ID: Algorithm.Argon2id = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per login here,
// and far too slow for offline guessing from a leaked staff table.
const HASH_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** An argon2id hash (PHC string) of `password`, for `staff.password_hash`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/** True when `password` matches the stored argon2 `passwordHash`. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as {@link verifyPassword} and always fails; used for unknown usernames,
 * so the response time does not tell which usernames exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), HASH_OPTIONS);
  await verify(await dummyHash, password);
  return false;
}
