import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { DbConfig, DbKind } from '../../../server/db';

/** Both engines the service runs on; every server test runs against each. */
export const BACKENDS = ['pglite', 'postgres'] as const satisfies readonly DbKind[];

/** Admin connection for creating throwaway databases; override with TEST_POSTGRES_URL. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Fresh, isolated databases for one test file, removed again after it. */
export interface TestDatabases {
  /** The file's database, created in beforeAll. */
  config(): DbConfig;
  /** Another empty database, for a test that needs a clean start. */
  fresh(): Promise<DbConfig>;
}

/** Registers hooks that create a database of `kind` before the suite and remove all after it. */
export function useTestDatabases(kind: DbKind): TestDatabases {
  const disposers: Array<() => Promise<void>> = [];
  let main: DbConfig | undefined;

  async function fresh(): Promise<DbConfig> {
    const created = kind === 'pglite' ? await createPgliteDir() : await createPostgresDatabase();
    disposers.push(() => created.dispose());
    return created.config;
  }

  beforeAll(async () => {
    main = await fresh();
  });
  afterAll(async () => {
    const results = await Promise.allSettled(disposers.splice(0).map((dispose) => dispose()));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  return {
    config() {
      if (main === undefined) throw new Error('The test database is not ready (did beforeAll fail?)');
      return main;
    },
    fresh,
  };
}

/** Environment variables that point `server/main.ts` at `config` (and at nothing else). */
export function dbEnv(config: DbConfig): Record<string, string> {
  return config.kind === 'postgres' ? { DATABASE_URL: config.url } : { DATABASE_URL: '', PGLITE_DIR: config.dir };
}

interface Created {
  config: DbConfig;
  dispose(): Promise<void>;
}

async function createPgliteDir(): Promise<Created> {
  const dir = await mkdtemp(join(tmpdir(), 'lysdesk-pglite-'));
  return { config: { kind: 'pglite', dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function createPostgresDatabase(): Promise<Created> {
  // Unique per run and file, so parallel runs and leftovers of a crashed run never collide.
  const name = `lysdesk_test_${Date.now()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query(`create database "${name}"`);
  });
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    async dispose() {
      await withAdmin(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    // Fail loudly: a silently skipped PostgreSQL suite would hide real breakage.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL tests need a server at ${TEST_POSTGRES_URL} (user postgres, trust auth, database ` +
        `"test") but could not connect: ${reason}. Start PostgreSQL or set TEST_POSTGRES_URL.`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
