// `npm start`: the shop backend on the embedded database, then the app. With Electron's binary
// the desktop app opens; without it (as on machines that cannot download it) the same renderer
// and core are served to a browser and the address is printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startBrowserApp, stopOnSignals } from '../electron/host/app';
import { healthResponseSchema } from '../electron/shared/protocol/health';
import type { Kysely } from 'kysely';
import type { Database, DbKind } from '../server/db';
import { formatLogins, seedIfEmpty } from '../server/seed';
import { DEFAULT_PORT, serverOptionsFromEnv, startServer } from '../server/start';

const require = createRequire(import.meta.url);

/** The Electron executable when its binary was installed, else null. */
function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds when the output is missing or older than the sources, so a first start just works. */
function ensureBuilt(): void {
  const outputs = ['out/renderer/index.html', 'out/main/index.cjs', 'out/preload/index.cjs'];
  const built = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  if (built > Math.max(newestMtime('src'), newestMtime('electron'))) return;
  console.log('building the app (electron-vite build) …');
  const result = spawnSync('node_modules/.bin/electron-vite', ['build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed; see the output above.');
}

/**
 * A new user should see a living shop at once: the embedded database gets the small demo
 * dataset on its first start. A PostgreSQL named by DATABASE_URL is never seeded implicitly.
 */
async function seedDemoData(db: Kysely<Database>, kind: DbKind): Promise<void> {
  if (kind !== 'pglite') return;
  const result = await seedIfEmpty(db, { size: 'S' });
  if (!result) return;
  console.log(`demo data: ${result.rows} rows seeded (size S)`);
  console.log(formatLogins(result.logins));
}

/** A service already answering on `url`, e.g. one started with `npm run server`. */
async function runningService(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(1_000) });
    return healthResponseSchema.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}

/**
 * The shop backend: the one already running on the port if there is one (a second service on
 * the same embedded database folder must never start), else a new one.
 */
async function startBackend(): Promise<{ url: string; describe: string; close(): Promise<void> }> {
  const options = serverOptionsFromEnv(process.env);
  const url = `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`;
  if (await runningService(url)) {
    return { url, describe: `${url} (already running; using it)`, close: async () => {} };
  }
  // The login screen offers the seeded demo logins, but only on the embedded demo database.
  const server = await startServer({ ...options, prepare: seedDemoData, demoLogins: options.db?.kind === 'pglite' });
  return { url: server.url, describe: `${server.url} (database: ${server.dbKind})`, close: () => server.close() };
}

async function main(): Promise<void> {
  // Build first: a failed build then leaves nothing running.
  ensureBuilt();
  const server = await startBackend();
  console.log(`shop backend: ${server.describe}`);

  const electron = electronBinary();
  if (electron && !process.env['LYSDESK_BROWSER']) {
    const app = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, LYSDESK_SERVER_URL: server.url } });
    app.on('exit', (code) => void server.close().then(() => process.exit(code ?? 0)));
    stopOnSignals(async () => {
      app.kill('SIGTERM');
      await server.close();
    });
    return;
  }

  const app = await startBrowserApp({ serverUrl: server.url, rendererDir: 'out/renderer', port: Number(process.env['HOST_PORT'] ?? 0) });
  console.log('');
  console.log(electron ? 'Electron skipped (LYSDESK_BROWSER is set).' : 'The Electron binary is not installed here, so the app runs in your browser.');
  console.log(`Open ${app.url}`);
  console.log("(the address holds this start's secret; press Ctrl+C to stop)");
  stopOnSignals(async () => {
    await app.close();
    await server.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
