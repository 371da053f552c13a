import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where the auth session keeps its one secret (the rotating refresh token) between starts.
 * `canPersist` false: nothing survives the app quitting (no safe place on this machine), so
 * `read()` finds nothing after a restart and the staff member logs in again.
 */
export interface SecretStore {
  readonly canPersist: boolean;
  /** The stored secret, or null when there is none (or it cannot be read back). */
  read(): Promise<string | null>;
  /** Replaces the stored secret. */
  write(secret: string): Promise<void>;
  /** Forgets the secret; nothing to forget is fine. */
  clear(): Promise<void>;
}

/**
 * Writes `data` to `file` so a reader sees the old or the new content, never a torn one: a
 * fresh temporary file (created with `mode`, so it is never readable by others, not even
 * briefly) renamed over the target. Creates the folder if need be.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never reuse a file someone else created, whatever its mode.
    await writeFile(temp, data, { mode, flag: 'wx' });
    // The umask may have cleared bits of `mode`, never added any; chmod makes it exact.
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The file's bytes, or null when it does not exist. */
export async function readFileIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** True for ENOENT. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * The secret in a plain file readable only by its owner (0600), written atomically. For the
 * browser host and the tests; the Electron app encrypts with the OS keychain instead
 * (electron/main/secretStore.ts).
 */
export class FileSecretStore implements SecretStore {
  readonly canPersist = true;
  constructor(readonly file: string) {}

  async read(): Promise<string | null> {
    const data = await readFileIfExists(this.file);
    const text = data?.toString('utf8').trim() ?? '';
    return text === '' ? null : text;
  }

  write(secret: string): Promise<void> {
    return writeFileAtomic(this.file, secret);
  }

  clear(): Promise<void> {
    return rm(this.file, { force: true });
  }
}

/** The secret in memory only: it lasts as long as this object (i.e. until the app quits). */
export class MemorySecretStore implements SecretStore {
  readonly canPersist = false;
  private secret: string | null = null;

  async read(): Promise<string | null> {
    return this.secret;
  }

  async write(secret: string): Promise<void> {
    this.secret = secret;
  }

  async clear(): Promise<void> {
    this.secret = null;
  }
}
