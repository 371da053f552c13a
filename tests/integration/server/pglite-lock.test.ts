import { spawn, type ChildProcess } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../../../server/config';
import { DbLockedError, LOCK_FILE_NAME, openDatabase, type DbConfig, type DbHandle } from '../../../server/db';
import { useTestDatabases } from './backends';

const repoRoot = findRepoRoot();
const dbModule = pathToFileURL(join(repoRoot, 'server', 'db', 'index.ts')).href;

// Scripts for a second process, run by node itself (with tsx's loader) so that its pid is the
// one that opens the folder; each gets the folder in LOCK_TEST_DIR.
const PRELUDE = `import { openDatabase } from ${JSON.stringify(dbModule)};
const config = { kind: 'pglite', dir: process.env.LOCK_TEST_DIR };`;
const HOLD_UNTIL_STDIN_ENDS = `${PRELUDE}
const handle = await openDatabase(config);
process.stdout.write('holding\\n');
process.stdin.on('end', () => handle.close().then(() => process.exit(0)));
process.stdin.resume();`;
const TRY_TO_OPEN = `${PRELUDE}
try {
  await (await openDatabase(config)).close();
  process.exit(0);
} catch (error) {
  process.stderr.write(\`\${error.code}: \${error.message}\`);
  process.exit(3);
}`;
const OPEN_AND_EXIT_WITHOUT_CLOSING = `${PRELUDE}
await openDatabase(config);
process.exit(0);`;

interface Child {
  process: ChildProcess;
  stderr(): string;
  /** Resolves once the child has printed `line` on stdout. */
  printed(line: string): Promise<void>;
  exited: Promise<number | null>;
}

function runChild(script: string, dir: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, LOCK_TEST_DIR: dir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  async function printed(line: string): Promise<void> {
    while (!stdout.split('\n').includes(line)) {
      if (child.exitCode !== null) throw new Error(`child exited (${child.exitCode}) before printing "${line}": ${stderr}`);
      await Promise.race([new Promise<void>((wake) => waiters.push(wake)), exited]);
    }
  }
  return { process: child, stderr: () => stderr, printed, exited };
}

async function answers(handle: DbHandle): Promise<number | undefined> {
  const result = await sql<{ ok: number }>`select 1 as ok`.execute(handle.db);
  return result.rows[0]?.ok;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

// A pid that belonged to a process a moment ago and belongs to none now.
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('PGlite data folder lock', () => {
  const databases = useTestDatabases('pglite');
  const open: DbHandle[] = [];
  const children: Child[] = [];

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.exited;
    }
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });

  // One folder for all tests (creating one runs initdb, which is slow); every test leaves it
  // closed and unlocked, which afterEach and the first assertion of each test make sure of.
  async function folder(): Promise<{ config: DbConfig; dir: string; lockFile: string }> {
    const config = databases.config();
    if (config.kind !== 'pglite') throw new Error('expected a PGlite folder');
    const lockFile = join(config.dir, LOCK_FILE_NAME);
    expect(await exists(lockFile)).toBe(false);
    return { config, dir: config.dir, lockFile };
  }

  async function openDb(config: DbConfig): Promise<DbHandle> {
    const handle = await openDatabase(config);
    open.push(handle);
    return handle;
  }

  async function openFailure(config: DbConfig): Promise<unknown> {
    return openDatabase(config).then(
      async (handle) => {
        await handle.close();
        return undefined;
      },
      (error: unknown) => error,
    );
  }

  function startChild(script: string, dir: string): Child {
    const child = runChild(script, dir);
    children.push(child);
    return child;
  }

  it('holds the lock file with its pid while open', async () => {
    const { config, lockFile } = await folder();
    await openDb(config);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('refuses a second open of the same folder in this process, and the first keeps working', async () => {
    const { config } = await folder();
    const first = await openDb(config);
    const failure = await openFailure(config);
    expect(failure).toBeInstanceOf(DbLockedError);
    expect(failure).toMatchObject({ code: 'DB_LOCKED' });
    expect(String(failure)).toContain(`this process (${process.pid})`);
    expect(await answers(first)).toBe(1);
  });

  it('opens again after close, which removes the lock file', async () => {
    const { config, lockFile } = await folder();
    await (await openDatabase(config)).close();
    expect(await exists(lockFile)).toBe(false);
    const again = await openDb(config);
    expect(await answers(again)).toBe(1);
  });

  it('refuses while another process holds the folder, naming it, and opens once it has closed', async () => {
    const { config, dir } = await folder();
    const holder = startChild(HOLD_UNTIL_STDIN_ENDS, dir);
    await holder.printed('holding');
    const failure = await openFailure(config);
    expect(failure).toMatchObject({ code: 'DB_LOCKED' });
    expect(String(failure)).toContain(`in use by process ${holder.process.pid}`);

    holder.process.stdin?.end();
    expect(await holder.exited).toBe(0);
    await openDb(config);
  });

  it('refuses another process while this one holds the folder', async () => {
    const { config, dir } = await folder();
    await openDb(config);
    const other = startChild(TRY_TO_OPEN, dir);
    expect(await other.exited).toBe(3);
    expect(other.stderr()).toMatch(new RegExp(`^DB_LOCKED: .*in use by process ${process.pid}\\b`));
  });

  it('takes over the lock of a holder that was killed', async () => {
    const { config, dir, lockFile } = await folder();
    const holder = startChild(HOLD_UNTIL_STDIN_ENDS, dir);
    await holder.printed('holding');
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(await readFile(lockFile, 'utf8')).toBe(`${holder.process.pid}\n`);

    const handle = await openDb(config);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
    expect(await answers(handle)).toBe(1);
  });

  it('takes over a stale lock file whose pid is dead', async () => {
    const { config, lockFile } = await folder();
    await writeFile(lockFile, `${await deadPid()}\n`);
    await openDb(config);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('takes over a lock file left empty (its process died while creating it)', async () => {
    const { config, lockFile } = await folder();
    await writeFile(lockFile, '');
    await openDb(config);
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('removes its lock when the process exits without closing', async () => {
    const { dir, lockFile } = await folder();
    const child = startChild(OPEN_AND_EXIT_WITHOUT_CLOSING, dir);
    expect(await child.exited).toBe(0);
    expect(await exists(lockFile)).toBe(false);
  });
});
