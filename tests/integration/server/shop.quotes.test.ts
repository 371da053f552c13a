import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '../../../electron/shared/protocol/auth';
import { shopOrderSchema, shopQuoteSchema, type ShopQuote } from '../../../electron/shared/protocol/shop';
import { DEFAULT_PRICING } from '../../../server/shop';
import { auditRows, PASSWORD, STAFF } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { expectError, expectStatus, login } from './httpFixture';
import { mutation, pushOk, quoteEvents, quoteRow } from './pushFixture';
import {
  checkout,
  createProjectList,
  CUSTOMERS,
  domainCounts,
  ids,
  PRODUCTS,
  seedShopWorld,
  shop,
  startShopInstance,
  type ShopInstance,
} from './shopFixture';

const { silver: SILVER_BP, gold: GOLD_BP } = DEFAULT_PRICING.tierDiscountBp;

function discounted(list: number, bp: number): number {
  return Math.round((list * (10_000 - bp)) / 10_000);
}

describe.each(BACKENDS)('shop quotes: request, comment, accept (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  async function requestQuote(listId: string, body: unknown = {}): Promise<ShopQuote> {
    return shopQuoteSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/project-lists/${listId}/quote-request`, body), 201));
  }

  // What quote.answer (a later issue) will do: the consultant's prices and the validity.
  async function answerInDb(quoteId: string, validUntil: string, lines: Array<{ extra?: number; offered?: number | null }> = []): Promise<void> {
    await instance.db
      .updateTable('quotes')
      .set({ status: 'answered', answered_at: new Date().toISOString(), valid_until: validUntil, message_to_customer: 'Vennlig hilsen Kari', assignee_id: null })
      .where('id', '=', quoteId)
      .execute();
    for (const [index, line] of lines.entries()) {
      await instance.db
        .updateTable('quote_lines')
        .set({ extra_discount_bp: line.extra ?? 0, offered_price_ore: line.offered ?? null })
        .where('quote_id', '=', quoteId)
        .where('position', '=', index + 1)
        .execute();
    }
  }

  function today(offsetDays = 0): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(instance.now().getTime() + offsetDays * 86_400_000));
  }

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('turns a project list into a requested quote priced with the tier discount, due in 24 hours', async () => {
    const listId = await createProjectList(instance.db, 'gold', { downlight: 12, mast: 1 });
    const quote = await requestQuote(listId, { userId: ids('gold').user, comment: 'Trenger levering før påske.' });
    expect(quote).toMatchObject({ status: 'requested', customerNumber: CUSTOMERS.gold.number, projectListId: listId, answeredAt: null });
    expect(quote.number).toMatch(/^T-\d+$/);
    expect(Date.parse(quote.dueAt) - Date.parse(quote.requestedAt)).toBe(24 * 3_600_000);
    expect(quote.lines.map((line) => [line.articleNumber, line.qty, line.listPriceOre, line.tierDiscountBp, line.unitPriceOre])).toEqual([
      [PRODUCTS.downlight.article, 12, PRODUCTS.downlight.price, GOLD_BP, discounted(PRODUCTS.downlight.price, GOLD_BP)],
      [PRODUCTS.mast.article, 1, PRODUCTS.mast.price, GOLD_BP, discounted(PRODUCTS.mast.price, GOLD_BP)],
    ]);
    expect(quote.totalOre).toBe(12 * discounted(PRODUCTS.downlight.price, GOLD_BP) + discounted(PRODUCTS.mast.price, GOLD_BP));
    expect(quote.comments).toMatchObject([{ authorKind: 'customer', body: 'Trenger levering før påske.' }]);
    const row = await quoteRow(instance.db, quote.id);
    expect(row).toMatchObject({ branch_id: CUSTOMERS.gold.branch, unread_customer_comments: 1, assignee_id: null });
    expect((await quoteEvents(instance.db, quote.id)).map((event) => [event.kind, event.actor_kind, event.actor_id])).toEqual([
      ['requested', 'customer', ids('gold').user],
      ['commented', 'customer', ids('gold').user],
    ]);
    const audited = (await auditRows(instance.db, 'shop.quote.request')).find((entry) => entry.object_id === quote.id);
    expect(audited).toMatchObject({ actor_kind: 'shop', outcome: 'ok' });
    // The same quote through GET.
    expect(shopQuoteSchema.parse(expectStatus(await shop(instance, 'GET', `/v1/shop/quotes/${quote.id}`), 200))).toEqual(quote);
  });

  it('refuses a second quote for a list with an open one, an empty list, unknown lists and foreign users', async () => {
    const listId = await createProjectList(instance.db, 'silver', { panel: 2 });
    const first = await requestQuote(listId);
    const before = await domainCounts(instance.db);
    const again = await shop(instance, 'POST', `/v1/shop/project-lists/${listId}/quote-request`, {});
    expectError(again, 409, 'QUOTE_ALREADY_OPEN');
    expect(JSON.stringify(again.body)).toContain(first.number);
    expectError(await shop(instance, 'POST', `/v1/shop/project-lists/${await createProjectList(instance.db, 'silver', {})}/quote-request`), 409, 'PROJECT_LIST_EMPTY');
    expectError(await shop(instance, 'POST', '/v1/shop/project-lists/nope/quote-request', {}), 404, 'NOT_FOUND');
    const other = await createProjectList(instance.db, 'silver', { panel: 1 });
    expectError(await shop(instance, 'POST', `/v1/shop/project-lists/${other}/quote-request`, { userId: ids('gold').user }), 404, 'NOT_FOUND');
    expectError(await shop(instance, 'POST', `/v1/shop/project-lists/${other}/quote-request`, { extra: 1 }), 400, 'INVALID_REQUEST');
    // Refusals write nothing (project lists are made by the test, not counted).
    expect(await domainCounts(instance.db)).toEqual(before);
    // Once that quote is closed, the list may ask again.
    await instance.db.updateTable('quotes').set({ status: 'declined', decline_reason: 'For dyrt' }).where('id', '=', first.id).execute();
    await requestQuote(listId);
  });

  it('records customer comments; on an answered quote asks for a revision and keeps answered_at', async () => {
    const quote = await requestQuote(await createProjectList(instance.db, 'silver', { downlight: 3 }));
    const commented = shopQuoteSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/comments`, { body: '  Hei, haster litt.  ' }), 201));
    expect(commented.status).toBe('requested');
    expect(commented.comments.map((c) => c.body)).toEqual(['Hei, haster litt.']);
    expect((await quoteRow(instance.db, quote.id)).unread_customer_comments).toBe(1);

    await answerInDb(quote.id, today(30));
    const answeredAt = (await quoteRow(instance.db, quote.id)).answered_at;
    const revised = shopQuoteSchema.parse(
      expectStatus(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/comments`, { body: 'Kan dere gi bedre pris på 3 stk?', userId: ids('silver').user }), 201),
    );
    expect(revised.status).toBe('revision_requested');
    const row = await quoteRow(instance.db, quote.id);
    expect(row).toMatchObject({ status: 'revision_requested', unread_customer_comments: 2, assignee_id: null });
    expect(answeredAt).not.toBeNull();
    expect(row.answered_at).toBe(answeredAt);
    expect((await quoteEvents(instance.db, quote.id)).map((event) => event.kind)).toEqual(['requested', 'commented', 'commented', 'revision_requested']);

    await instance.db.updateTable('quotes').set({ status: 'expired' }).where('id', '=', quote.id).execute();
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/comments`, { body: 'Hallo?' }), 409, 'QUOTE_CLOSED');
    expectError(await shop(instance, 'POST', '/v1/shop/quotes/nope/comments', { body: 'Hallo?' }), 404, 'NOT_FOUND');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/comments`, { body: '   ' }), 400, 'INVALID_REQUEST');
    expectError(await shop(instance, 'GET', '/v1/shop/quotes/nope'), 404, 'NOT_FOUND');
  });

  it('carries a quote from the shop through a staff claim and an answer into an order at the quoted prices', async () => {
    const quote = await requestQuote(await createProjectList(instance.db, 'silver', { downlight: 20, panel: 4, mast: 2 }));
    const token = tokenResponseSchema.parse(expectStatus(await login(instance, STAFF.consultant.username, PASSWORD), 200)).accessToken;
    const claimed = await pushOk(instance, token, randomUUID(), [mutation(1, 'quote.claim', { quoteId: quote.id })]);
    expect(claimed.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await quoteRow(instance.db, quote.id)).toMatchObject({ status: 'in_progress', assignee_id: STAFF.consultant.id });
    // Until quote.answer exists, the answer is written straight into the database.
    await answerInDb(quote.id, today(30), [{ extra: 1_000 }, { offered: 99_000 }, {}]);
    const answered = shopQuoteSchema.parse(expectStatus(await shop(instance, 'GET', `/v1/shop/quotes/${quote.id}`), 200));
    const prices = [discounted(PRODUCTS.downlight.price, SILVER_BP + 1_000), 99_000, discounted(PRODUCTS.mast.price, SILVER_BP)];
    expect(answered.lines.map((line) => line.unitPriceOre)).toEqual(prices);
    expect(answered.totalOre).toBe(20 * prices[0]! + 4 * prices[1]! + 2 * prices[2]!);

    const body = checkout('silver', { userId: ids('silver').user, paymentMethod: 'card', partialDelivery: true });
    const order = shopOrderSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, body), 201));
    expect(order).toMatchObject({ quoteId: quote.id, paymentMethod: 'card', partialDelivery: true, requestedDeliveryDate: null, bulkySurchargeOre: DEFAULT_PRICING.bulkySurchargeOre });
    expect(order.number).toMatch(/^\d+$/);
    expect(order.lines.map((line) => [line.articleNumber, line.qty, line.unitPriceOre, line.status])).toEqual([
      [PRODUCTS.downlight.article, 20, prices[0], 'open'],
      [PRODUCTS.panel.article, 4, prices[1], 'open'],
      [PRODUCTS.mast.article, 2, prices[2], 'open'],
    ]);
    expect(order.totalOre).toBe(answered.totalOre + DEFAULT_PRICING.bulkySurchargeOre);
    expect(await quoteRow(instance.db, quote.id)).toMatchObject({ status: 'accepted', order_id: order.id });
    const events = await quoteEvents(instance.db, quote.id);
    expect(events.at(-1)).toMatchObject({ kind: 'accepted', actor_kind: 'customer', actor_id: ids('silver').user, detail: { order_id: order.id } });
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, body), 409, 'QUOTE_NOT_ANSWERED');
  });

  it('accepts only answered quotes that are still valid, with addresses of the customer', async () => {
    const quote = await requestQuote(await createProjectList(instance.db, 'gold', { panel: 1 }));
    const body = checkout('gold');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, body), 409, 'QUOTE_NOT_ANSWERED');
    await answerInDb(quote.id, today(-1));
    const before = await domainCounts(instance.db);
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, body), 409, 'QUOTE_EXPIRED');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, checkout('silver')), 409, 'QUOTE_EXPIRED');
    await answerInDb(quote.id, today(0));
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, checkout('silver')), 404, 'NOT_FOUND');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, { ...body, billingAddressId: ids('gold').delivery }), 404, 'NOT_FOUND');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, { ...body, partialDelivery: true, requestedDeliveryDate: today(5) }), 400, 'INVALID_REQUEST');
    expectError(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, { ...body, requestedDeliveryDate: today(-2) }), 400, 'INVALID_DELIVERY_DATE');
    expect((await domainCounts(instance.db)).orders).toBe(before.orders);
    // Valid through the last day; no bulky item, no surcharge.
    const order = shopOrderSchema.parse(expectStatus(await shop(instance, 'POST', `/v1/shop/quotes/${quote.id}/accept`, { ...body, requestedDeliveryDate: today(7) }), 201));
    expect(order).toMatchObject({ bulkySurchargeOre: 0, requestedDeliveryDate: today(7), partialDelivery: false });
  });
});
