import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullLine } from '../../../electron/shared/protocol/sync';
import { syncRowSchemas, syncTableNames, syncTableNameSchema } from '../../../electron/shared/sync/rows';
import type { Database } from '../../../server/db';
import { BACKENDS, useTestDatabases } from './backends';
import { BRANCH_A, delKeys, pullOnce, putKeys, seedSyncWorld, startSyncInstance, tokenFor, type SyncInstance, type SyncStaffKey } from './pullFixture';

// What each role's snapshot holds: exactly the rows the visibility rule gives it, in a shape
// the client's schemas accept. Expected ids come from the database with the rule in SQL.
async function visibleKeys(db: Kysely<Database>, branchId: string | null): Promise<string[]> {
  const keys: string[] = [];
  for (const table of syncTableNames) {
    const global = table === 'branches' || table === 'staff' || table === 'products';
    const rows = await sql<{ id: string }>`select id from ${sql.table(table)} ${
      global || branchId === null ? sql`` : sql`where branch_id = ${branchId}`
    }`.execute(db);
    keys.push(...rows.rows.map((row) => `${table}:${row.id}`));
  }
  return keys.sort();
}

function linesOf(lines: readonly PullLine[], t: PullLine['t']): PullLine[] {
  return lines.filter((line) => line.t === t);
}

describe.each(BACKENDS)('GET /v1/sync/pull snapshot (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  const tokens = new Map<SyncStaffKey, string>();

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config());
    await seedSyncWorld(instance.db);
    for (const who of ['consultantA', 'branchA', 'consultantB', 'service', 'admin'] as const) tokens.set(who, await tokenFor(instance, who));
  });
  afterAll(async () => {
    await instance?.close();
  });

  function token(who: SyncStaffKey): string {
    const value = tokens.get(who);
    if (value === undefined) throw new Error(`no token for ${who}`);
    return value;
  }

  it.each([
    ['consultantA', BRANCH_A],
    ['branchA', BRANCH_A],
    ['consultantB', 'sy-b'],
    ['service', null],
    ['admin', null],
  ] as const)('%s gets exactly the rows they may see', async (who, branchId) => {
    const answer = await pullOnce(instance, token(who));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(answer.lines[0]).toEqual({ t: 'begin', snapshot: true, total: answer.lines.length - 2 });
    expect(answer.lines.at(-1)).toMatchObject({ t: 'end', more: false });
    expect(linesOf(answer.lines, 'del')).toEqual([]);
    expect(putKeys(answer.lines).sort()).toEqual(await visibleKeys(instance.db, branchId));
  });

  it('sends a consultant none of the other branch and nothing without a branch', async () => {
    const keys = putKeys((await pullOnce(instance, token('consultantA'))).lines);
    expect(keys).toContain('customers:sy-c-a');
    expect(keys).not.toContain('customers:sy-c-b');
    expect(keys).not.toContain('contact_messages:sy-m-none');
    // Global tables aside (branch B itself, its staff), nothing of branch B.
    expect(keys.filter((key) => key.endsWith('-b') && !/^(branches|staff):/.test(key))).toEqual([]);
    const all = putKeys((await pullOnce(instance, token('service'))).lines);
    expect(all).toEqual(expect.arrayContaining(['customers:sy-c-a', 'customers:sy-c-b', 'contact_messages:sy-m-none']));
  });

  it('sends rows every wire schema accepts, staff without login columns, every table once in order', async () => {
    const { lines } = await pullOnce(instance, token('admin'));
    const puts = lines.flatMap((line) => (line.t === 'put' ? [line] : []));
    for (const put of puts) syncRowSchemas[put.table].parse(put.row);
    const staffRows = puts.filter((put) => put.table === 'staff').map((put) => put.row);
    expect(staffRows.length).toBe(5);
    for (const row of staffRows) expect(Object.keys(row).sort()).toEqual(['active', 'branch_id', 'id', 'name', 'role']);
    for (const put of puts) expect(put.row).not.toHaveProperty('version');
    // Referenced tables first: the tables appear in syncTableNames order, each in one run.
    const order = puts.map((put) => put.table).filter((table, index, all) => all[index - 1] !== table);
    expect(order).toEqual(syncTableNames.filter((table) => order.includes(table)));
    expect(new Set(order).size).toBe(syncTableNames.length);
    syncTableNameSchema.array().parse(order);
  });

  it('writes timestamps as ISO-8601 UTC and dates as YYYY-MM-DD', async () => {
    const { lines } = await pullOnce(instance, token('consultantA'));
    const quote = lines.find((line) => line.t === 'put' && line.table === 'quotes');
    expect(quote).toMatchObject({ row: { requested_at: '2026-01-05T08:00:00+00:00', due_at: '2026-01-06T08:00:00+00:00', valid_until: '2026-02-05' } });
    const events = lines.find((line) => line.t === 'put' && line.table === 'quote_events');
    expect(events).toMatchObject({ row: { detail: { via: 'shop' } } });
  });

  it('counts every put and del line in begin.total', async () => {
    const { lines } = await pullOnce(instance, token('service'));
    const begin = lines[0];
    expect(begin?.t).toBe('begin');
    expect(begin?.t === 'begin' && begin.total).toBe(putKeys(lines).length + delKeys(lines).length);
  });
});
