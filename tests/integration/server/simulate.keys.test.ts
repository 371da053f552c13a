import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../../../server/config';
import { openDatabase, type DbConfig } from '../../../server/db';
import { loadSideKey, resolveSideKeys, SERVICE_KEYS_FILE_NAME, SideKeysUnavailableError, type SideKeys } from '../../../server/shop/keys';
import { startServer, type RunningServer } from '../../../server/start';
import { dbEnv, useTestDatabases } from './backends';
import { seedShopWorld } from './shopFixture';

// `npm run simulate` against a service on the embedded database: the service holds the PGlite
// folder's lock, so it leaves its keys in <folder>/service-keys.json for the simulator.

const NO_ENV_KEYS: NodeJS.ProcessEnv = {};

async function status(server: RunningServer, path: string, key: string): Promise<number> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  await response.arrayBuffer();
  return response.status;
}

async function readKeysFile(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, SERVICE_KEYS_FILE_NAME), 'utf8')) as Record<string, unknown>;
}

async function rejection(promise: Promise<unknown>): Promise<SideKeysUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SideKeysUnavailableError);
  return error as SideKeysUnavailableError;
}

describe('the service on PGlite leaves its keys for the simulator', () => {
  const databases = useTestDatabases('pglite');
  let config: Extract<DbConfig, { kind: 'pglite' }>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    const main = databases.config();
    if (main.kind !== 'pglite') throw new Error('expected a PGlite folder');
    config = main;
    // No configured keys: the service generates them into its database, as `npm start` does.
    server = await startServer({ port: 0, db: config, logLevel: 'silent', jobs: false, sideKeys: { shop: '', warehouse: '' }, prepare: seedShopWorld });
  });
  afterAll(async () => {
    await server?.close();
  });

  function running(): RunningServer {
    if (server === undefined) throw new Error('the service is not running');
    return server;
  }

  it('writes the effective keys to service-keys.json, readable by its owner only', async () => {
    const path = join(config.dir, SERVICE_KEYS_FILE_NAME);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const content = await readKeysFile(config.dir);
    expect(Object.keys(content).sort()).toEqual(['pid', 'shop', 'warehouse', 'writtenAt']);
    expect(content.shop).toMatch(/^[\w-]{43}$/);
    expect(content.warehouse).toMatch(/^[\w-]{43}$/);
    expect(content.pid).toBe(process.pid);
    expect(content.shop).not.toBe(content.warehouse);
    // They are the keys the service checks: each opens its own side and not the other.
    const keys: SideKeys = { shop: String(content.shop), warehouse: String(content.warehouse) };
    expect(await status(running(), '/v1/shop/products', keys.shop)).toBe(200);
    expect(await status(running(), '/v1/warehouse/lines', keys.warehouse)).toBe(200);
    expect(await status(running(), '/v1/shop/products', keys.warehouse)).toBe(401);
    // Written through a temporary file renamed into place: none is left behind.
    expect((await readdir(config.dir)).filter((name) => name.includes(SERVICE_KEYS_FILE_NAME) && name !== SERVICE_KEYS_FILE_NAME)).toEqual([]);
  });

  it('lets resolveSideKeys find them while the service holds the folder', async () => {
    // The folder is locked: opening the database is refused.
    await expect(openDatabase(config)).rejects.toMatchObject({ code: 'DB_LOCKED' });
    const content = await readKeysFile(config.dir);
    const file: SideKeys = { shop: String(content.shop), warehouse: String(content.warehouse) };
    expect(await resolveSideKeys(NO_ENV_KEYS, config)).toEqual({ keys: { shop: file.shop, warehouse: file.warehouse }, source: 'key file' });
    // The environment still wins, side by side.
    const envShop = 'shop-key-from-the-environment-0123456789';
    expect(await resolveSideKeys({ SHOP_API_KEY: envShop }, config)).toEqual({ keys: { shop: envShop, warehouse: file.warehouse }, source: 'key file' });
    expect(await resolveSideKeys({ SHOP_API_KEY: envShop, WAREHOUSE_API_KEY: ` ${envShop}-w ` }, config)).toEqual({
      keys: { shop: envShop, warehouse: `${envShop}-w` },
      source: 'environment',
    });
  });

  it('npm run simulate drives the service with the keys from the file, none in its environment', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv(config) };
    delete env.SHOP_API_KEY;
    delete env.WAREHOUSE_API_KEY;
    const run = await simulate(['--url', running().url, '--count', '3', '--rate', '60000', '--seed', '7'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('simulate: keys from the key file');
    expect(run.stderr).toContain('3 events');
  });

  it('says what to do when the folder is locked and the file is missing or broken', async () => {
    const path = join(config.dir, SERVICE_KEYS_FILE_NAME);
    const saved = await readFile(path, 'utf8');
    try {
      await rm(path);
      const missing = await rejection(resolveSideKeys(NO_ENV_KEYS, config));
      expect(missing.code).toBe('KEYS_UNAVAILABLE');
      expect(missing.message).toContain(`A running service holds the PGlite folder ${config.dir}`);
      expect(missing.message).toContain(`${path} is missing`);
      expect(missing.message).toContain('Restart the service');
      expect(missing.message).toContain('SHOP_API_KEY and WAREHOUSE_API_KEY');

      await writeFile(path, '{"shop": "too short"', { mode: 0o600 });
      const broken = await rejection(resolveSideKeys(NO_ENV_KEYS, config));
      expect(broken.message).toContain(`${path} is not valid JSON`);
      await writeFile(path, JSON.stringify({ shop: 'short', warehouse: 'short' }), { mode: 0o600 });
      expect((await rejection(resolveSideKeys(NO_ENV_KEYS, config))).message).toContain('does not hold a shop and a warehouse key');

      // The command line prints the same advice and fails.
      const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv(config) };
      delete env.SHOP_API_KEY;
      delete env.WAREHOUSE_API_KEY;
      await rm(path);
      const run = await simulate(['--url', running().url, '--count', '1'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('simulate: A running service holds the PGlite folder');
    } finally {
      await writeFile(path, saved, { mode: 0o600 });
    }
  });

  it('says what to do when there is no service folder at all, and creates none', async () => {
    const dir = `${config.dir}-absent`;
    const error = await rejection(resolveSideKeys(NO_ENV_KEYS, { kind: 'pglite', dir }));
    expect(error.message).toContain(`There is no service database at ${dir}`);
    expect(error.message).toContain('PGLITE_DIR');
    expect(existsSync(dir)).toBe(false);
  });

  it('rewrites the file with configured keys at the next start, and the database is the fallback when stopped', async () => {
    const file = await readKeysFile(config.dir);
    const generated: SideKeys = { shop: String(file.shop), warehouse: String(file.warehouse) };
    await running().close();
    server = undefined;

    // Stopped and without the file: the keys come from the database, as before.
    await rm(join(config.dir, SERVICE_KEYS_FILE_NAME));
    expect(await resolveSideKeys(NO_ENV_KEYS, config)).toEqual({ keys: generated, source: 'database' });

    const configured: SideKeys = { shop: 'configured-shop-key-0123456789abcdef', warehouse: 'configured-warehouse-key-0123456789' };
    server = await startServer({ port: 0, db: config, logLevel: 'silent', jobs: false, sideKeys: configured });
    expect(await readKeysFile(config.dir)).toMatchObject(configured);
    expect((await stat(join(config.dir, SERVICE_KEYS_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(await resolveSideKeys(NO_ENV_KEYS, config)).toEqual({ keys: configured, source: 'key file' });
    expect(await status(running(), '/v1/shop/products', configured.shop)).toBe(200);
    expect(await status(running(), '/v1/shop/products', generated.shop)).toBe(401);
  });
});

describe('resolveSideKeys on PostgreSQL', () => {
  const databases = useTestDatabases('postgres');

  it('reads the keys from the database, where the service keeps them; no file is involved', async () => {
    const config = databases.config();
    const server = await startServer({ port: 0, db: config, logLevel: 'silent', jobs: false, sideKeys: { shop: '', warehouse: '' } });
    try {
      const { keys, source } = await resolveSideKeys(NO_ENV_KEYS, config);
      expect(source).toBe('database');
      expect(await status(server, '/v1/shop/products', keys.shop)).toBe(200);
      expect(await status(server, '/v1/warehouse/lines', keys.warehouse)).toBe(200);
      const handle = await openDatabase(config);
      try {
        expect(keys).toEqual({ shop: await loadSideKey(handle.db, 'shop'), warehouse: await loadSideKey(handle.db, 'warehouse') });
      } finally {
        await handle.close();
      }
    } finally {
      await server.close();
    }
  });

  it('says what to do when the database cannot be reached', async () => {
    const error = await rejection(resolveSideKeys(NO_ENV_KEYS, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nothing' }));
    expect(error.message).toContain("Cannot open the service's database (DATABASE_URL)");
    expect(error.message).toContain('SHOP_API_KEY and WAREHOUSE_API_KEY');
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function simulate(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: findRepoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simulate did not finish in time:\n${stdout}\n${stderr}`));
    }, 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
