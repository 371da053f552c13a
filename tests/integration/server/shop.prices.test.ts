import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopPricesSchema, type ShopPrices } from '../../../electron/shared/protocol/shop';
import { BACKENDS } from './backends';
import { call, expectError, expectStatus } from './httpFixture';
import { createCustomer, customerPusher } from './pushCustomerFixture';
import { PUSH_PRODUCTS, useQuoteWorkWorld, type QuoteWorkWorld } from './pushQuoteFixture';
import { shop, WAREHOUSE_KEY } from './shopFixture';

// GET /v1/shop/customers/:customerNumber/prices on both engines: list price less the tier's
// discount with the shared rounding, and a tier change by the consultant (a real push) showing
// in the very next answer.

const { downlight, panel, odd } = PUSH_PRODUCTS;
const ARTICLES = `${downlight.article},${panel.article},${odd.article}`;

describe.each(BACKENDS)('GET /v1/shop/customers/:customerNumber/prices (%s)', (kind) => {
  let world: QuoteWorkWorld;
  useQuoteWorkWorld(kind, (ready) => (world = ready));
  const act = customerPusher(
    () => world.instance,
    () => world.tokens,
  );

  async function prices(customerNumber: string, articles: string = ARTICLES): Promise<ShopPrices> {
    return shopPricesSchema.parse(expectStatus(await shop(world.instance, 'GET', `/v1/shop/customers/${customerNumber}/prices?articles=${articles}`), 200));
  }

  it('shows each tier’s prices, and a tier change in the next answer', async () => {
    const customer = await createCustomer(world.instance.db, { tier: 'silver' });
    expect(await prices(customer.number)).toEqual({
      customerNumber: customer.number,
      tier: 'silver',
      tierDiscountBp: 500,
      prices: [
        { articleNumber: downlight.article, listPriceOre: 49_900, priceOre: 47_405 },
        { articleNumber: panel.article, listPriceOre: 125_000, priceOre: 118_750 },
        // 333 × 0.95 = 316.35
        { articleNumber: odd.article, listPriceOre: 333, priceOre: 316 },
      ],
    });

    const change = { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason: 'Over terskelen for gull.' } as const;
    expect(await act('kari', 'customer.setTier', change)).toMatchObject({ status: 'applied' });
    const gold = await prices(customer.number);
    expect(gold).toMatchObject({ tier: 'gold', tierDiscountBp: 1_000 });
    // 333 × 0.90 = 299.7: rounded up, as quotes and orders round.
    expect(gold.prices.map((price) => price.priceOre)).toEqual([44_910, 112_500, 300]);

    expect(await act('kari', 'customer.setTier', { ...change, changeId: randomUUID(), fromTier: 'gold', toTier: 'platinum' })).toMatchObject({ status: 'applied' });
    const platinum = await prices(customer.number);
    expect(platinum).toMatchObject({ tier: 'platinum', tierDiscountBp: 1_500 });
    expect(platinum.prices.map((price) => price.priceOre)).toEqual([42_415, 106_250, 283]);

    // A refused change (from a stale tier) leaves the prices as they were.
    expect(await act('kari', 'customer.setTier', { ...change, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold' })).toMatchObject({ code: 'TIER_CHANGED_MEANWHILE' });
    expect(await prices(customer.number)).toEqual(platinum);
  });

  it('answers each article once, in the order first asked', async () => {
    const customer = await createCustomer(world.instance.db, { tier: 'gold' });
    const answer = await prices(customer.number, `${odd.article},${downlight.article},${odd.article}`);
    expect(answer.prices.map((price) => price.articleNumber)).toEqual([odd.article, downlight.article]);
  });

  it('refuses unknown and retired articles, unknown customers and malformed queries', async () => {
    const customer = await createCustomer(world.instance.db);
    await world.instance.db
      .insertInto('products')
      .values({ id: 'pp-retired', article_number: 'RT-9001', name_nb: 'Utgått', category: 'belysning', list_price_ore: 1_000, cost_price_ore: 500, bulky: false, active: false })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const path = (query: string): string => `/v1/shop/customers/${customer.number}/prices${query}`;
    expectError(await shop(world.instance, 'GET', path(`?articles=${downlight.article},NO-SUCH`)), 404, 'NOT_FOUND');
    expectError(await shop(world.instance, 'GET', path(`?articles=${downlight.article},RT-9001`)), 409, 'PRODUCT_UNAVAILABLE');
    expectError(await shop(world.instance, 'GET', `/v1/shop/customers/999999999/prices?articles=${downlight.article}`), 404, 'NOT_FOUND');
    expectError(await shop(world.instance, 'GET', path('')), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'GET', path('?articles=')), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'GET', path(`?articles=${downlight.article},,${panel.article}`)), 400, 'INVALID_REQUEST');
    expectError(await shop(world.instance, 'GET', path(`?articles=${downlight.article}&tier=gold`)), 400, 'INVALID_REQUEST');
    const tooMany = Array.from({ length: 201 }, (_, i) => `A${i}`).join(',');
    expectError(await shop(world.instance, 'GET', path(`?articles=${tooMany}`)), 400, 'INVALID_REQUEST');
  });

  it('is for the shop’s key only', async () => {
    const customer = await createCustomer(world.instance.db);
    const path = `/v1/shop/customers/${customer.number}/prices?articles=${downlight.article}`;
    expectError(await call(world.instance, 'GET', path), 401, 'UNAUTHENTICATED');
    expectError(await shop(world.instance, 'GET', path, undefined, WAREHOUSE_KEY), 401, 'UNAUTHENTICATED');
    expectError(await shop(world.instance, 'GET', path, undefined, world.tokens.kari), 401, 'UNAUTHENTICATED');
  });
});
