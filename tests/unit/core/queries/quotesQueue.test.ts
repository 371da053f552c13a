import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../../electron/core/cache/open';
import type { CacheRow } from '../../../../electron/core/cache/schema';
import { readQuoteQueue } from '../../../../electron/core/queries/quoteQueue';
import type { QuoteQueueFilter } from '../../../../electron/shared/ipc/quotes';
import { quoteStatusSchema } from '../../../../electron/shared/sync/rows';
import { useTempFiles } from '../cache/cacheFixture';
import { acknowledge, ALL_FILTERS, insert, lineRow, peopleCache, queue, quoteRow } from './quotesFixture';

// The queue on a small hand-made world: every state, two branches, mine / someone else's /
// nobody's, breached and not, unread comments, queued actions, and due times written in each
// ISO spelling the cache receives. Every filter combination is checked against a model of the
// rules written from the contract, and the model itself against hand-picked answers.

const now = new Date('2026-11-21T12:00:00.000Z');
const at = (hours: number): string => new Date(now.getTime() + hours * 3_600_000).toISOString();
const ME = 's-kari';

const QUOTES: Array<CacheRow<'quotes'>> = [
  quoteRow('q-new-oslo', { due_at: at(10), unread_customer_comments: 1 }),
  quoteRow('q-new-bergen-late', { due_at: at(-2), branch_id: 'b-bergen', customer_id: 'c-bergen' }),
  quoteRow('q-mine', { status: 'in_progress', assignee_id: ME, due_at: at(3), unread_customer_comments: 2 }),
  quoteRow('q-ola-late', { status: 'in_progress', assignee_id: 's-ola', due_at: at(-1) }),
  quoteRow('q-mine-revision-late', { status: 'revision_requested', assignee_id: ME, due_at: at(-0.5), answered_at: at(-20) }),
  quoteRow('q-revision-bergen', { status: 'revision_requested', due_at: at(5), branch_id: 'b-bergen', customer_id: 'c-bergen', answered_at: at(-10) }),
  quoteRow('q-mine-answered', { status: 'answered', assignee_id: ME, due_at: at(-5), answered_at: at(-6) }),
  quoteRow('q-berit-answered', { status: 'answered', assignee_id: 's-berit', due_at: at(-7), answered_at: at(-8), branch_id: 'b-bergen', customer_id: 'c-bergen' }),
  quoteRow('q-accepted', { status: 'accepted', assignee_id: 's-ola', due_at: at(-48), answered_at: at(-50), order_id: 'o-1' }),
  quoteRow('q-declined', { status: 'declined', due_at: at(-30), decline_reason: 'Utgått vare' }),
  quoteRow('q-expired-mine', { status: 'expired', assignee_id: ME, due_at: at(-400), answered_at: at(-410), branch_id: 'b-bergen', customer_id: 'c-bergen' }),
  // Due exactly now, in the server's spelling: as text it sorts before now's `…00.000Z`, as an
  // instant it is not yet past due.
  quoteRow('q-due-now', { due_at: '2026-11-21T12:00:00+00:00' }),
  // 12:30 in +01:00 is 11:30 UTC: past due, though as text it looks later than now.
  quoteRow('q-offset-late', { due_at: '2026-11-21T12:30:00+01:00', assignee_id: ME, status: 'in_progress' }),
  // Microseconds, as PostgreSQL writes them: a moment before now.
  quoteRow('q-micro-late', { due_at: '2026-11-21T11:59:59.998765+00:00', branch_id: 'b-bergen', customer_id: 'c-bergen' }),
  // Customer not (yet) in the cache: still listed.
  quoteRow('q-orphan', { due_at: at(30), customer_id: 'c-missing' }),
];

const OPEN = ['requested', 'in_progress', 'answered', 'revision_requested'];
const WAITING = ['requested', 'in_progress', 'revision_requested'];

