import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCustomerToBranch } from '../../../server/sync/pullMoves';
import { BACKENDS, useTestDatabases } from './backends';
import { openEvents, quietFor, type EventStream } from './eventsFixture';
import { BRANCH_B, seedSyncWorld, startSyncInstance, tokenFor, type SyncInstance, type SyncStaffKey } from './pullFixture';

// Live pokes on one instance: who is poked for what, keepalives, and a clean close.
describe.each(BACKENDS)('GET /v1/sync/events (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  const streams = new Map<SyncStaffKey, EventStream>();

  beforeAll(async () => {
    // No poke throttling, so every change is one poke and counts can be compared exactly.
    instance = await startSyncInstance(databases.config(), { events: { keepaliveMs: 100, pokeIntervalMs: 0 } });
    await seedSyncWorld(instance.db);
    for (const who of ['consultantA', 'consultantB', 'service'] as const) {
      streams.set(who, await openEvents(instance.port, await tokenFor(instance, who)));
    }
  });
  afterAll(async () => {
    for (const stream of streams.values()) stream.close();
    await instance?.close();
  });

  function stream(who: SyncStaffKey): EventStream {
    const found = streams.get(who);
    if (found === undefined) throw new Error(`no stream for ${who}`);
    return found;
  }

  function pokeCounts(): Record<string, number> {
    return Object.fromEntries([...streams].map(([who, s]) => [who, s.pokes()]));
  }

  // Runs `changes`, waits until each stream got at least the pokes `expected` says, then a
  // little longer for any it should not get; returns how many each got.
  async function afterChanges(expected: Record<string, number>, ...changes: Array<() => Promise<unknown>>): Promise<Record<string, number>> {
    const before = pokeCounts();
    for (const change of changes) await change();
    await Promise.all([...streams].map(([who, s]) => s.until((current) => current.pokes() >= (before[who] ?? 0) + (expected[who] ?? 0))));
    await quietFor(kind === 'postgres' ? 300 : 150);
    const after = pokeCounts();
    return Object.fromEntries(Object.entries(after).map(([who, n]) => [who, n - (before[who] ?? 0)]));
  }

  it('refuses a request without a token with 401', async () => {
    const anonymous = await openEvents(instance.port, undefined);
    expect(anonymous.status).toBe(401);
    anonymous.close();
  });

  it('answers text/event-stream and opens with a comment', () => {
    const s = stream('consultantA');
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.text().startsWith(':')).toBe(true);
  });

  it('sends keepalive comments at the configured interval', async () => {
    const s = stream('consultantB');
    const before = s.keepalives();
    await s.until((current) => current.keepalives() >= before + 2, 2_000);
  });

  it('pokes staff of the branch that changed, and not the other branch', async () => {
    const expected = { consultantA: 1, consultantB: 1, service: 2 };
    const deltas = await afterChanges(
      expected,
      () => sql`update customers set phone = '55 00 00 00' where id = 'sy-c-b'`.execute(instance.db),
      () => sql`update customers set phone = '22 00 00 00' where id = 'sy-c-a'`.execute(instance.db),
    );
    expect(deltas).toEqual(expected);
  });

  it('pokes everyone for a change of a global table and for a row without a branch', async () => {
    const expected = { consultantA: 2, consultantB: 2, service: 2 };
    const deltas = await afterChanges(
      expected,
      () => sql`update products set name_nb = 'Downlight LED 12 W' where id = 'sy-p1'`.execute(instance.db),
      () => sql`update contact_messages set status = 'closed' where id = 'sy-m-none'`.execute(instance.db),
    );
    expect(deltas).toEqual(expected);
  });

  it('pokes both branches when a customer moves between them', async () => {
    // One transaction: one notification per distinct payload, each naming both branches.
    const deltas = await afterChanges({ consultantA: 1, consultantB: 1, service: 1 }, () => moveCustomerToBranch(instance.db, 'sy-c-a', BRANCH_B));
    expect(deltas).toEqual({ consultantA: 1, consultantB: 1, service: 1 });
  });

  it('pokes once per transaction, not once per row', async () => {
    const deltas = await afterChanges({ consultantB: 1, service: 1 }, () =>
      instance.db.transaction().execute(async (trx) => {
        await sql`update order_lines set status = 'delivered' where id = 'sy-ol-b'`.execute(trx);
        await sql`update shipments set delivered_at = now() where id = 'sy-s-b'`.execute(trx);
      }),
    );
    expect(deltas).toEqual({ consultantA: 0, consultantB: 1, service: 1 });
  });

  it('ends open streams when the service closes, so closing does not hang', async () => {
    const other = await startSyncInstance(await databases.fresh(), { events: { keepaliveMs: 60_000 } });
    await seedSyncWorld(other.db);
    const open = await openEvents(other.port, await tokenFor(other, 'admin'));
    const started = Date.now();
    await other.close();
    await open.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
