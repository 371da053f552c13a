import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import WebSocket from 'ws';
import { MemorySecretStore } from '../electron/core/auth';
import { openCache } from '../electron/core/cache/open';
import { createCore } from '../electron/core/core';
import { requestJson } from '../electron/core/sync/http';
import { Outbox, type MutationResult } from '../electron/core/sync/outbox';
import { pullIntoCache } from '../electron/core/sync/puller';
import { pushOutbox } from '../electron/core/sync/push';
import { startHost } from '../electron/host/host';
import { ipcEvents } from '../electron/shared/ipc/contract';
import { bridgeSocketPath, wireMessageSchema, type WireMessage } from '../electron/shared/ipc/wire';
import { tokenResponseSchema, type TokenResponse } from '../electron/shared/protocol/auth';
import { syncRowSchemas, type SyncTableName } from '../electron/shared/sync/rows';
import { migrate, openDatabase, type Database } from '../server/db';
import { DEMO_PASSWORD, seedDatabase } from '../server/seed';
import { ADMIN_URL, BENCH_LOGIN, withAdmin } from './benchDatabase';
import { quantile, report } from './measure';
import { startService } from './service';
import type { SyncedWorld } from './sync.bench';

// What a staff member waits for after the first sync: an incremental pull of a burst of server
// changes, a long offline queue pushed at once, and a click until the renderer hears of it.

const LINES_PER_PULL = 1_000;
const PULLS = 5;
const PUSHED = 10_000;
const ACTIONS = 500;
const WARMUP_ACTIONS = 20;
const OPEN_STATUSES = ['requested', 'in_progress', 'revision_requested'];
const ADMIN_LOGIN = { username: 'admin@demo', password: DEMO_PASSWORD } as const;
const CONSULTANT_LOGIN = { username: 'consultant@demo', password: DEMO_PASSWORD } as const;

/** Incremental pull and push on the size-M world {@link benchSync} leaves (run it as its `next`). */
export async function benchSyncOps(world: SyncedWorld): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'lysdesk-bench-ops-'));
  try {
    await benchIncrementalPull(world);
    await benchPush(world, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    // The benchmark database is read by the other benchmarks: clear the dead row versions the
    // updates and deletes left, so later index-only pulls find their pages all-visible again.
    await sql`vacuum (analyze) order_lines, quotes, quote_comments, quote_events, sync_tombstones, sync_clients, sync_mutation_outcomes`.execute(world.handle.db);
  }
}

// 1 000 order lines change status on the server in one statement, then the synced cache pulls
// them; five times, other lines each time. All lines get their status back at the end.
async function benchIncrementalPull(world: SyncedWorld): Promise<void> {
  const { db } = world.handle;
  const target = { baseUrl: world.baseUrl, accessToken: (await login(world.baseUrl, BENCH_LOGIN)).accessToken, clientId: world.clientId };
  // The newest delivered lines: recent orders are the ones that change, and they lie together.
  const picked = await sql<{ id: string }>`select id from order_lines where status = 'delivered' order by id desc limit ${LINES_PER_PULL * PULLS}`.execute(db);
  const ids = picked.rows.map((row) => row.id);
  if (ids.length < LINES_PER_PULL * PULLS) throw new Error(`The benchmark database has only ${ids.length} delivered order lines.`);
  const samples: number[] = [];
  try {
    await pullIntoCache(world.cache.sqlite, target); // whatever changed since the snapshot, untimed
    for (let run = 0; run < PULLS; run++) {
      const lines = ids.slice(run * LINES_PER_PULL, (run + 1) * LINES_PER_PULL);
      await sql`update order_lines set status = 'shipped' where id = any(${lines}::text[])`.execute(db);
      const started = performance.now();
      const outcome = await pullIntoCache(world.cache.sqlite, target);
      samples.push(performance.now() - started);
      if (outcome.snapshot || outcome.rows < LINES_PER_PULL) throw new Error(`The incremental pull brought ${outcome.rows} rows (snapshot: ${outcome.snapshot}).`);
    }
  } finally {
    await sql`update order_lines set status = 'delivered' where id = any(${ids}::text[])`.execute(db);
  }
  report({ metric: 'incremental_pull_1k_ms_median', value: quantile(samples, 0.5), unit: 'ms' });
  report({ metric: 'incremental_pull_1k_ms_max', value: Math.max(...samples), unit: 'ms' });
}

// Times Outbox.applyResults, the client's share of a push (the outbox's replay of what is pending).
class TimedOutbox extends Outbox {
  applyMs = 0;

  override applyResults(results: readonly MutationResult[]): SyncTableName[] {
    const started = performance.now();
    try {
      return super.applyResults(results);
    } finally {
      this.applyMs += performance.now() - started;
    }
  }
}

