import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { authFiles, FileSecretStore } from '../core/auth';
import { createCore } from '../core/core';
import { startHost } from './host';

/** The app's name and version, read from package.json as Electron's `app` would. */
function readPackage(): { productName: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName: string; version: string };
  return { productName: pkg.productName, version: pkg.version };
}

/** Options of a browser-hosted app. */
export interface BrowserAppOptions {
  serverUrl: string;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Sign-in files and caches. Default: env LYSDESK_DATA_DIR, else `.data/host`. */
  dataDir?: string;
}

/** The core and the host together: what `npm start` and `npm run host` run without Electron. */
export async function startBrowserApp(options: BrowserAppOptions): Promise<{ url: string; close(): Promise<void> }> {
  const pkg = readPackage();
  const dataDir = resolve(options.dataDir ?? process.env['LYSDESK_DATA_DIR'] ?? '.data/host');
  const core = createCore({
    appName: pkg.productName,
    appVersion: pkg.version,
    runtime: 'browser-host',
    serverUrl: options.serverUrl,
    dataDir,
    // No OS keychain here: the refresh token is a 0600 file in the data folder.
    secrets: new FileSecretStore(authFiles(dataDir).secret),
    reportError: (channel, error) => console.error(`[core] ${channel}`, error),
  });
  try {
    const host = await startHost({ core, rendererDir: options.rendererDir, port: options.port });
    return {
      url: host.url,
      async close() {
        await host.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/** Runs `stop` once on Ctrl+C or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  function onSignal(): void {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  }
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
