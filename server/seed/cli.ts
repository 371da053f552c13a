import type { DemoLogin } from './catalog';
import type { SeedResult } from './seed';
import { isSeedSize, seedSizes, type SeedSize } from './sizes';

/** What `npm run seed -- …` asked for. */
export interface SeedArgs {
  size: SeedSize;
  seed: number;
  reset: boolean;
  /** ISO time; default: now rounded down to the hour. */
  referenceTime?: string;
  help: boolean;
}

/** A command line `npm run seed` cannot run; the message says what to type instead. */
export class SeedArgumentError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${SEED_USAGE}`);
    this.name = 'SeedArgumentError';
  }
}

/** The usage text. */
export const SEED_USAGE = `Usage: npm run seed -- [--size S|M|L] [--seed N] [--reset] [--reference-time ISO]

  --size S|M|L          S (default): the demo, ~500 customers, 5 000 orders, 300 open quotes
                        M: 20 000 customers, 200 000 orders; L: 50 000 customers, 500 000 orders
  --seed N              integer 0-4294967295 (default 1); the same seed gives the same data
  --reset               delete all domain data first (otherwise a database with data is refused)
  --reference-time ISO  "now" of the generated world (default: now, rounded down to the hour)

Database: DATABASE_URL (PostgreSQL) if set, else PGlite in PGLITE_DIR (default .data/pglite).`;

/** Parses the arguments after `--`; throws {@link SeedArgumentError} with a clear message on bad ones. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const args: SeedArgs = { size: 'S', seed: 1, reset: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag = '', inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new SeedArgumentError(`${flag} needs a value.`);
      i++;
      return next;
    };
    if (flag === '--size') {
      const size = value().toUpperCase();
      if (!isSeedSize(size)) throw new SeedArgumentError(`Unknown size "${size}": use one of ${seedSizes.join(', ')}.`);
      args.size = size;
    } else if (flag === '--seed') {
      const text = value();
      const seed = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffff_ffff) {
        throw new SeedArgumentError(`The seed must be a whole number from 0 to 4294967295, not "${text}".`);
      }
      args.seed = seed;
    } else if (flag === '--reference-time') {
      const text = value();
      if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !Number.isFinite(Date.parse(text))) {
        throw new SeedArgumentError(`The reference time must be an ISO date-time such as 2026-01-15T09:00:00Z, not "${text}".`);
      }
      args.referenceTime = text;
    } else if (flag === '--reset' && inline === undefined) {
      args.reset = true;
    } else if (flag === '--help' || flag === '-h') {
      args.help = true;
    } else {
      throw new SeedArgumentError(`Unknown argument "${arg}".`);
    }
  }
  return args;
}

/** The demo logins as a few lines to print after seeding. */
export function formatLogins(logins: readonly DemoLogin[]): string {
  const width = Math.max(...logins.map((login) => login.username.length));
  const lines = logins.map((login) => `  ${login.username.padEnd(width)}  password: ${login.password}  (${login.role}${login.branch === null ? '' : `, ${login.branch}`})`);
  return `Staff logins:\n${lines.join('\n')}`;
}

/** One line per table with the rows written, and the totals. */
export function formatSummary(result: SeedResult): string {
  const lines = Object.entries(result.counts).map(([table, n]) => `  ${table.padEnd(22)} ${n.toLocaleString('en-US').padStart(10)}`);
  const rate = Math.round(result.rows / (result.elapsedMs / 1000));
  return (
    `Seeded size ${result.size} (seed ${result.seed}, reference time ${result.referenceTime}):\n${lines.join('\n')}\n` +
    `  ${'total'.padEnd(22)} ${result.rows.toLocaleString('en-US').padStart(10)} rows in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate.toLocaleString('en-US')} rows/s)`
  );
}
