import { sql, type Kysely } from 'kysely';
import type { Database } from '../db';
import { makeProducts, makeStaff, type DemoLogin } from './catalog';
import { DAY, HOUR, MINUTE, second, type SeedContext } from './context';
import { makeCustomer, type CustomerRegistry } from './customers';
import { makeAnonymousMessages, makeCustomerMessages } from './messages';
import { makeOrder } from './orders';
import { ORDER_HISTORY_MS, planCustomers, type CustomerPlans } from './plan';
import { makeClosedQuote, makeOpenQuote, makeProjectList } from './quotes';
import { IdFactory, Random } from './random';
import { sizeProfiles, type SeedSize } from './sizes';
import { insertOrder, readColumnTypes, RowBuffer, writeBatch, type SeedTable } from './writer';

/** What to seed. Everything has a default. */
export interface SeedOptions {
  /** Default 'S'. */
  size?: SeedSize;
  /** PRNG seed, an integer 0 … 4294967295. Default 1. */
  seed?: number;
  /** "Now" of the generated world. Default: the current time rounded down to the hour. */
  referenceTime?: Date | string | number;
  /** Delete all domain rows first, in the same transaction. Without it a database with data is refused. */
  reset?: boolean;
  /** Called after each written chunk. */
  onProgress?: (progress: SeedProgress) => void;
}

/** Progress of a running seed. */
export interface SeedProgress {
  customers: number;
  totalCustomers: number;
  rows: number;
  elapsedMs: number;
}

/** What a seed wrote. */
export interface SeedResult {
  size: SeedSize;
  seed: number;
  referenceTime: string;
  counts: Record<SeedTable, number>;
  rows: number;
  elapsedMs: number;
  logins: DemoLogin[];
}

/** The database already has data and `reset` was not asked for. */
export class SeedRefusedError extends Error {
  readonly code = 'SEED_DATABASE_NOT_EMPTY';

  constructor(existing: ExistingData) {
    super(
      `The database already has data (${existing.customers} customers, ${existing.branches} branches, ` +
        `${existing.products} products). Seeding it would mix two worlds; ` +
        `run with --reset to delete all domain rows first, or point DATABASE_URL / PGLITE_DIR at an empty database.`,
    );
    this.name = 'SeedRefusedError';
  }
}

// Two services starting at once on one PostgreSQL must not both seed.
const SEED_LOCK = sql`select pg_advisory_xact_lock(hashtext('lysdesk.seed'))`;

// Tables that point at staff (or name staff logins) but are not seeded; cleared by a reset with them.
const authTables = ['auth_refresh_tokens', 'auth_sessions', 'sync_mutation_outcomes', 'sync_clients', 'auth_login_failures'] as const;

