import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PGliteDialect } from '../../../server/db';

// The dialect on its own, on an in-memory PGlite: what kysely asks of a driver (exclusive
// connections, transactions, savepoints, streams) and the one mistake it can catch.

interface TestDatabase {
  items: { id: number; label: string | null };
}

// A test that would deadlock must fail, not hang the run.
const DEADLOCK_TIMEOUT_MS = 5_000;
const SELF_DEADLOCK = /Inside a transaction use the transaction object \(trx\), not db/;

interface MemoryDatabase {
  pglite: PGlite;
  db: Kysely<TestDatabase>;
}

async function openMemoryDatabase(): Promise<MemoryDatabase> {
  const pglite = await PGlite.create();
  const db = new Kysely<TestDatabase>({ dialect: new PGliteDialect(pglite) });
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('label', 'text')
    .execute();
  return { pglite, db };
}

async function idsIn(db: Kysely<TestDatabase>): Promise<number[]> {
  const rows = await db.selectFrom('items').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

describe('PGlite dialect', () => {
  let pglite: PGlite;
  let db: Kysely<TestDatabase>;

  beforeAll(async () => {
    ({ pglite, db } = await openMemoryDatabase());
  });
  afterAll(async () => {
    await db?.destroy();
  });
  beforeEach(async () => {
    await db.deleteFrom('items').execute();
  });

  async function ids(): Promise<number[]> {
    return idsIn(db);
  }

  function deferred(): { promise: Promise<void>; resolve: () => void } {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  }

  describe('db used inside its own transaction', () => {
    // A database of its own per test: if the mistake did deadlock, the rest would still run.
    let own: MemoryDatabase;
    beforeEach(async () => {
      own = await openMemoryDatabase();
    });
    afterEach(async () => {
      // PGlite itself, not db.destroy(): that would wait for a deadlocked transaction forever.
      await own.pglite.close();
    });

    it(
      'is refused with a clear error instead of waiting forever, and the transaction rolls back',
      async () => {
        const mistake = own.db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ id: 1, label: 'in the transaction' }).execute();
          return own.db.selectFrom('items').selectAll().execute();
        });
        await expect(mistake).rejects.toThrow(SELF_DEADLOCK);
        expect(await idsIn(own.db)).toEqual([]);
      },
      DEADLOCK_TIMEOUT_MS,
    );

    it(
      'is refused as the first statement of the callback too',
      async () => {
        const mistake = own.db.transaction().execute(async () => own.db.selectFrom('items').selectAll().execute());
        await expect(mistake).rejects.toThrow(SELF_DEADLOCK);
      },
      DEADLOCK_TIMEOUT_MS,
    );

    it(
      'is refused in a function holding a controlled transaction',
      async () => {
        const trx = await own.db.startTransaction().execute();
        try {
          await trx.insertInto('items').values({ id: 2, label: null }).execute();
          await expect(own.db.selectFrom('items').selectAll().execute()).rejects.toThrow(SELF_DEADLOCK);
        } finally {
          await trx.rollback().execute();
        }
        expect(await idsIn(own.db)).toEqual([]);
      },
      DEADLOCK_TIMEOUT_MS,
    );

    it(
      'is allowed again once the transaction has ended',
      async () => {
        await own.db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ id: 3, label: null }).execute();
        });
        expect(await idsIn(own.db)).toEqual([3]);
      },
      DEADLOCK_TIMEOUT_MS,
    );
  });

  it(
    'makes a query from another caller wait for an open transaction, then run',
    async () => {
      const inserted = deferred();
      const finish = deferred();
      // Started from this test's own function, which is not inside the transaction: it must wait,
      // not be taken for the mistake above.
      const transaction = db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 10, label: 'committed later' }).execute();
        inserted.resolve();
        await finish.promise;
      });
      await inserted.promise;
      let outsideDone = false;
      const outside = db
        .selectFrom('items')
        .selectAll()
        .execute()
        .then((rows) => {
          outsideDone = true;
          return rows;
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outsideDone).toBe(false);
      finish.resolve();
      await transaction;
      expect(await outside).toEqual([{ id: 10, label: 'committed later' }]);
    },
    DEADLOCK_TIMEOUT_MS,
  );

  it(
    'lets a LISTEN callback query db while the notifying transaction commits',
    async () => {
      // PGlite calls listeners from inside the query that delivered the notification (here the
      // commit, made on behalf of the transaction callback). Such a callback is not inside the
      // transaction: its query must wait for the commit, not be refused as the mistake above.
      const answered: Array<Promise<number[]>> = [];
      const unlisten = await pglite.listen('items_changed', () => {
        answered.push(ids());
      });
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ id: 50, label: null }).execute();
          await sql`select pg_notify('items_changed', '50')`.execute(trx);
        });
        await sql`select pg_notify('items_changed', 'outside a transaction')`.execute(db);
        await expect.poll(() => answered.length).toBe(2);
        expect(await Promise.all(answered)).toEqual([[50], [50]]);
      } finally {
        await unlisten();
      }
    },
    DEADLOCK_TIMEOUT_MS,
  );

  it('rolls back to a savepoint: only the part after it is undone', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ id: 20, label: 'before' }).execute();
    const afterFirst = await trx.savepoint('after_first').execute();
    await afterFirst.insertInto('items').values({ id: 21, label: 'undone' }).execute();
    const rolledBack = await afterFirst.rollbackToSavepoint('after_first').execute();
    await rolledBack.insertInto('items').values({ id: 22, label: 'after' }).execute();
    const kept = await rolledBack.savepoint('keep').execute();
    await kept.insertInto('items').values({ id: 23, label: 'kept' }).execute();
    await kept.releaseSavepoint('keep').execute();
    await trx.commit().execute();
    expect(await ids()).toEqual([20, 22, 23]);
  });

  describe('stream()', () => {
    function series(count: number) {
      return db.selectFrom(sql<{ n: number }>`generate_series(1, ${count}::int)`.as('n')).select('n');
    }

    async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
      const collected: T[] = [];
      for await (const row of rows) collected.push(row);
      return collected;
    }

    it('yields every row of a multi-row query, in order', async () => {
      const rows = await collect(series(1_050).stream(100));
      expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 1_050 }, (_, index) => index + 1));
      expect(pglite.isInTransaction()).toBe(false);
    });

    it('yields rows from a table with parameters, in order, in chunks smaller than the result', async () => {
      await db
        .insertInto('items')
        .values(Array.from({ length: 25 }, (_, index) => ({ id: index + 1, label: `item ${index + 1}` })))
        .execute();
      const rows = await collect(db.selectFrom('items').selectAll().where('id', '>', 3).orderBy('id', 'desc').stream(7));
      expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 22 }, (_, index) => 25 - index));
      expect(rows[0]).toEqual({ id: 25, label: 'item 25' });
    });

    it('fetches from a cursor: rows arrive before a later row fails', async () => {
      // Row 250 divides by zero. A buffered stream fails before yielding anything; a cursor
      // fetched 100 at a time hands over rows 1–200 first.
      const query = db
        .selectFrom(sql<{ n: number }>`generate_series(1, 300)`.as('n'))
        .select(['n', sql<number>`1 / (n - 250)`.as('x')]);
      const seen: number[] = [];
      const failure = await (async () => {
        for await (const row of query.stream(100)) seen.push(row.n);
      })().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(String(failure)).toMatch(/division by zero/);
      expect(seen).toHaveLength(200);
      expect(pglite.isInTransaction()).toBe(false);
      expect(await ids()).toEqual([]);
    });

    it('ends its own transaction and frees the connection when the caller stops early', async () => {
      for await (const row of series(1_000).stream(10)) {
        if (row.n === 15) break;
      }
      expect(pglite.isInTransaction()).toBe(false);
      expect(await db.selectFrom('items').select('id').execute()).toEqual([]);
    });

    it('streams inside a transaction, sees its uncommitted rows and leaves it usable', async () => {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 30, label: 'uncommitted' }).execute();
        const rows = await collect(trx.selectFrom('items').select('id').stream(1));
        expect(rows).toEqual([{ id: 30 }]);
        expect(pglite.isInTransaction()).toBe(true);
        await trx.insertInto('items').values({ id: 31, label: null }).execute();
      });
      expect(await ids()).toEqual([30, 31]);
    });

    it('streams statements a cursor cannot run (insert … returning, a writing WITH)', async () => {
      const inserted = await collect(
        db
          .insertInto('items')
          .values([40, 41, 42].map((id) => ({ id, label: null })))
          .returning('id')
          .stream(2),
      );
      expect(inserted).toEqual([{ id: 40 }, { id: 41 }, { id: 42 }]);
      const deleted = await db.transaction().execute(async (trx) =>
        collect(
          trx
            .with('gone', (qb) => qb.deleteFrom('items').where('id', '=', 41).returning('id'))
            .selectFrom('gone')
            .select('id')
            .stream(),
        ),
      );
      expect(deleted).toEqual([{ id: 41 }]);
      const outside = db.with('gone', (qb) => qb.deleteFrom('items').where('id', '=', 42).returning('id'));
      expect(await collect(outside.selectFrom('gone').select('id').stream())).toEqual([{ id: 42 }]);
      expect(await ids()).toEqual([40]);
      expect(pglite.isInTransaction()).toBe(false);
    });

    it('reports an error in the query itself', async () => {
      const missing = db.selectFrom(sql<{ n: number }>`no_such_table`.as('t')).selectAll();
      await expect(collect(missing.stream())).rejects.toThrow(/no_such_table/);
      expect(pglite.isInTransaction()).toBe(false);
    });
  });
});
