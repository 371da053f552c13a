import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { healthResponseSchema } from '../../../electron/shared/protocol/health';
import { findRepoRoot } from '../../../server/config';
import { migrate, openDatabase } from '../../../server/db';
import { BACKENDS, dbEnv, useTestDatabases } from './backends';

const repoRoot = findRepoRoot();
const READY_LINE = /^server listening on (http:\/\/127\.0\.0\.1:(\d+)) \(db: (pglite|postgres)\)$/;

interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// `npm run server` is `tsx server/main.ts`; run the same thing without npm in between, so the
// signal reaches tsx directly.
function startMain(env: Record<string, string>): Started {
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const firstLine = stdout.split('\n')[0];
      if (stdout.includes('\n') && firstLine !== undefined) resolve(firstLine);
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before it was ready:\n${stderr}`)));
  });
  // Tests that expect an early exit never await `ready`; its rejection is not an error there.
  ready.catch(() => undefined);
  return { child, stdout: () => stdout, stderr: () => stderr, ready, exited };
}

describe.each(BACKENDS)('npm run server (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let running: Started | undefined;

  afterEach(async () => {
    if (running?.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    running = undefined;
  });

  it('prints the ready line, answers health, and exits cleanly on SIGTERM', async () => {
    running = startMain({ PORT: '0', ...dbEnv(databases.config()) });
    const line = await running.ready;
    const match = READY_LINE.exec(line);
    expect(match, `unexpected ready line: ${line}`).not.toBeNull();
    const [, url, port, dbKind] = match ?? [];
    expect(Number(port)).toBeGreaterThan(0);
    expect(dbKind).toBe(kind);

    const response = await fetch(`${url}/v1/health`);
    expect(response.status).toBe(200);
    expect(healthResponseSchema.parse(await response.json()).db).toBe(kind);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stdout()).toBe(`${line}\n`);
    expect(running.stderr()).toBe('');
  });

  it('exits with SCHEMA_TOO_NEW when the database is newer than the code', async () => {
    const config = await databases.fresh();
    const handle = await openDatabase(config);
    try {
      await migrate(handle.db);
      await handle.db.insertInto('schema_migrations').values({ version: 9999, name: 'future' }).execute();
    } finally {
      await handle.close();
    }
    running = startMain({ PORT: '0', ...dbEnv(config) });
    expect(await running.exited).toEqual({ code: 1, signal: null });
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toMatch(/SCHEMA_TOO_NEW.*Upgrade the service/s);
  });
});
