import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipmentListSchema, shopOrderSchema, warehouseLineListSchema } from '../../../electron/shared/protocol/shop';
import { DEFAULT_PRICING } from '../../../server/shop';
import { auditRows } from './authFixture';
import { BACKENDS, useTestDatabases } from './backends';
import { expectError, expectStatus } from './httpFixture';
import {
  deliverShipment,
  domainCounts,
  placeOrder,
  seedShopWorld,
  shipLines,
  shop,
  startShopInstance,
  warehouse,
  type ShopInstance,
} from './shopFixture';

const { bulkySurchargeOre } = DEFAULT_PRICING;

describe.each(BACKENDS)('warehouse: preparation, shipping with one invoice per shipment, delivery (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance;

  function prepare(lineIds: string[]) {
    return warehouse(instance, 'POST', '/v1/warehouse/lines/prepare', { lineIds });
  }

  async function orderView(orderId: string) {
    return shopOrderSchema.parse(expectStatus(await shop(instance, 'GET', `/v1/shop/orders/${orderId}`), 200));
  }

  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedShopWorld(instance.db);
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('moves only open lines into preparation, all of a batch or none', async () => {
    const order = await placeOrder(instance, 'silver', { downlight: 2, panel: 1 });
    const [first, second] = order.lines.map((line) => line.id) as [string, string];
    const prepared = warehouseLineListSchema.parse(expectStatus(await prepare([first]), 200));
    expect(prepared.lines).toMatchObject([{ id: first, orderNumber: order.number, status: 'in_preparation' }]);
    const before = await domainCounts(instance.db);
    expectError(await prepare([second, first]), 409, 'LINE_NOT_OPEN');
    expectError(await prepare([second, 'nope']), 404, 'NOT_FOUND');
    expectError(await prepare([]), 400, 'INVALID_REQUEST');
    expectError(await prepare([second, second]), 400, 'INVALID_REQUEST');
    expect(await domainCounts(instance.db)).toEqual(before);
    expect((await orderView(order.id)).lines.map((line) => line.status)).toEqual(['in_preparation', 'open']);
    expect((await auditRows(instance.db, 'warehouse.lines.prepare')).find((entry) => entry.object_id === order.id)).toMatchObject({ actor_kind: 'warehouse' });
    const queue = warehouseLineListSchema.parse(expectStatus(await warehouse(instance, 'GET', '/v1/warehouse/lines?status=in_preparation&limit=500'), 200));
    expect(queue.lines.map((line) => line.id)).toContain(first);
    expectError(await warehouse(instance, 'GET', '/v1/warehouse/lines?status=shipped'), 400, 'INVALID_REQUEST');
  });

  it('invoices each shipment for what it carries, with the bulky surcharge on the first invoice only (partial delivery)', async () => {
    const order = await placeOrder(instance, 'gold', { downlight: 10, mast: 1, panel: 4 }, { partialDelivery: true });
    const [downlight, mast, panel] = order.lines;
    if (downlight === undefined || mast === undefined || panel === undefined) throw new Error('three lines expected');
    // Customer service cancelled one of the four panels before anything shipped.
    await instance.db.updateTable('order_lines').set({ cancelled_qty: 1 }).where('id', '=', panel.id).execute();

    const one = await shipLines(instance, order.id, [downlight.id]);
    expect(one.shipment).toMatchObject({ orderId: order.id, carrier: 'Bring', freightForwarder: false, deliveredAt: null });
    expect(one.invoice).toMatchObject({ shipmentId: one.shipment.id, amountOre: 10 * downlight.unitPriceOre + bulkySurchargeOre });
    const two = await shipLines(instance, order.id, [mast.id]);
    expect(two.shipment.freightForwarder).toBe(true);
    expect(two.invoice.amountOre).toBe(mast.unitPriceOre);
    const three = await shipLines(instance, order.id, [panel.id]);
    expect(three.invoice.amountOre).toBe(3 * panel.unitPriceOre);

    const view = await orderView(order.id);
    expect(view.invoices.map((invoice) => invoice.shipmentId).sort()).toEqual([one, two, three].map((s) => s.shipment.id).sort());
    expect(new Set(view.invoices.map((invoice) => invoice.number)).size).toBe(3);
    expect(view.invoices.reduce((sum, invoice) => sum + invoice.amountOre, 0)).toBe(view.totalOre);
    expect(view.lines.map((line) => [line.status, line.shipmentId])).toEqual([
      ['shipped', one.shipment.id],
      ['shipped', two.shipment.id],
      ['shipped', three.shipment.id],
    ]);
    const invoiceRows = await instance.db.selectFrom('invoices').selectAll().where('order_id', '=', order.id).execute();
    expect(invoiceRows.every((row) => row.emailed_at !== null)).toBe(true);
  });

  it('never charges the surcharge twice when two shipments of a bulky order leave at once', async () => {
    const order = await placeOrder(instance, 'silver', { mast: 1, panel: 1 });
    const shipped = await Promise.all(order.lines.map(async (line) => ({ line, result: await shipLines(instance, order.id, [line.id]) })));
    const extras = shipped.map(({ line, result }) => result.invoice.amountOre - line.qty * line.unitPriceOre).sort((x, y) => x - y);
    expect(extras).toEqual([0, bulkySurchargeOre]);
    expect((await orderView(order.id)).invoices).toHaveLength(2);
  });

  it('refuses cancelled, already shipped and foreign lines, and unknown orders, writing nothing', async () => {
    const order = await placeOrder(instance, 'platinum', { downlight: 2, panel: 2 });
    const other = await placeOrder(instance, 'platinum', { downlight: 1 });
    const [downlight, panel] = order.lines;
    if (downlight === undefined || panel === undefined) throw new Error('two lines expected');
    await instance.db.updateTable('order_lines').set({ status: 'cancelled', cancelled_qty: panel.qty }).where('id', '=', panel.id).execute();
    await shipLines(instance, order.id, [downlight.id]);
    const before = await domainCounts(instance.db);
    const ship = (orderId: string, lineIds: string[]) =>
      warehouse(instance, 'POST', '/v1/warehouse/shipments', { orderId, lineIds, carrier: 'PostNord', trackingNumber: '00370123' });
    expectError(await ship(order.id, [panel.id]), 409, 'LINE_CANCELLED');
    expectError(await ship(order.id, [downlight.id]), 409, 'LINE_ALREADY_SHIPPED');
    expectError(await ship(order.id, [other.lines[0]!.id]), 404, 'NOT_FOUND');
    expectError(await ship('nope', [downlight.id]), 404, 'NOT_FOUND');
    expectError(await warehouse(instance, 'POST', '/v1/warehouse/shipments', { orderId: order.id, lineIds: [downlight.id], carrier: '' }), 400, 'INVALID_REQUEST');
    expect(await domainCounts(instance.db)).toEqual(before);
  });

  it('delivers a shipment: its lines become delivered, once', async () => {
    const order = await placeOrder(instance, 'silver', { downlight: 1, panel: 1 });
    const first = await shipLines(instance, order.id, [order.lines[0]!.id]);
    const second = await shipLines(instance, order.id, [order.lines[1]!.id]);
    const open = shipmentListSchema.parse(expectStatus(await warehouse(instance, 'GET', '/v1/warehouse/shipments?delivered=false&limit=500'), 200));
    expect(open.shipments.map((s) => s.id)).toEqual(expect.arrayContaining([first.shipment.id, second.shipment.id]));
    await deliverShipment(instance, first.shipment.id);
    let view = await orderView(order.id);
    expect(view.lines.map((line) => line.status)).toEqual(['delivered', 'shipped']);
    expect(view.completeDeliveryAt).toBeNull();
    expect(view.shipments.find((s) => s.id === first.shipment.id)?.deliveredAt).not.toBeNull();
    expectError(await warehouse(instance, 'POST', `/v1/warehouse/shipments/${first.shipment.id}/deliver`, {}), 409, 'SHIPMENT_ALREADY_DELIVERED');
    expectError(await warehouse(instance, 'POST', '/v1/warehouse/shipments/nope/deliver', {}), 404, 'NOT_FOUND');
    expectError(await warehouse(instance, 'POST', `/v1/warehouse/shipments/${second.shipment.id}/deliver`, { at: 'now' }), 400, 'INVALID_REQUEST');
    await deliverShipment(instance, second.shipment.id);
    view = await orderView(order.id);
    expect(view.lines.map((line) => line.status)).toEqual(['delivered', 'delivered']);
    expect(view.completeDeliveryAt).toBe(view.shipments.find((s) => s.id === second.shipment.id)?.deliveredAt);
  });
});
