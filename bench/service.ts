import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The service as a process of its own, as it runs beside the app for real: its work does not
// share the benchmark's event loop (the client core's).

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The service (bench/serviceMain.ts) on `databaseUrl`, on a free port; resolves once it says it listens. */
export async function startService(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bench/serviceMain.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /server listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`The service exited (${code}) before it listened.`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}
