import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../server/auth';
import { migrate, openDatabase, type DbHandle } from '../server/db';
import { migrations } from '../server/migrations';
import { seedDatabase } from '../server/seed';

// The size-M world the pull and sync benchmarks read, in the real PostgreSQL. Seeding M takes
// about two minutes, so the database is kept between runs (lysdesk_bench_m) and used again when
// it carries the marker of the same seed and schema; anything else is dropped and seeded anew.
// BENCH_PULL_DATABASE_URL points the benchmarks at another, already seeded database instead.

/** The server's maintenance database, through which benchmark databases are made. */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = 'lysdesk_bench_m';
const MARKER_KEY = 'bench_seed';

/** The login every benchmark uses: customer service, who sees every row. */
export const BENCH_LOGIN = { username: 'bench-ks', password: 'bench pull password' } as const;

/** Opens the seeded size-M benchmark database (seeding it first when needed). */
export async function openBenchDatabase(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<DbHandle> {
  const given = process.env.BENCH_PULL_DATABASE_URL;
  const url = given ?? databaseUrl();
  const marker = `M/1/${migrations.length}`;
  if (given === undefined && !(await hasMarker(url, marker))) {
    log(`bench: seeding size M into ${NAME} (about two minutes; kept for later runs)`);
    await withAdmin(async (client) => {
      await client.query(`drop database if exists "${NAME}" with (force)`);
      await client.query(`create database "${NAME}"`);
    });
    const fresh = await openDatabase({ kind: 'postgres', url });
    try {
      await migrate(fresh.db);
      await seedDatabase(fresh.db, { size: 'M', seed: 1 });
      // As autovacuum leaves a table some minutes after a bulk load: statistics, and the
      // visibility map that lets the pull plan its pages from the version index alone.
      await sql`vacuum analyze`.execute(fresh.db);
      await sql`insert into service_meta (key, value) values (${MARKER_KEY}, ${marker})`.execute(fresh.db);
    } finally {
      await fresh.close();
    }
  }
  const handle = await openDatabase({ kind: 'postgres', url });
  await migrate(handle.db);
  const hash = await hashPassword(BENCH_LOGIN.password);
  await sql`insert into staff (id, username, name, role, branch_id, password_hash) values ('bench-ks', ${BENCH_LOGIN.username}, 'Bench', 'customer_service', null, ${hash})
    on conflict (id) do update set password_hash = excluded.password_hash`.execute(handle.db);
  return handle;
}

/** The connection URL of the benchmark database (BENCH_PULL_DATABASE_URL when set). */
export function benchDatabaseUrl(): string {
  return process.env.BENCH_PULL_DATABASE_URL ?? databaseUrl();
}

function databaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  return url.toString();
}

async function hasMarker(url: string, marker: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return false; // no such database yet
  }
  try {
    const result = await client.query<{ value: string }>('select value from service_meta where key = $1', [MARKER_KEY]);
    return result.rows[0]?.value === marker;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** Runs `work` on a connection to the maintenance database (to create and drop benchmark databases). */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
