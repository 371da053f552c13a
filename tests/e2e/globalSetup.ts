import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, stopProcess } from './processes';

/**
 * Starts the real stack once for the suite: the shop backend on an embedded PGlite database in
 * a temp folder, then the browser host bound to it. Tests read the addresses from the env.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-'));
  const server = await startProcess('server/main.ts', { PORT: '0', PGLITE_DIR: dataDir, DATABASE_URL: '' }, /server listening on (http:\/\/\S+)/);
  const host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0' }, /host ready: (http:\/\/\S+)/).catch(async (error: unknown) => {
    await stopProcess(server);
    throw error;
  });
  process.env['E2E_APP_URL'] = host.url;
  process.env['E2E_SERVER_URL'] = server.url;
  return async () => {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