// 10 000 comments on the open quotes, queued as an admin in a new cache that holds those quotes
// (copied from the synced one), pushed by pushOutbox to the service on size M. The comments, their
// history rows and tombstones, the client's push bookkeeping go again afterwards, and the quotes
// get their unread count and updated_at back.
async function benchPush(world: SyncedWorld, folder: string): Promise<void> {
  const { db } = world.handle;
  const admin = await login(world.baseUrl, ADMIN_LOGIN);
  const actor = { id: admin.staff.id, role: admin.staff.role, branchId: admin.staff.branchId };
  const cache = openCache({ file: join(folder, 'push.sqlite') });
  const clientId = randomUUID();
  const commentIds: string[] = [];
  try {
    const columns = Object.keys(syncRowSchemas.quotes.shape).join(', ');
    cache.sqlite.prepare('ATTACH DATABASE ? AS synced').run(world.cacheFile);
    cache.sqlite.prepare(`INSERT INTO quotes (${columns}) SELECT ${columns} FROM synced.quotes WHERE status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`).run(OPEN_STATUSES);
    cache.sqlite.prepare('DETACH DATABASE synced').run();
    const quoteIds = cache.sqlite.prepare('SELECT id FROM quotes ORDER BY id').pluck().all() as string[];
    if (quoteIds.length === 0) throw new Error('The synced cache holds no open quotes.');
    const before = await sql<{ id: string; unread: number; updated_at: string }>`
      select id, unread_customer_comments as unread, updated_at from quotes where id = any(${quoteIds}::text[])`.execute(db);
    try {
      const outbox = new TimedOutbox(cache.sqlite);
      const at = new Date().toISOString();
      // One transaction for the queueing, which is set-up here: the push is what is measured.
      cache.sqlite.transaction(() => {
        for (let i = 0; i < PUSHED; i++) {
          const commentId = randomUUID();
          commentIds.push(commentId);
          outbox.submit('quote.comment', { quoteId: quoteIds[i % quoteIds.length], commentId, body: `Benchmarkkommentar ${i + 1}` }, actor, at);
        }
      })();
      const started = performance.now();
      const outcome = await pushOutbox(outbox, { baseUrl: world.baseUrl, accessToken: admin.accessToken, clientId });
      const seconds = (performance.now() - started) / 1000;
      if (outcome.applied !== PUSHED || outbox.stats().queueDepth !== 0) throw new Error(`The push applied ${outcome.applied} of ${PUSHED} (rejected ${outcome.rejected}).`);
      report({ metric: 'push_10k_mutations_s', value: seconds, unit: 's' });
      report({ metric: 'push_10k_mutations_per_s', value: PUSHED / seconds, unit: 'mutations/s' });
      report({ metric: 'push_10k_client_apply_s', value: outbox.applyMs / 1000, unit: 's' });
    } finally {
      await undoPush(db, commentIds, clientId, before.rows);
    }
  } finally {
    await cache.close();
  }
}

async function undoPush(db: Kysely<Database>, commentIds: string[], clientId: string, quotes: { id: string; unread: number; updated_at: string }[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const events = await sql<{ id: string }>`delete from quote_events where kind = 'commented' and detail ->> 'commentId' = any(${commentIds}::text[]) returning id`.execute(trx);
    await sql`delete from quote_comments where id = any(${commentIds}::text[])`.execute(trx);
    const eventIds = events.rows.map((row) => row.id);
    await sql`delete from sync_tombstones where (table_name = 'quote_comments' and row_id = any(${commentIds}::text[]))
      or (table_name = 'quote_events' and row_id = any(${eventIds}::text[]))`.execute(trx);
    await sql`update quotes set unread_customer_comments = old.unread, updated_at = old.updated_at
      from unnest(${quotes.map((q) => q.id)}::text[], ${quotes.map((q) => q.unread)}::int[], ${quotes.map((q) => q.updated_at)}::timestamptz[]) as old (id, unread, updated_at)
      where quotes.id = old.id`.execute(trx);
    await sql`delete from sync_clients where client_id = ${clientId}`.execute(trx);
  });
}

async function login(baseUrl: string, credentials: { username: string; password: string }): Promise<TokenResponse> {
  return tokenResponseSchema.parse(await requestJson({ baseUrl, method: 'POST', path: '/v1/auth/login', body: JSON.stringify(credentials) }));
}

/**
 * Local action → event in the renderer: `mutation.submit` of a comment over the browser host's
 * WebSocket until the `data.changed` it causes arrives on the same socket; p50 and p95. The
 * service runs in a process of its own on a fresh size-S database, as it would on its own
 * machine, so its push and pull work does not share this process's event loop; the core's own
 * sync cycles do, as they do in the app. Signed in as the demo consultant, on the open quotes of
 * their branch: a branch-bound pull is the one that once cost PostgreSQL a second per cycle
 * (JIT), now switched off in the pull's transactions.
 */
