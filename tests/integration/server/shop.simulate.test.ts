import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../../../server/config';
import { loadSideKey } from '../../../server/shop';
import { BACKENDS, dbEnv, useTestDatabases } from './backends';
import { createProjectList, deliverShipment, placeOrder, seedShopWorld, shipLines, shop, startShopInstance, type ShopInstance } from './shopFixture';

const EVENTS = 20;

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

async function shopAuditCount(instance: ShopInstance): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from audit_log where actor_kind in ('shop', 'warehouse') and outcome = 'ok'`.execute(instance.db);
  return Number(result.rows[0]?.n ?? 0);
}

describe.each(BACKENDS)('npm run simulate against a running service (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  beforeAll(async () => {
    // No configured keys: the service keeps them in its database, where the simulator finds them.
    instance = await startShopInstance(databases.config(), { shopKey: '', warehouseKey: '' });
    await seedShopWorld(instance.db);
    // A small living shop: lists to quote, answered quotes, open and delivered orders.
    for (let i = 0; i < 4; i++) await createProjectList(instance.db, i % 2 === 0 ? 'silver' : 'gold', { downlight: 5 + i, panel: 1 });
    const keys = { shop: await loadSideKey(instance.db, 'shop'), warehouse: await loadSideKey(instance.db, 'warehouse') };
    for (const customer of ['silver', 'gold'] as const) {
      const list = await createProjectList(instance.db, customer, { mast: 1, downlight: 2 });
      const quote = (await shop(instance, 'POST', `/v1/shop/project-lists/${list}/quote-request`, {}, keys.shop)).body as { id: string };
      await instance.db.updateTable('quotes').set({ status: 'answered', answered_at: new Date().toISOString(), valid_until: '2099-12-31' }).where('id', '=', quote.id).execute();
    }
    for (let i = 0; i < 3; i++) await placeOrder(instance, i % 2 === 0 ? 'platinum' : 'silver', { downlight: 2 + i, mast: i === 1 ? 1 : 0 }, {}, keys.shop);
    const delivered = await placeOrder(instance, 'gold', { panel: 2 }, {}, keys.shop);
    const { shipment } = await shipLines(instance, delivered.id, delivered.lines.map((line) => line.id), keys.warehouse);
    await deliverShipment(instance, shipment.id, keys.warehouse);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it(`--count ${EVENTS} drives ${EVENTS} successful events, one line each`, async () => {
    const before = await shopAuditCount(instance);
    const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv(databases.config()) };
    delete env.SHOP_API_KEY;
    delete env.WAREHOUSE_API_KEY;
    if (kind === 'pglite') {
      // The service holds the PGlite folder; the simulator gets the keys as the service was given them.
      env.SHOP_API_KEY = await loadSideKey(instance.db, 'shop');
      env.WAREHOUSE_API_KEY = await loadSideKey(instance.db, 'warehouse');
    }
    const run = await simulate(['--url', instance.url, '--count', String(EVENTS), '--rate', '6000', '--seed', '42'], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines, run.stdout).toHaveLength(EVENTS);
    expect(lines.filter((line) => / refused | idle /.test(line)), run.stdout).toEqual([]);
    expect(new Set(lines.map((line) => line.split(/\s+/)[2])).size, run.stdout).toBeGreaterThan(3);
    expect(run.stderr).toContain(`${EVENTS} events, 0 refused`);
    // Every event is one audited write of the shop or the warehouse.
    expect((await shopAuditCount(instance)) - before).toBe(EVENTS);
  });

  it('refuses bad options with the usage', async () => {
    const run = await simulate(['--rate', 'fast'], { ...process.env, ...dbEnv(databases.config()) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--rate must be a number');
    expect(run.stderr).toContain('Usage: npm run simulate');
  });
});
