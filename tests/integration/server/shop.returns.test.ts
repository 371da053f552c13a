import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shopReturnSchema, type ShopOrder } from '../../../electron/shared/protocol/shop';
import { auditRows } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { expectError, expectStatus } from './httpFixture';
import { deliverShipment, domainCounts, placeOrder, seedShopWorld, shipLines, shop, startShopInstance, type ShopInstance } from './shopFixture';

// Delivered on 2 March 2026 around noon in Norway: the return window's last day is 21 April
// (50 days), the warranty's 2 March 2027 (12 months).
const DELIVERED = '2026-03-02T10:00:00Z';

describe.each(BACKENDS)('POST /v1/shop/returns: 50-day returns and 12-month warranty (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  function returns(body: unknown) {
    return shop(instance, 'POST', '/v1/shop/returns', body);
  }
  function lines(order: ShopOrder, qty = 1) {
    return order.lines.map((line) => ({ orderLineId: line.id, qty }));
  }

  // An order placed, shipped in full and delivered at DELIVERED.
  async function deliveredOrder(): Promise<ShopOrder> {
    instance.setNow('2026-02-27T09:00:00Z');
    const order = await placeOrder(instance, 'silver', { downlight: 4, panel: 2 });
    const { shipment } = await shipLines(instance, order.id, order.lines.map((line) => line.id));
    instance.setNow(DELIVERED);
    await deliverShipment(instance, shipment.id);
    return order;
  }

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  beforeEach(() => {
    instance.setNow(DELIVERED);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('takes a return within 50 days of the complete delivery, no reason needed, until its last day', async () => {
    const order = await deliveredOrder();
    instance.setNow('2026-04-21T20:00:00Z');
    const made = shopReturnSchema.parse(expectStatus(await returns({ orderId: order.id, kind: 'return', ownCarrier: true, lines: lines(order) }), 201));
    expect(made).toMatchObject({ orderId: order.id, kind: 'return', status: 'requested', reason: null, ownCarrier: true });
    expect(made.number).toMatch(/^R-\d+$/);
    const row = await instance.db.selectFrom('returns').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ customer_id: 'sc-silver', branch_id: 'br-oslo', own_carrier: true });
    expect(await instance.db.selectFrom('return_lines').select(['order_line_id', 'qty']).where('return_id', '=', made.id).orderBy('order_line_id').execute()).toHaveLength(2);
    expect((await auditRows(instance.db, 'shop.return.request')).find((entry) => entry.object_id === made.id)).toMatchObject({ actor_kind: 'shop' });

    instance.setNow('2026-04-22T08:00:00Z');
    expectError(await returns({ orderId: order.id, kind: 'return', lines: lines(order) }), 409, 'RETURN_WINDOW_CLOSED');
  });

  it('takes a warranty claim with a reason for 12 months after delivery, then refuses it', async () => {
    const order = await deliveredOrder();
    expectError(await returns({ orderId: order.id, kind: 'warranty', lines: lines(order) }), 400, 'INVALID_REQUEST');
    instance.setNow('2027-03-02T15:00:00Z');
    const claim = shopReturnSchema.parse(expectStatus(await returns({ orderId: order.id, kind: 'warranty', reason: 'Driveren blinker.', lines: lines(order).slice(0, 1) }), 201));
    expect(claim).toMatchObject({ kind: 'warranty', reason: 'Driveren blinker.', ownCarrier: false });
    instance.setNow('2027-03-03T08:00:00Z');
    expectError(await returns({ orderId: order.id, kind: 'warranty', reason: 'Driveren blinker.', lines: lines(order).slice(1) }), 409, 'WARRANTY_EXPIRED');
  });

  it('needs the goods delivered: a return needs the whole order, a warranty claim the line', async () => {
    instance.setNow('2026-02-27T09:00:00Z');
    const order = await placeOrder(instance, 'gold', { downlight: 2, panel: 1 }, { partialDelivery: true });
    const [first, second] = order.lines;
    if (first === undefined || second === undefined) throw new Error('two lines expected');
    const { shipment } = await shipLines(instance, order.id, [first.id]);
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: first.id, qty: 1 }] }), 409, 'NOT_DELIVERED');
    await deliverShipment(instance, shipment.id);
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: first.id, qty: 1 }] }), 409, 'NOT_DELIVERED');
    expectError(await returns({ orderId: order.id, kind: 'warranty', reason: 'Defekt', lines: [{ orderLineId: second.id, qty: 1 }] }), 409, 'NOT_DELIVERED');
    expectStatus(await returns({ orderId: order.id, kind: 'warranty', reason: 'Defekt', lines: [{ orderLineId: first.id, qty: 1 }] }), 201);
    // Once the rest arrives, the 50 days run from that last delivery.
    const rest = await shipLines(instance, order.id, [second.id]);
    instance.setNow('2026-03-10T09:00:00Z');
    await deliverShipment(instance, rest.shipment.id);
    instance.setNow('2026-04-28T09:00:00Z');
    expectStatus(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: second.id, qty: 1 }] }), 201);
  });

  it('refuses more than is left to send back, counting earlier requests but not rejected ones', async () => {
    const order = await deliveredOrder();
    const downlight = order.lines[0]!;
    await instance.db.updateTable('order_lines').set({ cancelled_qty: 1 }).where('id', '=', downlight.id).execute();
    const first = shopReturnSchema.parse(expectStatus(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: 2 }] }), 201));
    const before = await domainCounts(instance.db);
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: 2 }] }), 409, 'QTY_EXCEEDS');
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: 'nope', qty: 1 }] }), 404, 'NOT_FOUND');
    expectError(await returns({ orderId: 'nope', kind: 'return', lines: [{ orderLineId: downlight.id, qty: 1 }] }), 404, 'NOT_FOUND');
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: 1 }, { orderLineId: downlight.id, qty: 1 }] }), 400, 'INVALID_REQUEST');
    expectError(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: -1 }] }), 400, 'INVALID_REQUEST');
    expect(await domainCounts(instance.db)).toEqual(before);
    expectStatus(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: 1 }] }), 201);
    await instance.db.updateTable('returns').set({ status: 'rejected', rejection_reason: 'Brukt' }).where('id', '=', first.id).execute();
    expectStatus(await returns({ orderId: order.id, kind: 'return', lines: [{ orderLineId: downlight.id, qty: 2 }] }), 201);
  });
});
