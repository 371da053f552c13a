import { startServer, serverOptionsFromEnv, type RunningServer } from './start';

// Entry point of `npm run server`. Scripts and tests wait for the one "server listening on"
// line on stdout, so nothing else is printed there; diagnostics go to stderr.

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const server = await startServer(serverOptionsFromEnv(process.env));
  process.stdout.write(`server listening on ${server.url} (db: ${server.dbKind})\n`);
  process.once('SIGINT', () => shutdown(server, 'SIGINT'));
  process.once('SIGTERM', () => shutdown(server, 'SIGTERM'));
}

function shutdown(server: RunningServer, signal: NodeJS.Signals): void {
  // A second signal, or a close that hangs on a stuck request, should still end the process.
  process.once(signal, () => process.exit(1));
  const force = setTimeout(() => {
    process.stderr.write(`server: still closing after ${SHUTDOWN_GRACE_MS} ms, exiting anyway\n`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.close().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      process.stderr.write(`server: error while closing: ${describeError(error)}\n`);
      process.exitCode = 1;
    },
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

main().catch((error: unknown) => {
  // SCHEMA_TOO_NEW and connection errors carry a message a person can act on; show it first.
  const code = typeof error === 'object' && error !== null && 'code' in error ? ` [${String(error.code)}]` : '';
  process.stderr.write(`server failed to start${code}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
