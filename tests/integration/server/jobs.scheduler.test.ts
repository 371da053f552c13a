import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db';
import { EXPIRE_BATCH_SIZE, startScheduler, type Job } from '../../../server/jobs';
import { startServer } from '../../../server/start';
import { BACKENDS, useTestDatabases } from './backends';
import { createJobsQuote, createJobsQuotes, quoteState, seedJobsWorld } from './jobsFixture';

// The scheduler with real (short) timers, then the jobs as startServer runs them.

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('startScheduler', () => {
  it('runs a job on its interval, from the end of one run to the start of the next', async () => {
    const starts: number[] = [];
    let active = 0;
    let maxActive = 0;
    const job: Job = {
      name: 'tick',
      everyMs: 30,
      async run() {
        starts.push(Date.now());
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(20);
        active -= 1;
        return undefined;
      },
    };
    const scheduler = startScheduler([job], { firstRunAfterMs: 0, log: () => undefined });
    try {
      await waitFor(() => starts.length >= 4, 'four runs');
    } finally {
      await scheduler.close();
    }
    expect(maxActive).toBe(1);
    // Each start is at least the run (20 ms) plus the interval (30 ms) after the previous one.
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(48);
  });

  it('waits the interval before the first run unless told otherwise', async () => {
    let runs = 0;
    const scheduler = startScheduler([{ name: 'late', everyMs: 200, run: async () => void (runs += 1) }], { log: () => undefined });
    await sleep(100);
    expect(runs).toBe(0);
    await waitFor(() => runs === 1, 'the first run');
    await scheduler.close();
  });

  it('logs a failing run and tries again at the next interval', async () => {
    const lines: string[] = [];
    let calls = 0;
    const job: Job = {
      name: 'flaky',
      everyMs: 20,
      async run() {
        calls += 1;
        if (calls <= 2) throw new Error(`database away (${calls})`);
        return `worked on try ${calls}`;
      },
    };
    const scheduler = startScheduler([job], { firstRunAfterMs: 0, log: (line) => lines.push(line) });
    try {
      await waitFor(() => lines.some((line) => line.includes('worked')), 'a successful run');
    } finally {
      await scheduler.close();
    }
    expect(lines[0]).toMatch(/^job flaky failed, next try in 20 ms: Error: database away \(1\)/);
    expect(lines[1]).toMatch(/^job flaky failed, next try in 20 ms: Error: database away \(2\)/);
    expect(lines[2]).toBe('job flaky: worked on try 3');
  });

  it('keeps running when the job throws synchronously or the logger throws', async () => {
    let calls = 0;
    const job: Job = {
      name: 'bad',
      everyMs: 10,
      run() {
        calls += 1;
        throw new Error('not even a promise');
      },
    };
    const scheduler = startScheduler([job], {
      firstRunAfterMs: 0,
      log: () => {
        throw new Error('stderr is gone');
      },
    });
    await waitFor(() => calls >= 3, 'three tries');
    await scheduler.close();
  });

  it('close() waits for the run in flight and plans no further runs', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let finished = 0;
    const job: Job = {
      name: 'slow',
      everyMs: 10,
      async run() {
        started += 1;
        await gate;
        finished += 1;
        return undefined;
      },
    };
    const scheduler = startScheduler([job], { firstRunAfterMs: 0, log: () => undefined });
    await waitFor(() => started === 1, 'the run to start');
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    await sleep(50);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(1);
    await sleep(50);
    expect(started).toBe(1);
    // Closing again is harmless.
    await scheduler.close();
  });

  it('refuses an interval it cannot keep', () => {
    expect(() => startScheduler([{ name: 'never', everyMs: 0, run: async () => undefined }])).toThrow(RangeError);
    expect(() => startScheduler([{ name: 'too-far', everyMs: 40 * 86_400_000, run: async () => undefined }])).toThrow(RangeError);
  });
});

