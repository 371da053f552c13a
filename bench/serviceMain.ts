import { startServer } from '../server/start';

// The service for benchmarks: as `npm run server`, but without the background jobs, which would
// change the kept benchmark data (quote expiry) and take CPU at a random moment of a measurement.

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL must name the benchmark database');
  const server = await startServer({ db: { kind: 'postgres', url }, port: 0, logLevel: 'error', jobs: false });
  console.log(`server listening on ${server.url}`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