/** Seeds `db` (migrated) in one transaction; refuses a database with data unless `reset`. */
export async function seedDatabase(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedResult> {
  const run = resolve(options);
  return db.transaction().execute(async (trx) => {
    await SEED_LOCK.execute(trx);
    if (options.reset === true) await resetDomainData(trx);
    else {
      const existing = await existingData(trx);
      if (!isEmpty(existing)) throw new SeedRefusedError(existing);
    }
    return generate(trx, run);
  });
}

/** Seeds `db` when it has no data (`npm start` on a first run); null when it already has some. */
export async function seedIfEmpty(db: Kysely<Database>, options: Omit<SeedOptions, 'reset'> = {}): Promise<SeedResult | null> {
  const run = resolve(options);
  return db.transaction().execute(async (trx) => {
    await SEED_LOCK.execute(trx);
    if (!isEmpty(await existingData(trx))) return null;
    return generate(trx, run);
  });
}

/**
 * Deletes every domain row (the seeded tables, and the sessions and sync clients of the staff
 * being deleted); run it inside a transaction. It records a tombstone for every row exactly as the
 * sync delete trigger would (table, id, branch), so clients learn of the deletions on their next
 * pull, and then truncates all tables in one statement. Row-by-row DELETE would be quadratic:
 * several foreign keys (order_lines.shipment_id, orders.quote_id, orders.*_address_id …) have no
 * index, so each deleted parent row makes PostgreSQL scan the child table for references.
 */
export async function resetDomainData(db: Kysely<Database>): Promise<void> {
  const tables = [...insertOrder].reverse();
  for (const table of tables) {
    const branch = table === 'branches' || table === 'products' ? sql`null` : sql.ref('branch_id');
    await sql`insert into sync_tombstones (table_name, row_id, branch_id)
      select ${table}, id, ${branch} from ${sql.table(table)} order by id`.execute(db);
  }
  await sql`truncate ${sql.join([...tables, ...authTables].map((table) => sql.table(table)))}`.execute(db);
}

/** Rows already in the tables that decide whether a database is empty. */
export interface ExistingData {
  customers: number;
  branches: number;
  products: number;
}

/** How many customers, branches and products `db` has. */
export async function existingData(db: Kysely<Database>): Promise<ExistingData> {
  const result = await sql<{ customers: string; branches: string; products: string }>`select
    (select count(*) from customers) as customers, (select count(*) from branches) as branches,
    (select count(*) from products) as products`.execute(db);
  const row = result.rows[0];
  return { customers: Number(row?.customers ?? 0), branches: Number(row?.branches ?? 0), products: Number(row?.products ?? 0) };
}

// Customers are what "has data" means; branches and products count too because a new seed's
// article numbers would clash with theirs. Staff alone (say, an admin created by hand) do not.
function isEmpty(existing: ExistingData): boolean {
  return existing.customers === 0 && existing.branches === 0 && existing.products === 0;
}

/** The reference time `value` stands for, in ms; by default now, rounded down to the hour. */
export function referenceTimeMs(value: SeedOptions['referenceTime']): number {
  if (value === undefined) return Math.floor(Date.now() / HOUR) * HOUR;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid reference time: ${String(value)}`);
  return second(ms);
}

interface Run {
  size: SeedSize;
  seed: number;
  now: number;
  reset: boolean;
  onProgress: SeedOptions['onProgress'];
}

// Checked before the transaction starts, so a bad option never costs a reset.
function resolve(options: SeedOptions): Run {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw new RangeError(`The seed must be an integer from 0 to 4294967295, not ${seed}`);
  const size = options.size ?? 'S';
  if (!(size in sizeProfiles)) throw new RangeError(`Unknown seed size ${String(size)}`);
  return { size, seed, now: referenceTimeMs(options.referenceTime), reset: options.reset === true, onProgress: options.onProgress };
}

// Elapsed time and rows/s count generating and writing, not the reset before it.
async function generate(db: Kysely<Database>, { size, seed, now, reset, onProgress }: Run): Promise<SeedResult> {
  const started = performance.now();
  const r = new Random(seed);
  const ctx: SeedContext = {
    r,
    ids: new IdFactory(new Random(seed ^ 0x5eed1d5), now),
    now,
    profile: sizeProfiles[size],
    out: new RowBuffer(),
    branches: [],
    customerService: [],
    products: [],
    counters: { order: 1_000_001, quote: 100_001, invoice: 30_000_001, return: 500_001 },
  };
  const columnTypes = await readColumnTypes(db);
  const counts = Object.fromEntries(insertOrder.map((table) => [table, 0])) as Record<SeedTable, number>;
  let rows = 0;
  let customersDone = 0;
  let pending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;

  async function drain(): Promise<void> {
    await pending;
    if (failure !== null) throw failure.error;
  }
  // The next chunk is generated while the database writes this one; errors surface at the next drain.
  async function flush(): Promise<void> {
    await drain();
    const batch = ctx.out.take();
    const customersInBatch = customersDone;
    pending = writeBatch(db, batch, columnTypes).then(
      (written) => {
        for (const [table, n] of written) {
          counts[table] += n;
          rows += n;
        }
        onProgress?.({ customers: customersInBatch, totalCustomers: ctx.profile.customers, rows, elapsedMs: performance.now() - started });
      },
      (error: unknown) => {
        failure = { error };
      },
    );
  }

  let logins: DemoLogin[];
  try {
    logins = await makeStaff(ctx);
    makeProducts(ctx);
    const plans = planCustomers(ctx);
    const registry: CustomerRegistry = { names: new Set(), orgNumbers: new Set(), domains: new Set() };
    for (let index = 0; index < plans.count; index++) {
      makeCustomerWorld(ctx, index, plans, registry);
      customersDone = index + 1;
      if (ctx.out.largest() >= ctx.profile.chunkRows) await flush();
      // Lets the pending write's I/O proceed (node-postgres sends its next statement).
      else if (index % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    makeAnonymousMessages(ctx, Math.round(ctx.profile.customers * 0.04));
    await flush();
    await drain();
  } finally {
    // Never leave the transaction (rollback) while a write is still sending statements on it.
    await pending;
  }
  const elapsedMs = performance.now() - started;
  await sql`insert into audit_log (actor_kind, action, outcome, detail)
    values ('system', 'seed', 'ok', ${JSON.stringify({ size, seed, referenceTime: new Date(now).toISOString(), reset, rows })}::jsonb)`.execute(db);
  return { size, seed, referenceTime: new Date(now).toISOString(), counts, rows, elapsedMs, logins };
}

/** One customer and everything that hangs off it. */
function makeCustomerWorld(ctx: SeedContext, index: number, plans: CustomerPlans, registry: CustomerRegistry): void {
  const { r, now } = ctx;
  const customer = makeCustomer(ctx, index, plans, registry);
  const historyStart = Math.max(customer.createdMs + DAY, now - ORDER_HISTORY_MS);
  const orderCount = plans.orders(index);
  const placed = Array.from({ length: orderCount }, () => second(r.float(historyStart, now - 10 * MINUTE))).sort((a, b) => a - b);
  const orders = placed.map((at) => makeOrder(ctx, customer, at));
  const closedQuotes = Math.floor(orderCount * 0.1 + r.next() * (customer.kind === 'architect' ? 6 : 1.3));
  for (let q = 0; q < closedQuotes; q++) makeClosedQuote(ctx, customer, second(r.float(historyStart, now - 31 * HOUR)));
  for (const slot of plans.openQuotes(index)) makeOpenQuote(ctx, customer, slot);
  // Lists still being put together: no quote yet.
  const drafts = Math.floor(r.next() * 2.4);
  for (let l = 0; l < drafts; l++) makeProjectList(ctx, customer, second(r.float(Math.max(customer.createdMs, now - 120 * DAY), now)), r.int(1, 10));
  makeCustomerMessages(ctx, customer, orders);
}
