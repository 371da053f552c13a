import { readFileSync } from 'node:fs';
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
}

/** The core and the host together: what `npm start` and `npm run host` run without Electron. */
export async function startBrowserApp(options: BrowserAppOptions): Promise<{ url: string; close(): Promise<void> }> {
  const pkg = readPackage();
  const core = createCore({
    appName: pkg.productName,
    appVersion: pkg.version,
    runtime: 'browser-host',
    serverUrl: options.serverUrl,
    reportError: (channel, error) => console.error(`[core] ${channel}`, error),
  });
  try {
    const host = await startHost({ core, rendererDir: options.rendererDir, port: options.port });
    return {
      url: host.url,
      async close() {
        core.close();
        await host.close();
      },
    };
  } catch (error) {
    core.close();
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
