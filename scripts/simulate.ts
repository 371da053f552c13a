import { parseArgs } from 'node:util';
import { resolveSideKeys, SideKeysUnavailableError, type SideKeys } from '../server/shop/keys';
import { createSimClient } from '../server/shop/simulator/client';
import { seededRandom } from '../server/shop/simulator/context';
import { runSimulation } from '../server/shop/simulator/run';
import { DEFAULT_PORT, serverOptionsFromEnv } from '../server/start';

// `npm run simulate [-- --rate N] [--count N] [--url U] [--seed N]`: plays the webshop's
// customers and the warehouse against a running service, so the staff client has live traffic.
// One line per event on stdout; the summary and errors on stderr. Ctrl+C stops it cleanly.

const USAGE = `Usage: npm run simulate -- [--rate N] [--count N] [--url URL] [--seed N]

  --rate N    events per minute (default 20)
  --count N   stop after N successful events (default: run until Ctrl+C)
  --url URL   the running service (default http://127.0.0.1:${DEFAULT_PORT})
  --seed N    repeat a run's random choices

Keys: SHOP_API_KEY and WAREHOUSE_API_KEY when set (as the service has them); else, on PGlite, the
service-keys.json the running service writes into its folder (PGLITE_DIR); else read from the
service's database (DATABASE_URL, or the PGlite folder when no service holds it).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rate: { type: 'string' }, count: { type: 'string' }, url: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rate = numberOption('rate', values.rate, 20, 0.1, 60_000);
  const count = values.count === undefined ? undefined : numberOption('count', values.count, 0, 1, 1_000_000_000);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : numberOption('seed', values.seed, 0, 0, 2 ** 32 - 1);
  const url = values.url ?? `http://127.0.0.1:${DEFAULT_PORT}`;
  const keys = await resolveKeys();

  const stop = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('simulate: stopping after the event in flight (Ctrl+C again to quit at once)\n');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  process.once('SIGTERM', () => stop.abort());

  process.stderr.write(`simulate: ${rate} events/min against ${url}${count === undefined ? '' : `, ${count} events`} (seed ${seed})\n`);
  const summary = await runSimulation({
    client: createSimClient(url, keys),
    rate,
    ...(count !== undefined && { count }),
    signal: stop.signal,
    random: seededRandom(seed),
    print: (line) => process.stdout.write(`${line}\n`),
  });
  process.stderr.write(`simulate: ${summary.events} events, ${summary.refused} refused, in ${(summary.elapsedMs / 1000).toFixed(1)} s\n`);
}

function numberOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (name !== 'rate' && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be a ${name === 'rate' ? 'number' : 'whole number'} from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

// The keys as the service has them (server/shop/keys.ts); where they came from goes to stderr.
async function resolveKeys(): Promise<SideKeys> {
  const config = serverOptionsFromEnv(process.env).db;
  if (config === undefined) throw new Error('No database configured');
  const { keys, source } = await resolveSideKeys(process.env, config);
  process.stderr.write(`simulate: keys from the ${source}\n`);
  return keys;
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof SideKeysUnavailableError) process.stderr.write(`simulate: ${error.message}\n`);
  else if (error instanceof UsageError) process.stderr.write(`simulate: ${error.message}\n\n${USAGE}\n`);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) process.stderr.write(`simulate: ${error.message}\n\n${USAGE}\n`);
  else process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