// The contract's rules, on the rows above, with times parsed by JavaScript.
function model(filter: QuoteQueueFilter): string[] {
  const statuses = filter.statuses.length > 0 ? filter.statuses : OPEN;
  return QUOTES.filter((quote) => {
    if (filter.scope === 'mine' && quote.assignee_id !== ME) return false;
    if (filter.scope === 'unassigned' && quote.assignee_id !== null) return false;
    if (!statuses.includes(quote.status)) return false;
    if (filter.branchId !== null && quote.branch_id !== filter.branchId) return false;
    if (filter.breachedOnly && !(WAITING.includes(quote.status) && Date.parse(quote.due_at) < now.getTime())) return false;
    return true;
  })
    .sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || (a.id < b.id ? -1 : 1))
    .map((quote) => quote.id);
}

describe('the quote queue', () => {
  const temp = useTempFiles();
  let cache: Cache;

  beforeEach(() => {
    cache = peopleCache(temp.file());
    for (const quote of QUOTES) insert(cache.sqlite, 'quotes', quote);
    // q-new-oslo: 3 × 100 kr + 2 × 250 kr, lines written out of order; q-mine: one line of 7.
    insert(cache.sqlite, 'quote_lines', lineRow('l-1', 'q-new-oslo', 2, { qty: 2, list_price_ore: 25_000, product_id: 'p-2' }));
    insert(cache.sqlite, 'quote_lines', lineRow('l-2', 'q-new-oslo', 1, { qty: 3 }));
    insert(cache.sqlite, 'quote_lines', lineRow('l-3', 'q-mine', 1, { qty: 7, list_price_ore: 1_999 }));
    insert(cache.sqlite, 'quote_lines', lineRow('l-4', 'q-accepted', 1, { qty: 1, list_price_ore: 500 }));
  });
  afterEach(async () => {
    await cache.close();
  });

  const ids = (filter: QuoteQueueFilter): string[] => readQuoteQueue(cache.sqlite, filter, ME, now).rows.map((row) => row.id);

  it('shows the open quotes due soonest first when nothing is chosen, comparing due times as instants', () => {
    expect(ids({ scope: 'all', statuses: [], branchId: null, breachedOnly: false })).toEqual([
      'q-berit-answered', // −7 h
      'q-mine-answered', // −5 h
      'q-new-bergen-late', // −2 h
      'q-ola-late', // −1 h
      'q-mine-revision-late', // −30 min
      'q-offset-late', // 11:30 UTC written as 12:30+01:00
      'q-micro-late', // 11:59:59.998765
      'q-due-now', // 12:00
      'q-mine', // +3 h
      'q-revision-bergen', // +5 h
      'q-new-oslo', // +10 h
      'q-orphan', // +30 h
    ]);
  });

  it('picks mine, unassigned, a branch, chosen states and breached ones as the contract says', () => {
    expect(ids({ scope: 'mine', statuses: [], branchId: null, breachedOnly: false })).toEqual(['q-mine-answered', 'q-mine-revision-late', 'q-offset-late', 'q-mine']);
    expect(ids({ scope: 'unassigned', statuses: [], branchId: null, breachedOnly: false })).toEqual([
      'q-new-bergen-late',
      'q-micro-late',
      'q-due-now',
      'q-revision-bergen',
      'q-new-oslo',
      'q-orphan',
    ]);
    expect(ids({ scope: 'all', statuses: [], branchId: null, breachedOnly: true })).toEqual([
      'q-new-bergen-late',
      'q-ola-late',
      'q-mine-revision-late',
      'q-offset-late',
      'q-micro-late',
    ]);
    expect(ids({ scope: 'mine', statuses: ['expired', 'accepted'], branchId: 'b-bergen', breachedOnly: false })).toEqual(['q-expired-mine']);
    expect(ids({ scope: 'all', statuses: ['answered'], branchId: null, breachedOnly: true })).toEqual([]);
    expect(ids({ scope: 'unassigned', statuses: [], branchId: 'b-bergen', breachedOnly: true })).toEqual(['q-new-bergen-late', 'q-micro-late']);
  });

  it.each(ALL_FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))('agrees with the rules for %s', (_name, filter) => {
    expect(ids(filter)).toEqual(model(filter));
  });

  it('fills each row: customer, branch, assignee, lines and their list value, unread comments', () => {
    const rows = readQuoteQueue(cache.sqlite, { scope: 'all', statuses: [...quoteStatusSchema.options], branchId: null, breachedOnly: false }, ME, now).rows;
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get('q-new-oslo')).toEqual({
      id: 'q-new-oslo',
      quoteNumber: 'T-q-new-oslo',
      customerId: 'c-oslo',
      customerName: 'Lys og Strøm AS',
      customerNumber: '900001',
      loyaltyTier: 'gold',
      branchId: 'b-oslo',
      branchName: 'Oslo',
      lineCount: 2,
      listValueOre: 3 * 10_000 + 2 * 25_000,
      requestedAt: at(-14),
      dueAt: at(10),
      status: 'requested',
      assigneeId: null,
      assigneeName: null,
      unreadComments: 1,
      pending: false,
    });
    expect(byId.get('q-mine')).toMatchObject({ lineCount: 1, listValueOre: 13_993, assigneeName: 'Kari Konsulent', unreadComments: 2 });
    expect(byId.get('q-new-bergen-late')).toMatchObject({ lineCount: 0, listValueOre: 0, customerName: 'Bergen Elektro AS', loyaltyTier: 'platinum', branchName: 'Bergen' });
    expect(byId.get('q-accepted')).toMatchObject({ lineCount: 1, listValueOre: 500, assigneeName: 'Ola Konsulent', status: 'accepted' });
    expect(byId.get('q-orphan')).toMatchObject({ customerId: 'c-missing', customerName: '', customerNumber: '', loyaltyTier: 'silver' });
    // Every time goes out in one spelling, UTC with milliseconds, so it sorts as text.
    expect(byId.get('q-due-now')?.dueAt).toBe('2026-11-21T12:00:00.000Z');
    expect(byId.get('q-offset-late')?.dueAt).toBe('2026-11-21T11:30:00.000Z');
    expect(byId.get('q-micro-late')?.dueAt).toBe('2026-11-21T11:59:59.999Z'); // rounded to the millisecond
    expect(rows).toHaveLength(QUOTES.length);
  });

  it('marks quotes that a queued action of mine concerns, but not those the server has acknowledged or rejected', () => {
    queue(cache.sqlite, 1, 'quote.claim', { quoteId: 'q-new-oslo' });
    queue(cache.sqlite, 2, 'quote.comment', { quoteId: 'q-mine', commentId: 'k-9', body: 'Vi ser på det.' });
    queue(cache.sqlite, 3, 'quote.release', { quoteId: 'q-ola-late' });
    acknowledge(cache.sqlite, 1);
    cache.sqlite
      .prepare("INSERT INTO needs_attention (seq, name, args, code, message, created_at, rejected_at, object_table, object_id) VALUES (0, 'quote.claim', ?, 'X', 'x', ?, ?, 'quotes', 'q-orphan')")
      .run(JSON.stringify({ quoteId: 'q-orphan' }), at(-1), at(-1));
    const pending = readQuoteQueue(cache.sqlite, { scope: 'all', statuses: [], branchId: null, breachedOnly: false }, ME, now)
      .rows.filter((row) => row.pending)
      .map((row) => row.id);
    expect(pending).toEqual(['q-ola-late', 'q-mine']);
  });

  it('answers with the time it was read', () => {
    expect(readQuoteQueue(cache.sqlite, { scope: 'mine', statuses: [], branchId: null, breachedOnly: false }, ME, now).asOf).toBe(now.toISOString());
  });
});
