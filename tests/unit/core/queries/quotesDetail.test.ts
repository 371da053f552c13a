import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../../electron/core/cache/open';
import { readQuoteAssignees } from '../../../../electron/core/queries/quoteAssignees';
import { readQuoteDetail } from '../../../../electron/core/queries/quoteDetail';
import { quoteDetailSchema } from '../../../../electron/shared/ipc/quotes';
import { useTempFiles } from '../cache/cacheFixture';
import { acknowledge, insert, lineRow, peopleCache, queue, quoteRow } from './quotesFixture';

// One quote's detail: lines by position with cost prices, the thread and the history in time
// order (times stored in mixed ISO spellings, given out in one), names from staff or company
// users, pending markers.

describe('the quote detail', () => {
  const temp = useTempFiles();
  let cache: Cache;

  beforeEach(() => {
    cache = peopleCache(temp.file());
    const sqlite = cache.sqlite;
    insert(
      sqlite,
      'quotes',
      quoteRow('q-1', {
        status: 'answered',
        assignee_id: 's-kari',
        due_at: '2026-11-22T09:00:00+00:00',
        requested_at: '2026-11-21T09:00:00+00:00',
        answered_at: '2026-11-21T15:30:00.25+00:00',
        valid_until: '2026-12-21',
        message_to_customer: 'Her er tilbudet.',
        project_list_id: 'pl-1',
        unread_customer_comments: 1,
      }),
    );
    insert(sqlite, 'quotes', quoteRow('q-other', { due_at: '2026-11-22T10:00:00+00:00', project_list_id: 'pl-missing' }));
    // Written out of position order; one product is not in the cache.
    insert(sqlite, 'quote_lines', lineRow('l-c', 'q-1', 3, { product_id: 'p-gone', article_number: 'X-9', name: 'Utgått', qty: 1, list_price_ore: 900 }));
    insert(sqlite, 'quote_lines', lineRow('l-a', 'q-1', 1, { qty: 4, tier_discount_bp: 1000, extra_discount_bp: 500 }));
    insert(sqlite, 'quote_lines', lineRow('l-b', 'q-1', 2, { product_id: 'p-2', article_number: 'A-2', name: 'Skinne', qty: 2, list_price_ore: 25_000, offered_price_ore: 20_000 }));
    insert(sqlite, 'quote_lines', lineRow('l-x', 'q-other', 1));
    const comment = { quote_id: 'q-1', branch_id: 'b-oslo', author_staff_id: null, author_user_id: null } as const;
    // 11:00+01:00 is 10:00 UTC: first, though as text it sorts after 10:30Z.
    insert(sqlite, 'quote_comments', { ...comment, id: 'k-customer', author_kind: 'customer', author_user_id: 'u-per', body: 'Kan dere se på prisen?', created_at: '2026-11-21T11:00:00+01:00' });
    insert(sqlite, 'quote_comments', { ...comment, id: 'k-ola', author_kind: 'staff', author_staff_id: 's-ola', body: 'Kari tar denne.', created_at: '2026-11-21T10:30:00.000Z' });
    insert(sqlite, 'quote_comments', { ...comment, id: 'k-mine', author_kind: 'staff', author_staff_id: 's-kari', body: 'Ser på det nå.', created_at: '2026-11-21T16:00:00.000Z' });
    insert(sqlite, 'quote_comments', { ...comment, id: 'k-acked', author_kind: 'staff', author_staff_id: 's-kari', body: 'Sendt.', created_at: '2026-11-21T15:59:00.123456+00:00' });
    insert(sqlite, 'quote_comments', { ...comment, id: 'k-unknown', author_kind: 'customer', author_user_id: 'u-gone', body: 'Hei', created_at: '2026-11-21T17:00:00+00:00' });
    insert(sqlite, 'quote_comments', { ...comment, quote_id: 'q-other', id: 'k-elsewhere', author_kind: 'customer', author_user_id: 'u-per', body: 'Annet', created_at: '2026-11-21T09:00:00+00:00' });
    const event = { quote_id: 'q-1', branch_id: 'b-oslo' } as const;
    insert(sqlite, 'quote_events', { ...event, id: 'e-3', at: '2026-11-21T15:30:00.25+00:00', actor_kind: 'staff', actor_id: 's-kari', kind: 'answered', detail: '{"lines":3}' });
    insert(sqlite, 'quote_events', { ...event, id: 'e-1', at: '2026-11-21T09:00:00+00:00', actor_kind: 'customer', actor_id: 'u-per', kind: 'requested', detail: '{}' });
    insert(sqlite, 'quote_events', { ...event, id: 'e-2', at: '2026-11-21T10:00:00.000Z', actor_kind: 'staff', actor_id: 's-kari', kind: 'claimed', detail: '{"from":"requested"}' });
    insert(sqlite, 'quote_events', { ...event, id: 'e-4', at: '2026-11-21T16:30:00+00:00', actor_kind: 'system', actor_id: null, kind: 'reminder', detail: '{}' });
    // A customer id that names a staff member: looked up among company users only.
    insert(sqlite, 'quote_events', { ...event, id: 'e-5', at: '2026-11-21T17:00:00+00:00', actor_kind: 'customer', actor_id: 's-ola', kind: 'viewed', detail: '{}' });
    queue(sqlite, 1, 'quote.comment', { quoteId: 'q-1', commentId: 'k-acked', body: 'Sendt.' });
    queue(sqlite, 2, 'quote.comment', { quoteId: 'q-1', commentId: 'k-mine', body: 'Ser på det nå.' });
    // A claim naming a comment id is no comment.
    queue(sqlite, 3, 'quote.claim', { quoteId: 'q-other', commentId: 'k-ola' });
    acknowledge(sqlite, 1);
  });
  afterEach(async () => {
    await cache.close();
  });

  it('gives the quote with its project list and answer, lines by position with cost prices', () => {
    const detail = readQuoteDetail(cache.sqlite, 'q-1');
    expect(quoteDetailSchema.safeParse(detail).success).toBe(true);
    expect(detail?.quote).toEqual({
      id: 'q-1',
      quoteNumber: 'T-q-1',
      customerId: 'c-oslo',
      customerName: 'Lys og Strøm AS',
      customerNumber: '900001',
      loyaltyTier: 'gold',
      branchId: 'b-oslo',
      branchName: 'Oslo',
      lineCount: 3,
      listValueOre: 4 * 10_000 + 2 * 25_000 + 900,
      requestedAt: '2026-11-21T09:00:00.000Z',
      dueAt: '2026-11-22T09:00:00.000Z',
      status: 'answered',
      assigneeId: 's-kari',
      assigneeName: 'Kari Konsulent',
      unreadComments: 1,
      pending: true,
      projectListName: 'Kontorbygg Lysaker',
      answeredAt: '2026-11-21T15:30:00.250Z',
      validUntil: '2026-12-21',
      messageToCustomer: 'Her er tilbudet.',
      declineReason: null,
      orderId: null,
    });
    expect(detail?.lines).toEqual([
      { id: 'l-a', position: 1, productId: 'p-1', articleNumber: 'A-1', name: 'Downlight', qty: 4, listPriceOre: 10_000, costPriceOre: 4_200, tierDiscountBp: 1000, extraDiscountBp: 500, offeredPriceOre: null },
      { id: 'l-b', position: 2, productId: 'p-2', articleNumber: 'A-2', name: 'Skinne', qty: 2, listPriceOre: 25_000, costPriceOre: 11_000, tierDiscountBp: 0, extraDiscountBp: 0, offeredPriceOre: 20_000 },
      { id: 'l-c', position: 3, productId: 'p-gone', articleNumber: 'X-9', name: 'Utgått', qty: 1, listPriceOre: 900, costPriceOre: null, tierDiscountBp: 0, extraDiscountBp: 0, offeredPriceOre: null },
    ]);
  });

  it('orders the thread by time, names each author, and marks my comment still queued', () => {
    expect(readQuoteDetail(cache.sqlite, 'q-1')?.comments).toEqual([
      { id: 'k-customer', authorKind: 'customer', authorName: 'Per Innkjøper', body: 'Kan dere se på prisen?', createdAt: '2026-11-21T10:00:00.000Z', pending: false },
      { id: 'k-ola', authorKind: 'staff', authorName: 'Ola Konsulent', body: 'Kari tar denne.', createdAt: '2026-11-21T10:30:00.000Z', pending: false },
      { id: 'k-acked', authorKind: 'staff', authorName: 'Kari Konsulent', body: 'Sendt.', createdAt: '2026-11-21T15:59:00.123Z', pending: false },
      { id: 'k-mine', authorKind: 'staff', authorName: 'Kari Konsulent', body: 'Ser på det nå.', createdAt: '2026-11-21T16:00:00.000Z', pending: true },
      { id: 'k-unknown', authorKind: 'customer', authorName: '', body: 'Hei', createdAt: '2026-11-21T17:00:00.000Z', pending: false },
    ]);
  });

  it('orders the history by time, with who acted (none for the system) and the detail as an object', () => {
    expect(readQuoteDetail(cache.sqlite, 'q-1')?.events).toEqual([
      { id: 'e-1', at: '2026-11-21T09:00:00.000Z', actorKind: 'customer', actorName: 'Per Innkjøper', kind: 'requested', detail: {} },
      { id: 'e-2', at: '2026-11-21T10:00:00.000Z', actorKind: 'staff', actorName: 'Kari Konsulent', kind: 'claimed', detail: { from: 'requested' } },
      { id: 'e-3', at: '2026-11-21T15:30:00.250Z', actorKind: 'staff', actorName: 'Kari Konsulent', kind: 'answered', detail: { lines: 3 } },
      { id: 'e-4', at: '2026-11-21T16:30:00.000Z', actorKind: 'system', actorName: null, kind: 'reminder', detail: {} },
      { id: 'e-5', at: '2026-11-21T17:00:00.000Z', actorKind: 'customer', actorName: null, kind: 'viewed', detail: {} },
    ]);
  });

  it('keeps another quote apart, tolerates a missing project list, and answers null for an unknown quote', () => {
    const other = readQuoteDetail(cache.sqlite, 'q-other');
    expect(other?.quote).toMatchObject({ id: 'q-other', projectListName: null, lineCount: 1, pending: true });
    expect(other?.lines.map((line) => line.id)).toEqual(['l-x']);
    expect(other?.comments.map((comment) => [comment.id, comment.pending])).toEqual([['k-elsewhere', false]]);
    expect(other?.events).toEqual([]);
    expect(readQuoteDetail(cache.sqlite, 'q-nope')).toBeNull();
  });
});

describe('who can take a quote', () => {
  const temp = useTempFiles();

  it('lists the branch’s active consultants and the active admins, in Norwegian name order', async () => {
    const cache = peopleCache(temp.file());
    expect(readQuoteAssignees(cache.sqlite, 'b-oslo')).toEqual([
      { id: 's-anders', name: 'Anders Admin' },
      { id: 's-kari', name: 'Kari Konsulent' },
      { id: 's-ola', name: 'Ola Konsulent' },
      { id: 's-aerlig', name: 'Ærlig Ærø' },
      { id: 's-oyvind', name: 'Øyvind Ørje' },
      { id: 's-aase', name: 'Åse Ås' },
    ]);
    expect(readQuoteAssignees(cache.sqlite, 'b-bergen')).toEqual([
      { id: 's-anders', name: 'Anders Admin' },
      { id: 's-berit', name: 'Berit Bergen' },
      { id: 's-aerlig', name: 'Ærlig Ærø' },
    ]);
    expect(readQuoteAssignees(cache.sqlite, 'b-nowhere')).toEqual([
      { id: 's-anders', name: 'Anders Admin' },
      { id: 's-aerlig', name: 'Ærlig Ærø' },
    ]);
    await cache.close();
  });
});
