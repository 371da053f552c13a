import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deliverRequestSchema, shipRequestSchema, type Shipment, type ShipResponse } from '../../electron/shared/protocol/shop';
import { parseBody } from '../errors';
import type { ShopDeps } from '../shop';
import { nextNumber } from '../shop/numbers';
import { MAX_AMOUNT_ORE } from '../shop/pricing';
import { auditWrite, conflict, countParam, notFound, parseQuery } from '../shop/support';
import { invoiceView, shipmentView } from '../shop/views';

const MAX_LIST = 500;
const shipmentQuerySchema = z.strictObject({ delivered: z.enum(['true', 'false']).optional(), limit: countParam(MAX_LIST).optional() });

/**
 * `POST /v1/warehouse/shipments`: lines of one order leave the warehouse with tracking. Open or
 * in-preparation lines only (cancelled: 409 LINE_CANCELLED; already gone: 409
 * LINE_ALREADY_SHIPPED). Makes exactly one invoice for the shipment, charging only what it
 * carries (qty less cancelled qty, at the line's price), plus the bulky surcharge on the order's
 * first invoice. Bulky goods go by freight forwarder.
 */
export async function ship(deps: ShopDeps, body: unknown): Promise<ShipResponse> {
  const request = parseBody(shipRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // The order's lock orders its shipments: exactly one of them finds no invoice yet.
    const order = await trx
      .selectFrom('orders')
      .select(['id', 'order_number', 'branch_id', 'bulky_surcharge_ore'])
      .where('id', '=', request.orderId)
      .forUpdate()
      .executeTakeFirst();
    if (order === undefined) throw notFound(`There is no order ${request.orderId}.`);
    const lines = await trx
      .selectFrom('order_lines')
      .innerJoin('products', 'products.id', 'order_lines.product_id')
      .select(['order_lines.id', 'order_lines.line_no', 'order_lines.status', 'order_lines.qty', 'order_lines.cancelled_qty', 'order_lines.unit_price_ore', 'products.bulky'])
      .where('order_lines.order_id', '=', order.id)
      .where('order_lines.id', 'in', request.lineIds)
      .orderBy('order_lines.id')
      .forUpdate()
      .execute();
    const found = new Set(lines.map((line) => line.id));
    const missing = request.lineIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(`Order ${order.order_number} has no line ${missing.join(', ')}.`);
    for (const line of lines) {
      if (line.status === 'cancelled') throw conflict('LINE_CANCELLED', `Line ${line.line_no} of order ${order.order_number} is cancelled; it cannot ship.`);
      if (line.status === 'shipped' || line.status === 'delivered') {
        throw conflict('LINE_ALREADY_SHIPPED', `Line ${line.line_no} of order ${order.order_number} is already ${line.status}.`);
      }
    }
    const earlier = await trx.selectFrom('invoices').select('id').where('order_id', '=', order.id).limit(1).executeTakeFirst();
    const goods = lines.reduce((sum, line) => sum + (line.qty - line.cancelled_qty) * line.unit_price_ore, 0);
    const amount = goods + (earlier === undefined ? order.bulky_surcharge_ore : 0);
    // Orders are capped when placed; lines changed by hand in the database could still overflow.
    if (amount > MAX_AMOUNT_ORE) throw conflict('INVOICE_TOO_LARGE', `The invoice would come to ${amount} øre; ship these lines in smaller shipments.`);

    const shipmentRow = {
      id: randomUUID(),
      order_id: order.id,
      branch_id: order.branch_id,
      carrier: request.carrier,
      tracking_number: request.trackingNumber,
      freight_forwarder: lines.some((line) => line.bulky),
      shipped_at: now.toISOString(),
      delivered_at: null,
    };
    await trx.insertInto('shipments').values(shipmentRow).execute();
    await trx.updateTable('order_lines').set({ status: 'shipped', shipment_id: shipmentRow.id }).where('id', 'in', request.lineIds).execute();
    const invoiceRow = {
      id: randomUUID(),
      invoice_number: await nextNumber(trx, 'invoice'),
      shipment_id: shipmentRow.id,
      order_id: order.id,
      branch_id: order.branch_id,
      amount_ore: amount,
      issued_at: now.toISOString(),
      // E-mailed as the goods ship (domain.md); this service stands in for the mailer.
      emailed_at: now.toISOString(),
    };
    await trx.insertInto('invoices').values(invoiceRow).execute();
    await auditWrite(
      trx,
      'warehouse',
      'warehouse.ship',
      { type: 'shipment', id: shipmentRow.id },
      { orderId: order.id, lineIds: request.lineIds, invoiceId: invoiceRow.id, amountOre: amount },
      now,
    );
    return { shipment: shipmentView(shipmentRow), invoice: invoiceView(invoiceRow) };
  });
}

/** `POST /v1/warehouse/shipments/:id/deliver`: the carrier handed the shipment over; its lines are delivered. */
export async function deliver(deps: ShopDeps, shipmentId: string, body: unknown): Promise<{ shipment: Shipment }> {
  parseBody(deliverRequestSchema, body ?? {});
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const shipment = await trx.selectFrom('shipments').selectAll().where('id', '=', shipmentId).forUpdate().executeTakeFirst();
    if (shipment === undefined) throw notFound(`There is no shipment ${shipmentId}.`);
    if (shipment.delivered_at !== null) throw conflict('SHIPMENT_ALREADY_DELIVERED', `Shipment ${shipment.tracking_number} is already delivered.`);
    // Never before it left (the table's check): a clock behind the warehouse's is read as "just now".
    const shippedAt = new Date(shipment.shipped_at);
    const deliveredAt = (now < shippedAt ? shippedAt : now).toISOString();
    await trx.updateTable('shipments').set({ delivered_at: deliveredAt }).where('id', '=', shipment.id).execute();
    await trx.updateTable('order_lines').set({ status: 'delivered' }).where('shipment_id', '=', shipment.id).where('status', '=', 'shipped').execute();
    await auditWrite(trx, 'warehouse', 'warehouse.deliver', { type: 'shipment', id: shipment.id }, { orderId: shipment.order_id }, now);
    return { shipment: shipmentView({ ...shipment, delivered_at: deliveredAt }) };
  });
}

/** `GET /v1/warehouse/shipments?delivered=false&limit=N`: shipments, oldest first. */
export async function listShipments(deps: ShopDeps, query: unknown): Promise<{ shipments: Shipment[] }> {
  const { delivered = 'false', limit = 50 } = parseQuery(shipmentQuerySchema, query, 'Use ?delivered=true|false&limit=1…500.');
  const rows = await deps.db
    .selectFrom('shipments')
    .selectAll()
    .where('delivered_at', delivered === 'true' ? 'is not' : 'is', null)
    .orderBy('shipped_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return { shipments: rows.map(shipmentView) };
}
