import { readFileSync } from 'node:fs';
import { createCore } from '../core/core';
import { startHost } from './host';

/** The app's name and version, read from package.json as Electron's `app` would. */
function readPackage(): { productName: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName: string; version: string };
  return { productName: pkg.productName, version: pkg.version };
}

async function main(): Promise<void> {
  const pkg = readPackage();
  const core = createCore({
    appName: pkg.productName,
    appVersion: pkg.version,
    runtime: 'browser-host',
    serverUrl: process.env['LYSDESK_SERVER_URL'] ?? 'http://127.0.0.1:8787',
    reportError: (channel, error) => console.error(`[core] ${channel}`, error),
  });
  const host = await startHost({
    core,
    rendererDir: process.env['RENDERER_DIR'] ?? 'out/renderer',
    port: Number(process.env['HOST_PORT'] ?? 0),
  });
  // Tests parse this line; people open the address.
  console.log(`host ready: ${host.url}`);
  async function stop(): Promise<void> {
    core.close();
    await host.close();
    process.exit(0);
  }
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
