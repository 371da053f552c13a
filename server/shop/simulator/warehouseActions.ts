import { deliverResponseSchema, shipmentListSchema, shipResponseSchema, warehouseLineListSchema, type WarehouseLine } from '../../../electron/shared/protocol/shop';
import { pick, type ActionResult, type SimAction, type SimContext } from './context';

// The warehouse's half of the simulated traffic, first come first served: the oldest order's
// lines are picked, packed and shipped first, the oldest shipment arrives first.

const PARCEL_CARRIERS = ['Bring', 'Bring', 'PostNord', 'DHL Express'] as const;
const FREIGHT_CARRIERS = ['DB Schenker', 'Bring Cargo', 'DSV'] as const;

function digits(ctx: SimContext, count: number): string {
  return Array.from({ length: count }, () => Math.floor(ctx.random() * 10)).join('');
}

function tracking(ctx: SimContext, carrier: string): string {
  if (carrier === 'Bring') return `70${digits(ctx, 15)}`;
  if (carrier === 'PostNord') return `00370${digits(ctx, 13)}`;
  if (carrier === 'DSV') return `DSV${digits(ctx, 8)}`;
  if (carrier === 'Bring Cargo') return `CG${digits(ctx, 9)}NO`;
  return digits(ctx, 10);
}

// The lines of the oldest order in `lines` (which come oldest first).
function firstOrder(lines: readonly WarehouseLine[]): WarehouseLine[] {
  const first = lines[0];
  return first === undefined ? [] : lines.filter((line) => line.orderId === first.orderId);
}

const prepare: SimAction = {
  name: 'warehouse.prepare',
  weight: 14,
  async run(ctx): Promise<ActionResult> {
    const queue = await ctx.client.call('warehouse', 'GET', '/v1/warehouse/lines?status=open&limit=100', warehouseLineListSchema);
    const lines = firstOrder(queue.lines);
    if (lines.length === 0) return { skip: 'no open order lines' };
    await ctx.client.call('warehouse', 'POST', '/v1/warehouse/lines/prepare', warehouseLineListSchema, { lineIds: lines.map((line) => line.id) });
    return { done: `order ${lines[0]?.orderNumber}: ${lines.length} line(s) into preparation` };
  },
};

const ship: SimAction = {
  name: 'warehouse.ship',
  weight: 12,
  async run(ctx): Promise<ActionResult> {
    const queue = await ctx.client.call('warehouse', 'GET', '/v1/warehouse/lines?status=in_preparation&limit=100', warehouseLineListSchema);
    const lines = firstOrder(queue.lines);
    if (lines.length === 0) return { skip: 'no lines in preparation' };
    const freight = lines.some((line) => line.bulky);
    const carrier = pick(ctx, freight ? FREIGHT_CARRIERS : PARCEL_CARRIERS);
    const body = { orderId: lines[0]?.orderId, lineIds: lines.map((line) => line.id), carrier, trackingNumber: tracking(ctx, carrier) };
    const { shipment, invoice } = await ctx.client.call('warehouse', 'POST', '/v1/warehouse/shipments', shipResponseSchema, body);
    const amount = (invoice.amountOre / 100).toLocaleString('nb-NO', { maximumFractionDigits: 0 });
    return { done: `order ${lines[0]?.orderNumber}: ${lines.length} line(s) with ${carrier} ${shipment.trackingNumber}, invoice ${invoice.number} ${amount} kr` };
  },
};

const deliver: SimAction = {
  name: 'warehouse.deliver',
  weight: 12,
  async run(ctx): Promise<ActionResult> {
    const { shipments } = await ctx.client.call('warehouse', 'GET', '/v1/warehouse/shipments?delivered=false&limit=5', shipmentListSchema);
    const shipment = shipments[0];
    if (shipment === undefined) return { skip: 'no shipment on its way' };
    await ctx.client.call('warehouse', 'POST', `/v1/warehouse/shipments/${encodeURIComponent(shipment.id)}/deliver`, deliverResponseSchema, {});
    return { done: `${shipment.carrier} ${shipment.trackingNumber} delivered` };
  },
};

/** Everything the warehouse does in the simulation. */
export const warehouseActions: readonly SimAction[] = [prepare, ship, deliver];
