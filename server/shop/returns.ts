import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { returnRequestSchema, type ReturnRequest, type ShopReturn } from '../../electron/shared/protocol/shop';
import { parseBody } from '../errors';
import { nextNumber } from './numbers';
import type { ShopDeps } from './options';
import { completeDeliveryAt, lastReturnDay, lastWarrantyDay, osloDate, RETURN_WINDOW_DAYS, WARRANTY_MONTHS } from './rules';
import { actingUser, auditWrite, conflict, customerById, notFound } from './support';

/** An order line as the return rules see it. */
interface ReturnableLine {
  id: string;
  line_no: number;
  qty: number;
  cancelled_qty: number;
  status: string;
  deliveredAt: string | null;
  /** Already asked back in returns that were not rejected. */
  returned: number;
}

/**
 * `POST /v1/shop/returns`: a return within 50 days of receiving the complete delivery (no reason
 * needed), or a warranty claim within 12 months of a line's delivery (with a reason). Refused
 * with NOT_DELIVERED, RETURN_WINDOW_CLOSED, WARRANTY_EXPIRED or QTY_EXCEEDS; nothing is written then.
 */
export async function requestReturn(deps: ShopDeps, body: unknown): Promise<ShopReturn> {
  const request = parseBody(returnRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Locked so two requests for one order count each other's quantities.
    const order = await trx.selectFrom('orders').select(['id', 'order_number', 'customer_id']).where('id', '=', request.orderId).forUpdate().executeTakeFirst();
    if (order === undefined) throw notFound(`There is no order ${request.orderId}.`);
    const customer = await customerById(trx, order.customer_id);
    const userId = await actingUser(trx, customer, request.userId);
    const rows = await trx
      .selectFrom('order_lines')
      .leftJoin('shipments', 'shipments.id', 'order_lines.shipment_id')
      .select(['order_lines.id', 'order_lines.line_no', 'order_lines.qty', 'order_lines.cancelled_qty', 'order_lines.status', 'shipments.delivered_at'])
      .select((eb) =>
        eb
          .selectFrom('return_lines')
          .innerJoin('returns', 'returns.id', 'return_lines.return_id')
          .select(sql<string>`coalesce(sum(return_lines.qty), 0)`.as('n'))
          .whereRef('return_lines.order_line_id', '=', 'order_lines.id')
          .where('returns.status', '<>', 'rejected')
          .as('returned'),
      )
      .where('order_lines.order_id', '=', order.id)
      .execute();
    const lines: ReturnableLine[] = rows.map((row) => ({
      id: row.id,
      line_no: row.line_no,
      qty: row.qty,
      cancelled_qty: row.cancelled_qty,
      status: row.status,
      deliveredAt: row.delivered_at,
      returned: Number(row.returned ?? 0),
    }));
    checkReturn(request, order.order_number, lines, osloDate(now));

    const id = randomUUID();
    const number = await nextNumber(trx, 'return');
    await trx
      .insertInto('returns')
      .values({
        id,
        return_number: number,
        order_id: order.id,
        customer_id: customer.id,
        branch_id: customer.branch_id,
        kind: request.kind,
        status: 'requested',
        reason: request.reason ?? null,
        own_carrier: request.ownCarrier === true,
        requested_at: now.toISOString(),
        decided_at: null,
        decided_by: null,
        rejection_reason: null,
      })
      .execute();
    await trx
      .insertInto('return_lines')
      .values(request.lines.map((line) => ({ id: randomUUID(), return_id: id, branch_id: customer.branch_id, order_line_id: line.orderLineId, qty: line.qty })))
      .execute();
    await auditWrite(trx, 'shop', 'shop.return.request', { type: 'return', id }, { number, orderId: order.id, kind: request.kind, userId }, now);
    return {
      id,
      number,
      orderId: order.id,
      kind: request.kind,
      status: 'requested',
      reason: request.reason ?? null,
      ownCarrier: request.ownCarrier === true,
      requestedAt: now.toISOString(),
      lines: request.lines.map((line) => ({ orderLineId: line.orderLineId, qty: line.qty })),
    };
  });
}

// Throws the first rule the request breaks; `today` is the Norwegian calendar date.
function checkReturn(request: ReturnRequest, orderNumber: string, lines: readonly ReturnableLine[], today: string): void {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const asked = request.lines.map((wanted) => {
    const line = byId.get(wanted.orderLineId);
    if (line === undefined) throw notFound(`Order ${orderNumber} has no line ${wanted.orderLineId}.`);
    return { line, qty: wanted.qty };
  });
  if (request.kind === 'return') {
    const completeAt = completeDeliveryAt(lines);
    if (completeAt === null) {
      throw conflict('NOT_DELIVERED', `Order ${orderNumber} is not delivered in full yet; the ${RETURN_WINDOW_DAYS}-day return window starts when everything has arrived.`);
    }
    const lastDay = lastReturnDay(completeAt);
    if (today > lastDay) {
      throw conflict('RETURN_WINDOW_CLOSED', `The ${RETURN_WINDOW_DAYS}-day return window of order ${orderNumber} closed on ${lastDay}. A defective product can still be claimed under warranty.`);
    }
  }
  for (const { line, qty } of asked) {
    if (line.status !== 'delivered' || line.deliveredAt === null) {
      throw conflict('NOT_DELIVERED', `Line ${line.line_no} of order ${orderNumber} is ${line.status}, not delivered; only received goods can be sent back.`);
    }
    if (request.kind === 'warranty') {
      const lastDay = lastWarrantyDay(line.deliveredAt);
      if (today > lastDay) {
        throw conflict('WARRANTY_EXPIRED', `The ${WARRANTY_MONTHS}-month warranty of line ${line.line_no} of order ${orderNumber} ended on ${lastDay}.`);
      }
    }
    const left = line.qty - line.cancelled_qty - line.returned;
    if (qty > left) {
      throw conflict('QTY_EXCEEDS', `Line ${line.line_no} of order ${orderNumber} has ${left} item(s) left to send back, not ${qty}.`);
    }
  }
}
