import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullLine } from '../../../electron/shared/protocol/sync';
import { syncTableNames } from '../../../electron/shared/sync/rows';
import type { Database } from '../../../server/db';
import { BACKENDS, useTestDatabases } from './backends';
import { BRANCH_A, pullAll, pullOnce, seedCustomer, seedSyncWorld, startSyncInstance, SYNC_STAFF, tokenFor, type SyncInstance } from './pullFixture';

const PAGE_ROWS = 7;

// A client's copy of the synced tables, applied the way protocol.md says: a response whole or
// not at all, a snapshot replacing everything.
class Replica {
  readonly rows = new Map<string, unknown>();
  cursor: string | undefined;

  apply(lines: readonly PullLine[]): { more: boolean } {
    const end = lines.at(-1);
    if (lines[0]?.t !== 'begin' || end?.t !== 'end') throw new Error('incomplete response');
    if (lines[0].snapshot) this.rows.clear();
    for (const line of lines) {
      if (line.t === 'put') this.rows.set(`${line.table}:${String(line.row.id)}`, line.row);
      if (line.t === 'del') this.rows.delete(`${line.table}:${line.id}`);
    }
    this.cursor = end.cursor;
    return { more: end.more };
  }
}

async function branchKeys(db: Kysely<Database>, branchId: string): Promise<string[]> {
  const keys: string[] = [];
  for (const table of syncTableNames) {
    const global = table === 'branches' || table === 'staff' || table === 'products';
    const rows = await sql<{ id: string }>`select id from ${sql.table(table)} ${global ? sql`` : sql`where branch_id = ${branchId}`}`.execute(db);
    keys.push(...rows.rows.map((row) => `${table}:${row.id}`));
  }
  return keys.sort();
}

describe.each(BACKENDS)('GET /v1/sync/pull paging (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  let token: string;

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config(), { pull: { limits: { pageRows: PAGE_ROWS, batchRows: 3 } } });
    await seedSyncWorld(instance.db);
    for (let i = 0; i < 4; i++) await seedCustomer(instance.db, `p${i}`, BRANCH_A, SYNC_STAFF.consultantA.id);
    token = await tokenFor(instance, 'consultantA');
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('splits a snapshot into full pages that together hold every row exactly once', async () => {
    const { pages } = await pullAll(instance, token);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, index) => {
      const last = index === pages.length - 1;
      expect(page[0]).toMatchObject({ t: 'begin', snapshot: index === 0 });
      expect(page.at(-1)).toMatchObject({ t: 'end', more: !last });
      const rows = page.filter((line) => line.t === 'put').length;
      expect(page[0]?.t === 'begin' && page[0].total).toBe(rows);
      if (!last) expect(rows).toBe(PAGE_ROWS);
    });
    const keys = pages.flat().flatMap((line) => (line.t === 'put' ? [`${line.table}:${String(line.row.id)}`] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(await branchKeys(instance.db, BRANCH_A));
  });

  it('converges when the data changes between the pages of a pull', async () => {
    const replica = new Replica();
    for (let page = 0; ; page++) {
      const answer = await pullOnce(instance, token, replica.cursor === undefined ? {} : { cursor: replica.cursor });
      const { more } = replica.apply(answer.lines);
      if (page === 1) {
        // Behind the pull (a row already sent), ahead of it (a table not reached yet), and new.
        await sql`update branches set name = 'Oslo sentrum' where id = ${BRANCH_A}`.execute(instance.db);
        await sql`delete from migration_events where id = 'sy-e-p1'`.execute(instance.db);
        await sql`update order_lines set status = 'delivered' where id = 'sy-ol-p2'`.execute(instance.db);
        await seedCustomer(instance.db, 'late', BRANCH_A, SYNC_STAFF.consultantA.id);
      }
      if (!more) break;
    }
    // The changes made during the pull come with the next one.
    for (;;) {
      const answer = await pullOnce(instance, token, { cursor: replica.cursor ?? '' });
      if (!replica.apply(answer.lines).more) break;
    }
    expect([...replica.rows.keys()].sort()).toEqual(await branchKeys(instance.db, BRANCH_A));
    expect(replica.rows.get(`branches:${BRANCH_A}`)).toMatchObject({ name: 'Oslo sentrum' });
    expect(replica.rows.get('order_lines:sy-ol-p2')).toMatchObject({ status: 'delivered' });
  });

  it('pages an incremental pull through deletions and puts without losing or repeating a line', async () => {
    const replica = new Replica();
    for (;;) if (!replica.apply((await pullOnce(instance, token, replica.cursor === undefined ? {} : { cursor: replica.cursor })).lines).more) break;
    await sql`delete from quote_comments where branch_id = ${BRANCH_A}`.execute(instance.db);
    await sql`delete from migration_events where branch_id = ${BRANCH_A}`.execute(instance.db);
    await sql`update customers set phone = '22 00 00 00' where branch_id = ${BRANCH_A}`.execute(instance.db);
    await sql`update order_lines set cancelled_qty = 1 where branch_id = ${BRANCH_A}`.execute(instance.db);
    const seen: string[] = [];
    let pages = 0;
    for (;; pages++) {
      const answer = await pullOnce(instance, token, { cursor: replica.cursor ?? '' });
      seen.push(...answer.lines.flatMap((line) => (line.t === 'put' || line.t === 'del' ? [`${line.t} ${line.table}:${line.t === 'put' ? String(line.row.id) : line.id}`] : [])));
      if (!replica.apply(answer.lines).more) break;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((line) => line.startsWith('del quote_comments')).length).toBe(6);
    expect(seen.filter((line) => line.startsWith('put customers')).length).toBe(6);
    // Deletions come first, so a client never deletes what the same pull just put.
    const firstPut = seen.findIndex((line) => line.startsWith('put'));
    expect(seen.slice(firstPut).some((line) => line.startsWith('del'))).toBe(false);
    expect([...replica.rows.keys()].sort()).toEqual(await branchKeys(instance.db, BRANCH_A));
  });
});
