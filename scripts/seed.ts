// `npm run seed -- --size S|M|L [--seed N] [--reset]`: fills the service's database (the same
// one `npm run server` uses) with deterministic Norwegian demo or load data.
import { migrate, openDatabase } from '../server/db';
import { formatLogins, formatSummary, parseSeedArgs, SEED_USAGE, SeedArgumentError, SeedRefusedError, seedDatabase, type SeedProgress } from '../server/seed';
import { serverOptionsFromEnv } from '../server/start';

function progressPrinter(): (progress: SeedProgress) => void {
  let lastPrinted = 0;
  return (progress) => {
    // Every two seconds is enough to see it move without flooding the terminal.
    if (progress.elapsedMs - lastPrinted < 2_000 && progress.customers < progress.totalCustomers) return;
    lastPrinted = progress.elapsedMs;
    const seconds = progress.elapsedMs / 1000;
    const rate = Math.round(progress.rows / seconds);
    process.stdout.write(
      `  ${progress.customers.toLocaleString('en-US')}/${progress.totalCustomers.toLocaleString('en-US')} customers, ` +
        `${progress.rows.toLocaleString('en-US')} rows, ${seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s\n`,
    );
  };
}

async function main(): Promise<void> {
  const args = parseSeedArgs(process.argv.slice(2));
  if (args.help) {
    console.log(SEED_USAGE);
    return;
  }
  const options = serverOptionsFromEnv(process.env);
  if (options.db === undefined) throw new Error('No database configured');
  const where = options.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${options.db.dir}`;
  const handle = await openDatabase(options.db);
  try {
    await migrate(handle.db);
    console.log(`Seeding size ${args.size} (seed ${args.seed}${args.reset ? ', reset first' : ''}) into ${where} …`);
    const result = await seedDatabase(handle.db, {
      size: args.size,
      seed: args.seed,
      reset: args.reset,
      ...(args.referenceTime !== undefined && { referenceTime: args.referenceTime }),
      ...(args.size !== 'S' && { onProgress: progressPrinter() }),
    });
    console.log(formatSummary(result));
    console.log(formatLogins(result.logins));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  // Argument and "not empty" errors are the user's to fix: the message, without a stack.
  const expected = error instanceof SeedArgumentError || error instanceof SeedRefusedError;
  console.error(expected ? error.message : error);
  process.exitCode = 1;
});
