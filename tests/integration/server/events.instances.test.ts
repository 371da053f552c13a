import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '../../../electron/shared/protocol/sync';
import { useTestDatabases } from './backends';
import { openEvents, quietFor, type EventStream } from './eventsFixture';
import { rawRequest, seedSyncWorld, startSyncInstance, tokenFor, type SyncInstance, type SyncStaffKey } from './pullFixture';

// Two service instances on one PostgreSQL database: a change made through either of them, or
// straight in the database, pokes the clients of both (protocol.md, "Live events").
describe('GET /v1/sync/events across instances (postgres)', () => {
  const databases = useTestDatabases('postgres');
  let a: SyncInstance;
  let b: SyncInstance;
  let direct: pg.Client;
  const onB = new Map<SyncStaffKey, EventStream>();

  beforeAll(async () => {
    a = await startSyncInstance(databases.config(), { events: { pokeIntervalMs: 0 } });
    b = await startSyncInstance(databases.config(), { events: { pokeIntervalMs: 0 } });
    await seedSyncWorld(a.db);
    for (const who of ['consultantA', 'consultantB', 'service'] as const) onB.set(who, await openEvents(b.port, await tokenFor(b, who)));
    const config = databases.config();
    if (config.kind !== 'postgres') throw new Error('postgres only');
    direct = new pg.Client({ connectionString: config.url });
    await direct.connect();
  });
  afterAll(async () => {
    for (const stream of onB.values()) stream.close();
    await direct?.end();
    await a?.close();
    await b?.close();
  });

  function counts(): Record<string, number> {
    return Object.fromEntries([...onB].map(([who, s]) => [who, s.pokes()]));
  }

  async function deltasAfter(expected: Record<string, number>, change: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = counts();
    await change();
    await Promise.all([...onB].map(([who, s]) => s.until((current) => current.pokes() >= (before[who] ?? 0) + (expected[who] ?? 0))));
    await quietFor(300);
    const after = counts();
    return Object.fromEntries(Object.entries(after).map(([who, n]) => [who, n - (before[who] ?? 0)]));
  }

  it('pokes clients of instance B for a mutation pushed through instance A, in that branch only', async () => {
    const token = await tokenFor(a, 'consultantA');
    const body = JSON.stringify({
      clientId: randomUUID(),
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [{ seq: 1, name: 'quote.claim', args: { quoteId: 'sy-q-a' }, at: new Date().toISOString() }],
    });
    const deltas = await deltasAfter({ consultantA: 1, service: 1 }, async () => {
      const answer = await rawRequest(a, 'POST', '/v1/sync/push', { body, headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ results: [{ seq: 1, status: 'applied' }] });
    });
    expect(deltas).toEqual({ consultantA: 1, consultantB: 0, service: 1 });
  });

  it('pokes clients of instance B for a change written straight into the database', async () => {
    const deltas = await deltasAfter({ consultantB: 1, service: 1 }, () => direct.query(`update customers set phone = '55 55 55 55' where id = 'sy-c-b'`));
    expect(deltas).toEqual({ consultantA: 0, consultantB: 1, service: 1 });
  });

  it('pokes everyone on every instance for a global change', async () => {
    const onA = await openEvents(a.port, await tokenFor(a, 'consultantB'));
    try {
      const deltas = await deltasAfter({ consultantA: 1, consultantB: 1, service: 1 }, () =>
        sql`update branches set name = 'Bergen sentrum' where id = 'sy-b'`.execute(a.db),
      );
      expect(deltas).toEqual({ consultantA: 1, consultantB: 1, service: 1 });
      await onA.until((s) => s.pokes() === 1);
    } finally {
      onA.close();
    }
  });

  it('listens again after losing its connection, and pokes everyone for what it may have missed', async () => {
    const killed = await direct.query<{ n: number }>(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()) t`,
    );
    expect(killed.rows[0]?.n).toBe(2);
    // The reconnect itself pokes everyone once …
    const reconnect = counts();
    await Promise.all([...onB].map(([who, s]) => s.until((current) => current.pokes() > (reconnect[who] ?? 0))));
    await quietFor(300);
    // … and changes are heard again afterwards.
    const deltas = await deltasAfter({ consultantA: 1, service: 1 }, () => direct.query(`update customers set phone = '22 22 22 22' where id = 'sy-c-a'`));
    expect(deltas).toEqual({ consultantA: 1, consultantB: 0, service: 1 });
  });
});
