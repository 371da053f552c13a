import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../electron/core/cache/open';
import { CoreError } from '../../../electron/core/router';
import { SyncHttpError } from '../../../electron/core/sync/http';
import { Outbox } from '../../../electron/core/sync/outbox';
import { pullIntoCache } from '../../../electron/core/sync/puller';
import { pushOutbox, type PushOutcome } from '../../../electron/core/sync/push';
import type { EffectActor } from '../../../electron/shared/sync/localEffects';
import type { AuthInstance } from '../server/authFixture';
import { BACKENDS } from '../server/backends';
import { createQuote, PUSH_STAFF, quoteRow, snapshot, usePushWorld, type PushStaffKey } from '../server/pushFixture';

// The client's outbox against the real service: an action queued offline is pushed exactly once,
// a lost answer is harmless, and a rejection lands in Needs attention while the cache follows
// the server.

describe.each(BACKENDS)('the outbox against the service (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));
  const folders: string[] = [];
  const caches: Cache[] = [];

  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** One installation of the app, signed in as `who`. */
  function client(who: PushStaffKey) {
    const folder = mkdtempSync(join(tmpdir(), 'lysdesk-outbox-'));
    folders.push(folder);
    const cache = openCache({ file: join(folder, 'cache.sqlite') });
    caches.push(cache);
    const outbox = new Outbox(cache.sqlite);
    const staff = PUSH_STAFF[who];
    const actor: EffectActor = { id: staff.id, role: staff.role, branchId: staff.branchId };
    const target = { baseUrl: instance.url, accessToken: tokens[who], clientId: randomUUID() };
    return {
      cache,
      outbox,
      actor,
      clientId: target.clientId,
      claim: (quoteId: string) => outbox.submit('quote.claim', { quoteId }, actor, new Date().toISOString()),
      async pull(): Promise<void> {
        const outcome = await pullIntoCache(cache.sqlite, target, { after: outbox.rebase });
        if (outcome.ack !== undefined) outbox.acknowledge(outcome.ack);
      },
      push: (): Promise<PushOutcome> => pushOutbox(outbox, target),
      quote: (id: string) => cache.sqlite.prepare('SELECT * FROM quotes WHERE id = ?').get(id) as Record<string, unknown> | undefined,
      count: (table: string) => cache.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
    };
  }

  // The cached quote holds exactly what the server has.
  async function expectServerState(cached: Record<string, unknown> | undefined, quoteId: string): Promise<void> {
    const server = await quoteRow(instance.db, quoteId);
    expect(cached).toMatchObject({ status: server.status, assignee_id: server.assignee_id, unread_customer_comments: server.unread_customer_comments });
    expect(Date.parse(String(cached?.updated_at))).toBe(Date.parse(server.updated_at));
  }

  it('queues a claim while offline, pushes it once, and after the pull holds the server’s state', async () => {
    const quoteId = await createQuote(instance.db);
    const kari = client('kari');
    await kari.pull();
    expect(kari.claim(quoteId)).toEqual({ seq: 1, tables: ['quotes'] });
    const offline: unknown = await pushOutbox(kari.outbox, { baseUrl: 'http://127.0.0.1:1', accessToken: tokens.kari, clientId: kari.clientId }).catch((error: unknown) => error);
    expect(offline instanceof SyncHttpError && offline.offline).toBe(true);
    expect(kari.outbox.stats().queueDepth).toBe(1);
    expect(kari.quote(quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'requested', assignee_id: null });

    expect(await kari.push()).toEqual({ sent: 1, applied: 1, rejected: 0, tables: ['quotes'] });
    expect(await quoteRow(instance.db, quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });
    expect(kari.outbox.stats()).toEqual({ queueDepth: 0, oldestPendingAt: null, needsAttention: 0 });
    expect(kari.quote(quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.kari.id });

    await kari.pull();
    await expectServerState(kari.quote(quoteId), quoteId);
    expect(kari.cache.sqlite.prepare("SELECT kind FROM quote_events WHERE quote_id = ? AND kind = 'claimed'").pluck().all(quoteId)).toEqual(['claimed']);
    expect(kari.count('outbox_base')).toBe(0);
  });

  it('changes nothing on the server when a batch whose answer was lost is sent again, and converges', async () => {
    const quoteId = await createQuote(instance.db);
    const kari = client('kari');
    await kari.pull();
    kari.claim(quoteId);
    const commentId = randomUUID();
    kari.outbox.submit('quote.comment', { quoteId, commentId, body: 'Vi har startet på tilbudet.' }, kari.actor, new Date().toISOString());
    const queued = kari.cache.sqlite.prepare('SELECT seq, name, args, created_at, actor FROM outbox ORDER BY seq').all();
    expect(await kari.push()).toMatchObject({ sent: 2, applied: 2 });
    const after = await snapshot(instance.db);

    // The answer never arrived: the same rows are still queued and go again.
    const requeue = kari.cache.sqlite.prepare('INSERT INTO outbox (seq, name, args, created_at, actor) VALUES (@seq, @name, @args, @created_at, @actor)');
    for (const row of queued) requeue.run(row);
    expect(await kari.push()).toMatchObject({ sent: 2, applied: 2, rejected: 0 });
    expect(await snapshot(instance.db)).toEqual(after);

    await kari.pull();
    await expectServerState(kari.quote(quoteId), quoteId);
    expect(kari.cache.sqlite.prepare('SELECT count(*) FROM quote_comments WHERE id = ?').pluck().get(commentId)).toBe(1);
    expect(kari.outbox.stats().queueDepth).toBe(0);
    expect(kari.count('outbox_base')).toBe(0);
  });

  it('rejects an offline claim of a quote another consultant took online: Needs attention, then the server’s assignee', async () => {
    const quoteId = await createQuote(instance.db);
    const kari = client('kari');
    const ola = client('ola');
    await kari.pull();
    await ola.pull();
    kari.claim(quoteId);
    ola.claim(quoteId);
    expect(await ola.push()).toMatchObject({ applied: 1 });

    expect(await kari.push()).toEqual({ sent: 1, applied: 0, rejected: 1, tables: ['quotes'] });
    const stored = await sql<{ message: string }>`select message from sync_mutation_outcomes where client_id = ${kari.clientId} and seq = 1`.execute(instance.db);
    const serverMessage = stored.rows[0]?.message;
    expect(serverMessage).toContain(PUSH_STAFF.ola.name);
    expect(kari.outbox.listNeedsAttention()).toEqual([
      expect.objectContaining({ seq: 1, name: 'quote.claim', code: 'QUOTE_CLAIMED_BY_OTHER', message: serverMessage, object: { table: 'quotes', id: quoteId } }),
    ]);
    // The claim's effect is undone at once: the server's row from before it.
    expect(kari.quote(quoteId)).toMatchObject({ status: 'requested', assignee_id: null });

    await kari.pull();
    expect(kari.quote(quoteId)).toMatchObject({ status: 'in_progress', assignee_id: PUSH_STAFF.ola.id });
    await expectServerState(kari.quote(quoteId), quoteId);
    expect(kari.outbox.stats()).toEqual({ queueDepth: 0, oldestPendingAt: null, needsAttention: 1 });
    // Claiming again is now refused on the spot, in the server's words.
    let local: unknown;
    try {
      kari.claim(quoteId);
    } catch (error) {
      local = error;
    }
    expect(local).toBeInstanceOf(CoreError);
    expect(local).toMatchObject({ code: 'QUOTE_CLAIMED_BY_OTHER', message: serverMessage });
    expect(kari.outbox.dismiss(1)).toBe(true);
    expect(kari.outbox.stats().needsAttention).toBe(0);
  });
});
