import { seedIfEmpty } from '../../server/seed';
import { startServer } from '../../server/start';

// The service as `npm start` runs it for the demo: embedded PGlite in PGLITE_DIR, seeded with
// size S on its first start, offering the four demo logins. Prints the line the setup waits for.

async function main(): Promise<void> {
  const dir = process.env['PGLITE_DIR'];
  if (!dir) throw new Error('PGLITE_DIR must name the data folder');
  const server = await startServer({
    db: { kind: 'pglite', dir },
    // PORT lets a test restart the service where its clients expect it.
    port: Number(process.env['PORT'] ?? 0),
    demoLogins: true,
    prepare: async (db) => {
      await seedIfEmpty(db, { size: 'S' });
    },
  });
  console.log(`server listening on ${server.url}`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
