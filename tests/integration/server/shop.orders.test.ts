import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopOrderSchema } from '../../../electron/shared/protocol/shop';
import { DEFAULT_PRICING } from '../../../server/shop';
import { auditRows } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { expectError, expectStatus } from './httpFixture';
import { checkout, CUSTOMERS, domainCounts, ids, placeOrder, PRODUCTS, seedShopWorld, shop, startShopInstance, type ShopInstance } from './shopFixture';

const { tierDiscountBp, bulkySurchargeOre } = DEFAULT_PRICING;

function discounted(list: number, bp: number): number {
  return Math.round((list * (10_000 - bp)) / 10_000);
}

describe.each(BACKENDS)('POST /v1/shop/orders: quick order by article number (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  function order(body: Record<string, unknown>) {
    return shop(instance, 'POST', '/v1/shop/orders', { customerNumber: CUSTOMERS.platinum.number, ...checkout('platinum'), ...body });
  }

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('prices lines at list price less the tier discount, without surcharge when nothing is bulky', async () => {
    const placed = await placeOrder(instance, 'platinum', { downlight: 10, panel: 2 }, { userId: ids('platinum').user, requestedDeliveryDate: undefined });
    const bp = tierDiscountBp.platinum;
    expect(placed).toMatchObject({ customerNumber: CUSTOMERS.platinum.number, quoteId: null, paymentMethod: 'invoice', bulkySurchargeOre: 0, partialDelivery: false, completeDeliveryAt: null });
    expect(placed.lines.map((line) => [line.lineNo, line.articleNumber, line.qty, line.unitPriceOre, line.status])).toEqual([
      [1, PRODUCTS.downlight.article, 10, discounted(PRODUCTS.downlight.price, bp), 'open'],
      [2, PRODUCTS.panel.article, 2, discounted(PRODUCTS.panel.price, bp), 'open'],
    ]);
    expect(placed.totalOre).toBe(10 * discounted(PRODUCTS.downlight.price, bp) + 2 * discounted(PRODUCTS.panel.price, bp));
    expect(placed.shipments).toEqual([]);
    expect(placed.invoices).toEqual([]);
    const row = await instance.db.selectFrom('orders').selectAll().where('id', '=', placed.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ branch_id: CUSTOMERS.platinum.branch, placed_by_user_id: ids('platinum').user, billing_address_id: ids('platinum').billing });
    expect((await auditRows(instance.db, 'shop.order.place')).find((entry) => entry.object_id === placed.id)).toMatchObject({ actor_kind: 'shop', outcome: 'ok' });
    expect(shopOrderSchema.parse(expectStatus(await shop(instance, 'GET', `/v1/shop/orders/${placed.id}`), 200))).toEqual(placed);
  });

  it('charges the bulky surcharge once per order, however many bulky items, and merges repeated articles', async () => {
    const placed = shopOrderSchema.parse(
      expectStatus(
        await order({
          lines: [
            { articleNumber: PRODUCTS.mast.article, qty: 3 },
            { articleNumber: PRODUCTS.downlight.article, qty: 1 },
            { articleNumber: PRODUCTS.mast.article, qty: 2 },
          ],
          partialDelivery: true,
          paymentMethod: 'prepayment',
          deliveryAddressId: ids('platinum').business,
        }),
        201,
      ),
    );
    expect(placed.bulkySurchargeOre).toBe(bulkySurchargeOre);
    expect(placed.lines.map((line) => [line.articleNumber, line.qty, line.bulky])).toEqual([
      [PRODUCTS.mast.article, 5, true],
      [PRODUCTS.downlight.article, 1, false],
    ]);
    const bp = tierDiscountBp.platinum;
    expect(placed.totalOre).toBe(5 * discounted(PRODUCTS.mast.price, bp) + discounted(PRODUCTS.downlight.price, bp) + bulkySurchargeOre);
  });

  it('hands out distinct, growing order numbers to concurrent orders', async () => {
    const placed = await Promise.all(Array.from({ length: 6 }, () => placeOrder(instance, 'gold', { panel: 1 })));
    const numbers = placed.map((o) => Number(o.number)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
  });

  it('continues after the highest number in the table, also when it got ahead of the counter (a re-seed)', async () => {
    const first = await placeOrder(instance, 'gold', { panel: 1 });
    await instance.db.updateTable('orders').set({ order_number: '7000000' }).where('id', '=', first.id).execute();
    await instance.db.updateTable('service_meta').set({ value: '7000000' }).where('key', '=', 'shop_next_order_number').execute();
    expect((await placeOrder(instance, 'gold', { panel: 1 })).number).toBe('7000001');
    expect((await placeOrder(instance, 'gold', { panel: 1 })).number).toBe('7000002');
  });

  it('refuses unknown customers, articles and addresses, retired products, two delivery options and oversized orders, writing nothing', async () => {
    const before = await domainCounts(instance.db);
    const line = [{ articleNumber: PRODUCTS.panel.article, qty: 1 }];
    expectError(await order({ customerNumber: '999999', lines: line }), 404, 'NOT_FOUND');
    expectError(await order({ lines: [{ articleNumber: 'XX-0', qty: 1 }] }), 404, 'NOT_FOUND');
    expectError(await order({ lines: [{ articleNumber: PRODUCTS.retired.article, qty: 1 }] }), 409, 'PRODUCT_UNAVAILABLE');
    expectError(await order({ lines: line, billingAddressId: ids('gold').billing }), 404, 'NOT_FOUND');
    expectError(await order({ lines: line, deliveryAddressId: ids('platinum').billing }), 404, 'NOT_FOUND');
    expectError(await order({ lines: line, userId: ids('gold').user }), 404, 'NOT_FOUND');
    expectError(await order({ lines: line, partialDelivery: true, requestedDeliveryDate: '2099-01-01' }), 400, 'INVALID_REQUEST');
    expectError(await order({ lines: line, requestedDeliveryDate: '2099-01-01' }), 400, 'INVALID_DELIVERY_DATE');
    expectError(await order({ lines: [{ articleNumber: PRODUCTS.mast.article, qty: 10_000 }] }), 400, 'ORDER_TOO_LARGE');
    expectError(await order({ lines: [{ articleNumber: PRODUCTS.panel.article, qty: 0 }] }), 400, 'INVALID_REQUEST');
    expectError(await order({ lines: [] }), 400, 'INVALID_REQUEST');
    expectError(await order({ lines: line, paymentMethod: 'cash' }), 400, 'INVALID_REQUEST');
    expectError(await order({ lines: line, discount: 50 }), 400, 'INVALID_REQUEST');
    expectError(await shop(instance, 'GET', '/v1/shop/orders/nope'), 404, 'NOT_FOUND');
    expect(await domainCounts(instance.db)).toEqual(before);
  });
});
