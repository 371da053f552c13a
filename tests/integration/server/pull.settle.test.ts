import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabases } from './backends';
import { BRANCH_A, cursorOf, pullOnce, putKeys, seedSyncWorld, startSyncInstance, tokenFor, type SyncInstance } from './pullFixture';

// Versions are taken when a row is written but become visible when its transaction commits, so
// they do not become visible in order. A pull must not set its cursor past a version whose
// transaction is still open, or that row would be stepped over for good. PostgreSQL only: on
// PGlite there is one session, so nothing is ever in flight beside the pull.
describe('GET /v1/sync/pull with writes in flight (postgres)', () => {
  const databases = useTestDatabases('postgres');
  let instance: SyncInstance;
  let slow: SyncInstance;
  let token: string;
  const clients: pg.Client[] = [];

  async function connect(): Promise<pg.Client> {
    const config = databases.config();
    if (config.kind !== 'postgres') throw new Error('postgres only');
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  function insertCustomer(client: pg.Client, id: string): Promise<pg.QueryResult> {
    return client.query(
      `insert into customers (id, customer_number, org_number, name, branch_id) values ($1, $1, '923609016', 'Kunde', $2)`,
      [id, BRANCH_A],
    );
  }

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config());
    await seedSyncWorld(instance.db);
    token = await tokenFor(instance, 'service');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await instance?.close();
    await slow?.close();
  });

  it('waits for a transaction that took a lower version, and then includes its row', async () => {
    const cursor = cursorOf((await pullOnce(instance, token)).lines);
    const early = await connect();
    const late = await connect();
    await early.query('begin');
    await insertCustomer(early, 'sy-early');
    await insertCustomer(late, 'sy-late');
    const pulling = pullOnce(instance, token, { cursor });
    let settled = false;
    void pulling.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await early.query('commit');
    const answer = await pulling;
    expect(answer.status).toBe(200);
    expect(putKeys(answer.lines).sort()).toEqual(['customers:sy-early', 'customers:sy-late']);
    const after = await pullOnce(instance, token, { cursor: cursorOf(answer.lines) });
    expect(putKeys(after.lines)).toEqual([]);
  });

  it('answers 503 SYNC_BUSY when a write stays open longer than it will wait', async () => {
    slow = await startSyncInstance(databases.config(), { pull: { limits: { settleTimeoutMs: 200 } } });
    const slowToken = await tokenFor(slow, 'service');
    const open = await connect();
    await open.query('begin');
    await insertCustomer(open, 'sy-open');
    try {
      const answer = await pullOnce(slow, slowToken);
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ error: { code: 'SYNC_BUSY' } });
    } finally {
      await open.query('rollback');
    }
    expect((await pullOnce(slow, slowToken)).status).toBe(200);
  });
});
