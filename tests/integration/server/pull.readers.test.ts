import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullLine } from '../../../electron/shared/protocol/sync';
import type { Database } from '../../../server/db';
import { useTestDatabases } from './backends';
import { BRANCH_A, BRANCH_B, pullAll, seedCustomer, seedSyncWorld, startSyncInstance, SYNC_STAFF, tokenFor, type SyncInstance } from './pullFixture';

// On PostgreSQL a pull reads its batches on two connections that share one exported snapshot.
// PostgreSQL only: PGlite has a single connection, so there a pull always reads alone (app.ts),
// and a write from the test while a pull holds that connection would simply wait for it.

type Hook = (index: number) => Promise<void>;

function rowsOf(pages: readonly PullLine[][]): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  for (const line of pages.flat()) if (line.t === 'put') rows.set(`${line.table}:${String(line.row.id)}`, line.row);
  return rows;
}

// Backends of this database, other than the asking one, in a transaction whose last statement
// read a batch: the pull's own connection and each extra reader.
async function batchReaders(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and query like '%string_agg(line%'`.execute(db);
  return result.rows[0]?.n ?? 0;
}

describe('GET /v1/sync/pull with parallel snapshot readers (postgres)', () => {
  const databases = useTestDatabases('postgres');
  let instance: SyncInstance;
  let token: string;
  let hook: Hook | undefined;

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config(), {
      pull: { limits: { batchRows: 2, readers: 2, beforeBatch: (index) => hook?.(index) } },
    });
    await seedSyncWorld(instance.db);
    for (let i = 0; i < 3; i++) await seedCustomer(instance.db, `r${i}`, i % 2 === 0 ? BRANCH_A : BRANCH_B, SYNC_STAFF.consultantA.id);
    token = await tokenFor(instance, 'service');
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('reads batches on two connections at once', async () => {
    const seen: number[] = [];
    hook = async (index) => {
      // By the fifth batch each reader has read at least one (the second opens for batch 1).
      if (index === 4) seen.push(await batchReaders(instance.db));
    };
    try {
      await pullAll(instance, token);
    } finally {
      hook = undefined;
    }
    expect(seen).toEqual([2]);
  });

  it('sends exactly the snapshot of the pull’s start, though rows change while it is read', async () => {
    const before = rowsOf((await pullAll(instance, token)).pages);
    hook = async (index) => {
      if (index !== 1) return;
      // Committed at once on another pooled connection, between the batches of the pull.
      await sql`update customers set name = name || ' (endret)'`.execute(instance.db);
      await sql`update order_lines set status = 'delivered'`.execute(instance.db);
      await seedCustomer(instance.db, 'late', BRANCH_A, SYNC_STAFF.consultantA.id);
    };
    let during: { pages: PullLine[][]; cursor: string };
    try {
      during = await pullAll(instance, token);
    } finally {
      hook = undefined;
    }
    expect(rowsOf(during.pages)).toEqual(before);
    // The writes come with the next pull from that cursor.
    const after = rowsOf((await pullAll(instance, token, during.cursor)).pages);
    expect([...after.keys()].filter((key) => key.startsWith('customers:')).sort()).toEqual(
      [...before.keys(), 'customers:sy-c-late'].filter((key) => key.startsWith('customers:')).sort(),
    );
    expect([...after.values()].filter((row) => (row as { status?: string }).status === 'open')).toEqual([]);
  });

  it('reads alone when the service’s extra readers are all taken, with the same result', async () => {
    const alone = await startSyncInstance(databases.config(), { pull: { limits: { batchRows: 2, readers: 1 } } });
    try {
      const one = rowsOf((await pullAll(alone, await tokenFor(alone, 'service'))).pages);
      const two = rowsOf((await pullAll(instance, token)).pages);
      expect(one).toEqual(two);
      expect(one.size).toBeGreaterThan(20);
    } finally {
      await alone.close();
    }
  });
});
