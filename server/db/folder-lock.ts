import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// PGlite is a single-user PostgreSQL with no lock of its own on its data folder: two processes
// (two services, a service and a script) opening one folder both succeed, and each overwrites
// the other's writes. So the folder gets a lock file holding the owner's pid.

/** The lock file's name inside a PGlite data folder. */
export const LOCK_FILE_NAME = '.lysdesk.lock';

/** The PGlite data folder is already open, in another process or in this one. */
export class DbLockedError extends Error {
  readonly code = 'DB_LOCKED';

  constructor(dir: string, lockFile: string, pid: number) {
    const who = pid === process.pid ? `this process (${pid}), which already has it open` : `process ${pid}`;
    super(
      `The PGlite data folder ${dir} is in use by ${who}. PGlite cannot share a folder: a second ` +
        `service on it would lose writes. Stop the other process, or set PGLITE_DIR to another ` +
        `folder. If process ${pid} is not a lysdesk service (its pid was reused), delete ${lockFile}.`,
    );
    this.name = 'DbLockedError';
  }
}

/** A held folder lock; `release()` removes the lock file (only if it is still ours). */
export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

// A lock file with no pid yet is normally being written this instant; one that stays empty is
// left over from a process that died between creating and writing it.
const EMPTY_LOCK_GRACE_MS = 200;
const EMPTY_LOCK_POLL_MS = 25;
const MAX_ATTEMPTS = 5;

const OWN_CONTENT = `${process.pid}\n`;

// Locks this process holds, for the best-effort release when it exits without closing.
const held = new Set<string>();
let exitHookInstalled = false;

/**
 * Takes the lock on PGlite data folder `dir`: creates `dir/.lysdesk.lock` with this process's
 * pid. Refuses with {@link DbLockedError} while a living process holds it; takes over the lock
 * of a process that has died.
 */
export async function lockDataFolder(dir: string): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE_NAME);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    if (await tryCreate(path)) return holdLock(path);
    const content = await readSettledLock(path);
    if (content === undefined) continue; // removed meanwhile: try again
    const pid = parsePid(content);
    if (pid !== undefined && isAlive(pid)) throw new DbLockedError(dir, path, pid);
    await removeStaleLock(path, content);
  }
  throw new Error(`Could not take the lock ${path}: other processes keep taking it. Try again.`);
}

async function tryCreate(path: string): Promise<boolean> {
  let file: FileHandle;
  try {
    file = await open(path, 'wx');
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await file.writeFile(OWN_CONTENT);
  } catch (error) {
    await file.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await file.close();
  return true;
}

// The lock file's content, waiting briefly while it is empty (being written); undefined when
// the file has gone.
async function readSettledLock(path: string): Promise<string | undefined> {
  for (let waited = 0; ; waited += EMPTY_LOCK_POLL_MS) {
    let content: string;
    try {
      content = await readFile(path, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    if (content.trim() !== '' || waited >= EMPTY_LOCK_GRACE_MS) return content;
    await sleep(EMPTY_LOCK_POLL_MS);
  }
}

// Removes a dead process's lock, unless it changed since it was judged stale (another process
// took it over first). A rival doing the same between this read and the unlink could still have
// its fresh lock removed; both then race on `wx` again, and that window is two system calls wide.
async function removeStaleLock(path: string, staleContent: string): Promise<void> {
  let current: string;
  try {
    current = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  if (current !== staleContent) return;
  await unlink(path).catch((error: unknown) => {
    if (errnoCode(error) !== 'ENOENT') throw error;
  });
}

function holdLock(path: string): FolderLock {
  held.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', releaseAllSync);
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      held.delete(path);
      const content = await readFile(path, 'utf8').catch(() => undefined);
      if (content === OWN_CONTENT) await unlink(path).catch(() => undefined);
    },
  };
}

// On exit only synchronous work runs; a lock left behind anyway (SIGKILL, power loss) holds a
// dead pid and is taken over by the next open.
function releaseAllSync(): void {
  for (const path of held) {
    try {
      if (readFileSync(path, 'utf8') === OWN_CONTENT) unlinkSync(path);
    } catch {
      // Best effort: the folder may be gone already.
    }
  }
  held.clear();
}

function parsePid(content: string): number | undefined {
  const text = content.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const pid = Number(text);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; only ESRCH means there is no such process.
    return errnoCode(error) !== 'ESRCH';
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
