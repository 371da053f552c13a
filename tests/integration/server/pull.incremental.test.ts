import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { moveCustomerToBranch } from '../../../server/sync/pullMoves';
import { BACKENDS, useTestDatabases } from './backends';
import {
  BRANCH_B,
  cursorOf,
  delKeys,
  pullAll,
  pullOnce,
  putKeys,
  seedCustomer,
  seedSyncWorld,
  startSyncInstance,
  SYNC_STAFF,
  tokenFor,
  type SyncInstance,
  type SyncStaffKey,
} from './pullFixture';

// Incremental pulls: after a cursor, exactly what changed in sight, deletions, and rows that
// left (or entered) a staff member's sight.
describe.each(BACKENDS)('GET /v1/sync/pull incremental (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  const tokens = new Map<SyncStaffKey, string>();

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config());
    await seedSyncWorld(instance.db);
    await seedCustomer(instance.db, 'move', SYNC_STAFF.consultantA.branchId, SYNC_STAFF.consultantA.id);
    for (const who of Object.keys(SYNC_STAFF) as SyncStaffKey[]) tokens.set(who, await tokenFor(instance, who));
  });
  afterAll(async () => {
    await instance?.close();
  });

  function token(who: SyncStaffKey): string {
    const value = tokens.get(who);
    if (value === undefined) throw new Error(`no token for ${who}`);
    return value;
  }

  async function cursors(...who: SyncStaffKey[]): Promise<Map<SyncStaffKey, string>> {
    const result = new Map<SyncStaffKey, string>();
    for (const key of who) result.set(key, (await pullAll(instance, token(key))).cursor);
    return result;
  }

  async function since(who: SyncStaffKey, from: Map<SyncStaffKey, string>) {
    const answer = await pullOnce(instance, token(who), { cursor: from.get(who) ?? '' });
    expect(answer.status).toBe(200);
    expect(answer.lines[0]).toMatchObject({ t: 'begin', snapshot: false });
    expect(answer.lines.at(-1)).toMatchObject({ t: 'end', more: false });
    return answer.lines;
  }

  it('returns nothing when nothing changed, and keeps the cursor usable', async () => {
    const from = await cursors('consultantA');
    const lines = await since('consultantA', from);
    expect(lines).toEqual([
      { t: 'begin', snapshot: false, total: 0 },
      { t: 'end', cursor: from.get('consultantA'), more: false },
    ]);
  });

  it('after an update returns just that row, to those who see it', async () => {
    const from = await cursors('consultantA', 'consultantB', 'service');
    await sql`update customers set loyalty_tier = 'platinum' where id = 'sy-c-a'`.execute(instance.db);
    const mine = await since('consultantA', from);
    expect(putKeys(mine)).toEqual(['customers:sy-c-a']);
    expect(mine[1]).toMatchObject({ t: 'put', table: 'customers', row: { id: 'sy-c-a', loyalty_tier: 'platinum' } });
    expect(putKeys(await since('consultantB', from))).toEqual([]);
    expect(putKeys(await since('service', from))).toEqual(['customers:sy-c-a']);
  });

  it('after a delete returns del, to those who saw the row', async () => {
    const from = await cursors('consultantA', 'consultantB', 'admin');
    await sql`delete from quote_comments where id = 'sy-qc-a'`.execute(instance.db);
    expect(delKeys(await since('consultantA', from))).toEqual(['quote_comments:sy-qc-a']);
    expect(delKeys(await since('consultantB', from))).toEqual([]);
    expect(delKeys(await since('admin', from))).toEqual(['quote_comments:sy-qc-a']);
  });

  it('sends changes of global tables to everyone', async () => {
    const from = await cursors('consultantA', 'consultantB', 'branchA');
    await sql`update products set list_price_ore = 51900 where id = 'sy-p1'`.execute(instance.db);
    for (const who of ['consultantA', 'consultantB', 'branchA'] as const) expect(putKeys(await since(who, from))).toEqual(['products:sy-p1']);
  });

  it('sends the deletion of a row without branch only to customer service and admin', async () => {
    const from = await cursors('consultantA', 'service');
    await sql`delete from contact_messages where id = 'sy-m-none'`.execute(instance.db);
    expect(delKeys(await since('consultantA', from))).toEqual([]);
    expect(delKeys(await since('service', from))).toEqual(['contact_messages:sy-m-none']);
  });

  it('after a customer moves to another branch: del for the old branch, put for the new one', async () => {
    const from = await cursors('consultantA', 'branchA', 'consultantB', 'service');
    const moved = await moveCustomerToBranch(instance.db, 'sy-c-move', BRANCH_B);
    expect(Object.values(moved).reduce((sum, n) => sum + n, 0)).toBe(18);
    const expected = (await sql<{ key: string }>`select table_name || ':' || row_id as key from sync_branch_moves`.execute(instance.db)).rows
      .map((row) => row.key)
      .sort();
    expect(expected).toContain('customers:sy-c-move');
    expect(expected).toContain('order_lines:sy-ol-move');
    for (const who of ['consultantA', 'branchA'] as const) {
      const lines = await since(who, from);
      expect(delKeys(lines).sort()).toEqual(expected);
      expect(putKeys(lines)).toEqual([]);
    }
    const gained = await since('consultantB', from);
    expect(putKeys(gained).sort()).toEqual(expected);
    expect(delKeys(gained)).toEqual([]);
    // Customer service saw the rows before and still does: new versions, no deletions.
    const service = await since('service', from);
    expect(putKeys(service).sort()).toEqual(expected);
    expect(delKeys(service)).toEqual([]);
  });

  it('does not send del for a row that moved away and back', async () => {
    const from = await cursors('consultantB');
    await moveCustomerToBranch(instance.db, 'sy-c-move', SYNC_STAFF.consultantA.branchId);
    await moveCustomerToBranch(instance.db, 'sy-c-move', BRANCH_B);
    const lines = await since('consultantB', from);
    expect(delKeys(lines)).toEqual([]);
    expect(putKeys(lines)).toContain('customers:sy-c-move');
  });

  it('answers 410 RESYNC_REQUIRED when the staff member’s branch changed since the cursor', async () => {
    const from = await cursors('branchA');
    await sql`update staff set branch_id = ${BRANCH_B} where id = ${SYNC_STAFF.branchA.id}`.execute(instance.db);
    try {
      const answer = await pullOnce(instance, token('branchA'), { cursor: from.get('branchA') ?? '' });
      expect(answer.status).toBe(410);
      expect(errorBodySchema.parse(JSON.parse(answer.body.toString('utf8'))).error.code).toBe('RESYNC_REQUIRED');
      // A new snapshot shows the new branch.
      expect(putKeys((await pullOnce(instance, token('branchA'))).lines)).toContain('customers:sy-c-b');
    } finally {
      await sql`update staff set branch_id = ${SYNC_STAFF.branchA.branchId} where id = ${SYNC_STAFF.branchA.id}`.execute(instance.db);
    }
  });

  it('answers 410 RESYNC_REQUIRED for a cursor ahead of the data (a restored database)', async () => {
    const cursor = cursorOf((await pullOnce(instance, token('admin'))).lines);
    const ahead = cursor.replace(/\.(\d+)$/, (_match, version: string) => `.${BigInt(version) + 1000n}`);
    const answer = await pullOnce(instance, token('admin'), { cursor: ahead });
    expect(answer.status).toBe(410);
  });
});
