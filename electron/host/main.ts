import { startBrowserApp, stopOnSignals } from './app';

async function main(): Promise<void> {
  const app = await startBrowserApp({
    serverUrl: process.env['LYSDESK_SERVER_URL'] ?? 'http://127.0.0.1:8787',
    rendererDir: process.env['RENDERER_DIR'] ?? 'out/renderer',
    port: Number(process.env['HOST_PORT'] ?? 0),
  });
  // Tests parse this line; people open the address.
  console.log(`host ready: ${app.url}`);
  stopOnSignals(() => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