// One database per backend, used by one service after another (each test's quotes are its own).
describe.each(BACKENDS)('background jobs in startServer (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  const now = new Date('2031-04-01T06:00:00Z');

  async function prepared(quotes: Array<{ id?: string; status: 'answered' | 'requested'; validUntil: string }>) {
    let db: Kysely<Database> | undefined;
    const ids: string[] = [];
    const prepare = async (service: Kysely<Database>): Promise<void> => {
      db = service;
      await seedJobsWorld(service);
      for (const quote of quotes) ids.push(await createJobsQuote(service, quote.status, quote.validUntil));
    };
    return {
      prepare,
      ids,
      db(): Kysely<Database> {
        if (db === undefined) throw new Error('prepare has not run');
        return db;
      },
    };
  }

  it('expires due quotes on its interval, survives a failing run, and answers meanwhile', async () => {
    const world = await prepared([
      { status: 'answered', validUntil: '2031-03-31' },
      { status: 'answered', validUntil: '2031-04-30' },
    ]);
    const lines: string[] = [];
    let clockCalls = 0;
    const server = await startServer({
      port: 0,
      db: databases.config(),
      logLevel: 'silent',
      prepare: world.prepare,
      jobs: {
        firstRunAfterMs: 0,
        expireQuotesEveryMs: 40,
        pruneEveryMs: 40,
        // The first runs fail (as if the database were away); later ones must still happen.
        now: () => {
          clockCalls += 1;
          if (clockCalls <= 3) throw new Error('clock unavailable');
          return now;
        },
        log: (line) => lines.push(line),
      },
    });
    try {
      const [due, valid] = world.ids as [string, string];
      await waitFor(async () => (await quoteState(world.db(), due)).status === 'expired', 'the due quote to expire');
      expect((await quoteState(world.db(), valid)).status).toBe('answered');
      expect(lines.filter((line) => line.includes('failed')).length).toBeGreaterThanOrEqual(1);
      expect(lines.some((line) => /^job expire-quotes: expired 1 quotes past their validity \(T-/.test(line))).toBe(true);
      expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('runs no jobs with jobs: false', async () => {
    const world = await prepared([{ status: 'answered', validUntil: '2020-01-31' }]);
    const server = await startServer({ port: 0, db: databases.config(), logLevel: 'silent', prepare: world.prepare, jobs: false });
    try {
      await sleep(300);
      expect((await quoteState(world.db(), world.ids[0] ?? '')).status).toBe('answered');
    } finally {
      await server.close();
    }
  });

  it('close() waits for a job run in flight to finish before the database closes', async () => {
    // The held quote comes first; the others need a second batch (a second transaction), which
    // would find the database closed if close() did not wait for the whole run.
    const world = await prepared([{ status: 'answered', validUntil: '2031-02-01' }]);
    let more: string[] = [];
    const prepare = async (service: Kysely<Database>): Promise<void> => {
      await world.prepare(service);
      more = await createJobsQuotes(service, EXPIRE_BATCH_SIZE + 5, 'answered', '2031-03-31');
    };
    const config = databases.config();
    let started = false;
    const server = await startServer({
      port: 0,
      db: config,
      logLevel: 'silent',
      prepare,
      jobs: {
        firstRunAfterMs: 300,
        expireQuotesEveryMs: 60_000,
        pruneEveryMs: 60_000,
        now: () => {
          started = true;
          return now;
        },
        log: () => undefined,
      },
    });
    // Hold the quote's row (on PGlite: the one session) so the job's run blocks in its transaction.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const blocker = world.db().transaction().execute(async (trx) => {
      await trx.selectFrom('quotes').select('id').where('id', '=', world.ids[0] ?? '').forUpdate().execute();
      holding();
      await gate;
    });
    await held;
    await waitFor(() => started, 'a run to start');
    await sleep(50);
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await sleep(150);
    expect(closed).toBe(false);
    release();
    await blocker;
    await closing;
    // The run finished against an open database: all its batches are there after a reopen.
    const handle = await openDatabase(config);
    try {
      expect((await quoteState(handle.db, world.ids[0] ?? '')).status).toBe('expired');
      const left = await handle.db.selectFrom('quotes').select('id').where('id', 'in', more).where('status', '<>', 'expired').execute();
      expect(left).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
