import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, stopProcess } from './processes';

/**
 * Starts the real stack once for the suite: the shop backend on an embedded PGlite database in
 * a temp folder, seeded with the demo data (size S) and offering the demo logins, then the
 * browser host bound to it, with its own data folder. Tests read the addresses from the env.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-'));
  // Seeding size S into PGlite takes a while on a slow machine.
  const server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: join(dataDir, 'pglite'), DATABASE_URL: '' }, /server listening on (http:\/\/\S+)/, 240_000);
  const host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0', LYSDESK_DATA_DIR: join(dataDir, 'host') }, /host ready: (http:\/\/\S+)/).catch(async (error: unknown) => {
    await stopProcess(server);
    throw error;
  });
  process.env['E2E_APP_URL'] = host.url;
  process.env['E2E_SERVER_URL'] = server.url;
  // The shop side's keys are in the service's key file there (server/shop/keys.ts).
  process.env['E2E_PGLITE_DIR'] = join(dataDir, 'pglite');
  return async () => {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
