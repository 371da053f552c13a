import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/core/auth';
import { createCore, type Core } from '../../../electron/core/core';
import type { QuoteDetail, QuoteQueue, QuoteQueueFilter } from '../../../electron/shared/ipc/quotes';
import type { AuthInstance } from '../server/authFixture';
import { BACKENDS } from '../server/backends';
import { BERGEN, createQuote, OSLO, PUSH_PASSWORD, PUSH_STAFF, usePushWorld } from '../server/pushFixture';

// The quote calls through the real core and its IPC router, against the real service: Kari
// signs in, the core pulls her branch into its cache, and the queue, detail, dashboard and
// assignee list answer from it, each checked by the contract on the way out. Times here are as
// PostgreSQL writes them (`…+00:00`, microseconds), beside the local effects' `…Z`.

const all: QuoteQueueFilter = { scope: 'all', statuses: [], branchId: null, breachedOnly: false };

describe.each(BACKENDS)('the quote calls through the core (%s)', (kind) => {
  let instance: AuthInstance;
  usePushWorld(kind, (world) => ({ instance } = world));
  let dataDir: string;
  let core: Core;
  let open: string;
  let mine: string;
  let bergen: string;

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await core.router.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async function synced(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await call<{ hasData: boolean; activity: string; queueDepth: number }>('sync.syncNow', {});
      if (status.hasData && status.activity === 'idle' && status.queueDepth === 0) return;
      if (Date.now() > deadline) throw new Error(`not synced: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    open = await createQuote(instance.db);
    mine = await createQuote(instance.db, { status: 'in_progress', assigneeId: PUSH_STAFF.kari.id });
    bergen = await createQuote(instance.db, { branchId: BERGEN });
    await instance.db
      .insertInto('products')
      .values({ id: 'qp-1', article_number: 'QP-1', name_nb: 'Downlight', category: 'belysning', list_price_ore: 49_900, cost_price_ore: 21_000, bulky: false, active: true })
      .execute();
    const line = { quote_id: open, branch_id: OSLO, product_id: 'qp-1', article_number: 'QP-1', name: 'Downlight', list_price_ore: 49_900, tier_discount_bp: 0, extra_discount_bp: 0 };
    await instance.db
      .insertInto('quote_lines')
      .values([
        { ...line, id: `${open}-2`, position: 2, qty: 1 },
        { ...line, id: `${open}-1`, position: 1, qty: 4 },
      ])
      .execute();
    dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-quotes-'));
    core = createCore({
      appName: 'Lysdesk',
      appVersion: '0.0.0-test',
      runtime: 'browser-host',
      serverUrl: instance.url,
      dataDir,
      secrets: new MemorySecretStore(),
      healthIntervalMs: 0,
      sync: { pullEveryMs: 0, pokes: false },
    });
  });
  afterAll(async () => {
    await core?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers null (and no assignees) before anyone has signed in', async () => {
    expect(await call('quotes.queue', all)).toBeNull();
    expect(await call('quotes.get', { quoteId: open })).toBeNull();
    expect(await call('quotes.getDashboard', {})).toBeNull();
    expect(await call('quotes.listAssignees', { branchId: OSLO })).toEqual([]);
  });

  it('lists the branch’s quotes from the cache once signed in, as the contract says', async () => {
    await call('auth.login', { username: PUSH_STAFF.kari.username, password: PUSH_PASSWORD });
    await synced();
    const queue = await call<QuoteQueue>('quotes.queue', all);
    // Kari is a consultant in Oslo: Bergen's quote never reaches her cache.
    expect(queue.rows.map((row) => row.id).sort()).toEqual([open, mine].sort());
    expect(queue.rows.map((row) => row.id)).not.toContain(bergen);
    expect(queue.rows.find((row) => row.id === open)).toMatchObject({
      customerName: 'Lys og Strøm AS',
      customerNumber: '900001',
      branchName: 'Oslo',
      lineCount: 2,
      listValueOre: 5 * 49_900,
      status: 'requested',
      assigneeId: null,
      unreadComments: 2,
      pending: false,
    });
    expect((await call<QuoteQueue>('quotes.queue', { ...all, scope: 'mine' })).rows.map((row) => [row.id, row.assigneeName])).toEqual([[mine, 'Kari Konsulent']]);
    expect((await call<QuoteQueue>('quotes.queue', { ...all, scope: 'unassigned' })).rows.map((row) => row.id)).toEqual([open]);
    expect((await call<QuoteQueue>('quotes.queue', { ...all, breachedOnly: true })).rows).toEqual([]);
    expect(await core.router.dispatch('quotes.queue', { ...all, sort: 'due' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('gives a quote’s detail, and a comment written through the core comes back from the server in the thread', async () => {
    const before = await call<QuoteDetail>('quotes.get', { quoteId: open });
    expect(before.lines.map((line) => [line.position, line.qty, line.costPriceOre])).toEqual([
      [1, 4, 21_000],
      [2, 1, 21_000],
    ]);
    expect(before.comments).toEqual([]);
    const commentId = randomUUID();
    await call('mutation.submit', { name: 'quote.comment', args: { quoteId: open, commentId, body: 'Vi ser på det i dag.' } });
    await synced();
    const after = await call<QuoteDetail>('quotes.get', { quoteId: open });
    expect(after.comments).toEqual([
      { id: commentId, authorKind: 'staff', authorName: 'Kari Konsulent', body: 'Vi ser på det i dag.', createdAt: expect.any(String) as unknown, pending: false },
    ]);
    expect(after.quote).toMatchObject({ id: open, unreadComments: 0, pending: false });
    expect(after.events.map((event) => [event.kind, event.actorName])).toContainEqual(['commented', 'Kari Konsulent']);
    expect(await call('quotes.get', { quoteId: 'no-such-quote' })).toBeNull();
  });

  it('counts the dashboard and lists who can take Oslo’s quotes', async () => {
    const dashboard = await call<{ openRequests: number; dueWithin4h: number; breachedToday: number; days: unknown[] }>('quotes.getDashboard', {});
    expect(dashboard).toMatchObject({ openRequests: 2, dueWithin4h: 0, breachedToday: 0 });
    expect(dashboard.days).toHaveLength(7);
    expect(await call('quotes.listAssignees', { branchId: OSLO })).toEqual([
      { id: PUSH_STAFF.admin.id, name: 'Anders Admin' },
      { id: PUSH_STAFF.kari.id, name: 'Kari Konsulent' },
      { id: PUSH_STAFF.ola.id, name: 'Ola Konsulent' },
    ]);
  });

  it('answers null again after sign-out', async () => {
    await call('auth.logout', {});
    expect(await call('quotes.queue', all)).toBeNull();
    expect(await call('quotes.getDashboard', {})).toBeNull();
  });
});
