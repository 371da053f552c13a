import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTableNames } from '../../../../electron/shared/sync/rows';
import { migrate, openDatabase, PGliteDialect } from '../../../../server/db';
import { migrations } from '../../../../server/migrations';
import { BACKENDS, useTestDatabases } from '../backends';
import { baseRows, customerRows, exec } from './support';

const CHANNEL = 'lysdesk_changes';

// A database migrated to 15 and a listener on the change channel, per engine: a pg.Client on
// PostgreSQL, PGlite's own listen on PGlite (whose object openDatabase does not hand out).
interface Listening {
  db: Kysely<unknown>;
  received: string[];
  close(): Promise<void>;
}

async function openListening(config: ReturnType<ReturnType<typeof useTestDatabases>['config']>): Promise<Listening> {
  const received: string[] = [];
  const upTo15 = migrations.filter((migration) => migration.version <= 15);
  if (config.kind === 'postgres') {
    const handle = await openDatabase(config);
    await migrate(handle.db, upTo15);
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) received.push(message.payload ?? '');
    });
    await client.query(`listen ${CHANNEL}`);
    return { db: handle.db as unknown as Kysely<unknown>, received, close: async () => (await client.end(), await handle.close()) };
  }
  const pglite = await PGlite.create({ dataDir: config.dir });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  await migrate(db as never, upTo15);
  await pglite.listen(CHANNEL, (payload) => received.push(payload));
  return { db, received, close: () => db.destroy() };
}

describe.each(BACKENDS)('migration 0015_change_notify (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let listening: Listening;

  beforeAll(async () => {
    listening = await openListening(databases.config());
    for (const row of [...baseRows, ...customerRows]) await exec(listening.db, row);
  });
  afterAll(async () => {
    await listening?.close();
  });

  // Waits until a marker sent now comes back: the queue is in commit order, so everything
  // committed before it has arrived too. Returns what came before the marker.
  async function drain(): Promise<string[]> {
    const marker = `marker-${Math.random()}`;
    await sql`select pg_notify(${CHANNEL}, ${marker})`.execute(listening.db);
    for (let waited = 0; !listening.received.includes(marker); waited += 5) {
      if (waited > 5_000) throw new Error('the marker notification never arrived');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return listening.received.splice(0).filter((payload) => payload !== marker);
  }

  // Runs `statements` (in one transaction when more than one) and returns what was notified.
  async function notified(...statements: string[]): Promise<string[]> {
    await drain();
    if (statements.length === 1) await exec(listening.db, statements[0] ?? '');
    else
      await listening.db.transaction().execute(async (trx) => {
        for (const statement of statements) await exec(trx, statement);
      });
    return drain();
  }

  it('has insert, update and delete triggers on every synced table', async () => {
    const result = await sql<{ table: string; n: number }>`select event_object_table as table, count(distinct event_manipulation)::int as n
      from information_schema.triggers where trigger_name like '%\\_notify\\_%' group by event_object_table`.execute(listening.db);
    expect(Object.fromEntries(result.rows.map((row) => [row.table, row.n]))).toEqual(Object.fromEntries(syncTableNames.map((table) => [table, 3])));
  });

  it('notifies once per statement with the sorted distinct branches it touched', async () => {
    expect(
      await notified(`insert into customers (id, customer_number, org_number, name, branch_id) values
        ('c2', '100002', '923609016', 'A', 'b2'), ('c3', '100003', '923609016', 'B', 'b1'), ('c4', '100004', '923609016', 'C', 'b2')`),
    ).toEqual(['b1,b2']);
    expect(await notified(`update customers set name = name || '!' where branch_id = 'b2'`)).toEqual(['b2']);
    expect(await notified(`delete from customers where id = 'c4'`)).toEqual(['b2']);
  });

  it('names both branches when an update moves rows from one to another', async () => {
    expect(await notified(`update customers set branch_id = 'b2' where id = 'c3'`)).toEqual(['b1,b2']);
  });

  it('notifies * for global tables and for rows without a branch', async () => {
    expect(await notified(`update products set list_price_ore = 1 where id = 'p1'`)).toEqual(['*']);
    expect(await notified(`update staff set name = 'Kari N.' where id = 's1'`)).toEqual(['*']);
    expect(
      await notified(`insert into contact_messages (id, category, sender_name, sender_email, subject, body, received_at)
        values ('m1', 'general', 'Ukjent', 'u@example.no', 'Hei', 'Hei', now())`),
    ).toEqual(['*']);
  });

  it('stays silent for a statement that changes no row', async () => {
    expect(await notified(`update customers set name = 'x' where id = 'nobody'`)).toEqual([]);
    expect(await notified(`delete from products where id = 'nothing'`)).toEqual([]);
  });

  it('delivers a transaction’s notifications at commit, identical ones once', async () => {
    expect(
      await notified(
        `update customers set name = 'a' where id = 'c1'`,
        `update customers set name = 'b' where id = 'c1'`,
        `update customers set name = 'x' where id = 'c2'`,
      ),
    ).toEqual(['b1', 'b2']);
  });

  it('still stamps versions from the sequence', async () => {
    const before = await sql<{ v: string }>`select version::text as v from customers where id = 'c1'`.execute(listening.db);
    await exec(listening.db, `update customers set phone = '22 22 22 22' where id = 'c1'`);
    const after = await sql<{ v: string }>`select version::text as v from customers where id = 'c1'`.execute(listening.db);
    expect(BigInt(after.rows[0]?.v ?? '0')).toBeGreaterThan(BigInt(before.rows[0]?.v ?? '0'));
  });
});