export async function benchActionToEvent(): Promise<void> {
  // A fixed name, dropped first: a run that was interrupted leaves nothing behind for long.
  const name = 'lysdesk_bench_s';
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await withAdmin(async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  });
  try {
    const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
    let quoteIds: string[];
    try {
      await migrate(handle.db);
      await seedDatabase(handle.db, { size: 'S', seed: 1 });
      // As autovacuum would soon after the seed: without statistics the pull's plans are far off.
      await sql`vacuum analyze`.execute(handle.db);
      const quotes = await sql<{ id: string }>`select q.id from quotes q join staff s on s.branch_id = q.branch_id
        where s.username = ${CONSULTANT_LOGIN.username} and q.status = any(${OPEN_STATUSES}::text[]) order by q.id`.execute(handle.db);
      quoteIds = quotes.rows.map((row) => row.id);
    } finally {
      await handle.close();
    }
    if (quoteIds.length === 0) throw new Error('Seed S made no open quotes.');
    const service = await startService(url.toString());
    try {
      await measureActions(service.url, quoteIds);
    } finally {
      await service.stop();
    }
  } finally {
    await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`));
  }
}

async function measureActions(serverUrl: string, quoteIds: string[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-core-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const core = createCore({ appName: 'Lysdesk', appVersion: '0.0.0', runtime: 'browser-host', serverUrl, dataDir, secrets: new MemorySecretStore(), healthIntervalMs: 0 });
  try {
    const host = await startHost({ core, rendererDir });
    try {
      const socket = await openSocket(host.origin, host.token);
      try {
        await socket.call('auth.login', CONSULTANT_LOGIN);
        await socket.waitFor(0, (message) => settled(message, true), 'the first snapshot');
        const samples: number[] = [];
        for (let i = 0; i < WARMUP_ACTIONS + ACTIONS; i++) {
          const from = socket.received.length;
          const started = performance.now();
          const args = { quoteId: quoteIds[i % quoteIds.length], commentId: randomUUID(), body: `Benchmarkkommentar ${i + 1}` };
          const answer = await socket.call('mutation.submit', { name: 'quote.comment', args });
          // The core emits the event inside the submit, before it answers: so it is the last
          // comment change on the socket before the answer (earlier ones are sync cycles').
          const event = socket.received
            .slice(from, answer.index)
            .reverse()
            .find((received) => isCommentChange(received.message));
          if (event === undefined) throw new Error('mutation.submit was answered without a data.changed for quote_comments before it.');
          if (i >= WARMUP_ACTIONS) samples.push(event.at - started);
          // A staff member's next click comes after this one is pushed, not on top of it.
          await socket.waitFor(answer.index, (message) => settled(message, false), 'the push of the comment');
        }
        report({ metric: 'action_to_event_ms_p50', value: quantile(samples, 0.5), unit: 'ms' });
        report({ metric: 'action_to_event_ms_p95', value: quantile(samples, 0.95), unit: 'ms' });
      } finally {
        socket.close();
      }
    } finally {
      await host.close();
    }
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

// A sync status that says the engine is idle with nothing queued (and, if asked, with data).
function settled(message: WireMessage, needData: boolean): boolean {
  if (message.kind !== 'event' || message.name !== 'sync.statusChanged') return false;
  const status = ipcEvents['sync.statusChanged'].safeParse(message.payload).data;
  return status !== undefined && status.activity === 'idle' && status.queueDepth === 0 && (!needData || status.hasData) && status.lastError === null;
}

function isCommentChange(message: WireMessage): boolean {
  if (message.kind !== 'event' || message.name !== 'data.changed') return false;
  return ipcEvents['data.changed'].safeParse(message.payload).data?.tables.includes('quote_comments') === true;
}

interface Received {
  /** performance.now() when the message arrived. */
  at: number;
  message: WireMessage;
}

interface HostSocket {
  /** Every message so far, in order of arrival. */
  readonly received: Received[];
  /** Sends a call; resolves with its (successful) answer and where it is in `received`. */
  call(name: string, input: unknown): Promise<Received & { index: number }>;
  /** The first message from index `from` on that passes `test`. */
  waitFor(from: number, test: (message: WireMessage) => boolean, what: string): Promise<Received & { index: number }>;
  close(): void;
}

// A renderer's end of the bridge, reduced to what the benchmark needs (wire format of
// electron/shared/ipc/wire.ts, as src/bridge/socketBridge.ts speaks it).
async function openSocket(origin: string, token: string): Promise<HostSocket> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}${bridgeSocketPath}?token=${token}`, { origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const received: Received[] = [];
  let wake: () => void = () => undefined;
  ws.on('message', (data: Buffer) => {
    received.push({ at: performance.now(), message: wireMessageSchema.parse(JSON.parse(data.toString('utf8'))) });
    wake();
  });
  let nextId = 1;

  async function waitFor(from: number, test: (message: WireMessage) => boolean, what: string): Promise<Received & { index: number }> {
    const deadline = performance.now() + 60_000;
    for (let index = from; ; index++) {
      while (index >= received.length) {
        if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const item = received[index];
      if (item !== undefined && test(item.message)) return { ...item, index };
    }
  }

  return {
    received,
    async call(name, input) {
      const id = nextId++;
      const from = received.length;
      ws.send(JSON.stringify({ id, name, input }));
      const answer = await waitFor(from, (message) => message.kind === 'result' && message.id === id, `the answer to ${name}`);
      if (answer.message.kind === 'result' && !answer.message.result.ok) throw new Error(`${name} failed: ${answer.message.result.error.message}`);
      return answer;
    },
    waitFor,
    close: () => ws.close(),
  };
}


