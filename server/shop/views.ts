import type { Kysely } from 'kysely';
import type { Invoice, Shipment, ShopOrder, ShopQuote } from '../../electron/shared/protocol/shop';
import type { Database } from '../db';
import { quoteUnitPriceOre } from './pricing';
import { completeDeliveryAt } from './rules';
import { notFound } from './support';

// Database rows → the shop's wire shapes. Read inside the write's transaction when answering a
// write, so the answer is exactly what was committed.

/** The quote `quoteId` as the customer sees it; a 404 when there is none. */
export async function loadQuoteView(db: Kysely<Database>, quoteId: string): Promise<ShopQuote> {
  const quote = await db
    .selectFrom('quotes')
    .innerJoin('customers', 'customers.id', 'quotes.customer_id')
    .selectAll('quotes')
    .select('customers.customer_number')
    .where('quotes.id', '=', quoteId)
    .executeTakeFirst();
  if (quote === undefined) throw notFound(`There is no quote ${quoteId}.`);
  const lines = await db.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute();
  const comments = await db
    .selectFrom('quote_comments')
    .select(['id', 'author_kind', 'body', 'created_at'])
    .where('quote_id', '=', quoteId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const wireLines = lines.map((line) => {
    const unitPriceOre = quoteUnitPriceOre(line);
    return {
      position: line.position,
      articleNumber: line.article_number,
      name: line.name,
      qty: line.qty,
      listPriceOre: line.list_price_ore,
      tierDiscountBp: line.tier_discount_bp,
      extraDiscountBp: line.extra_discount_bp,
      offeredPriceOre: line.offered_price_ore,
      unitPriceOre,
      lineTotalOre: unitPriceOre * line.qty,
    };
  });
  return {
    id: quote.id,
    number: quote.quote_number,
    customerNumber: quote.customer_number,
    projectListId: quote.project_list_id,
    status: quote.status,
    requestedAt: quote.requested_at,
    dueAt: quote.due_at,
    answeredAt: quote.answered_at,
    validUntil: quote.valid_until,
    messageToCustomer: quote.message_to_customer,
    declineReason: quote.decline_reason,
    orderId: quote.order_id,
    lines: wireLines,
    totalOre: wireLines.reduce((sum, line) => sum + line.lineTotalOre, 0),
    comments: comments.map((comment) => ({ id: comment.id, authorKind: comment.author_kind, body: comment.body, createdAt: comment.created_at })),
  };
}

/** The order `orderId` with lines, shipments and invoices; a 404 when there is none. */
export async function loadOrderView(db: Kysely<Database>, orderId: string): Promise<ShopOrder> {
  const order = await db
    .selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customer_id')
    .selectAll('orders')
    .select('customers.customer_number')
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
  if (order === undefined) throw notFound(`There is no order ${orderId}.`);
  const lines = await db
    .selectFrom('order_lines')
    .innerJoin('products', 'products.id', 'order_lines.product_id')
    .selectAll('order_lines')
    .select(['products.article_number', 'products.name_nb', 'products.bulky'])
    .where('order_lines.order_id', '=', orderId)
    .orderBy('order_lines.line_no')
    .execute();
  const shipments = (await db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('shipped_at').orderBy('id').execute()).map(
    shipmentView,
  );
  const invoices = await db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).orderBy('issued_at').orderBy('invoice_number').execute();
  const deliveredAt = new Map(shipments.map((shipment) => [shipment.id, shipment.deliveredAt]));
  const wireLines = lines.map((line) => ({
    id: line.id,
    lineNo: line.line_no,
    articleNumber: line.article_number,
    name: line.name_nb,
    bulky: line.bulky,
    qty: line.qty,
    cancelledQty: line.cancelled_qty,
    unitPriceOre: line.unit_price_ore,
    lineTotalOre: (line.qty - line.cancelled_qty) * line.unit_price_ore,
    status: line.status,
    shipmentId: line.shipment_id,
  }));
  const delivery = wireLines.map((line) => ({ status: line.status, deliveredAt: line.shipmentId === null ? null : (deliveredAt.get(line.shipmentId) ?? null) }));
  return {
    id: order.id,
    number: order.order_number,
    customerNumber: order.customer_number,
    quoteId: order.quote_id,
    paymentMethod: order.payment_method,
    billingAddressId: order.billing_address_id,
    deliveryAddressId: order.delivery_address_id,
    requestedDeliveryDate: order.requested_delivery_date,
    partialDelivery: order.partial_delivery,
    bulkySurchargeOre: order.bulky_surcharge_ore,
    placedAt: order.placed_at,
    completeDeliveryAt: completeDeliveryAt(delivery),
    lines: wireLines,
    totalOre: wireLines.reduce((sum, line) => sum + line.lineTotalOre, 0) + order.bulky_surcharge_ore,
    shipments,
    invoices: invoices.map(invoiceView),
  };
}

/** A shipments row on the wire. */
export function shipmentView(row: ShipmentRow): Shipment {
  return {
    id: row.id,
    orderId: row.order_id,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    freightForwarder: row.freight_forwarder,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
  };
}

/** An invoices row on the wire. */
export function invoiceView(row: InvoiceRow): Invoice {
  return { id: row.id, number: row.invoice_number, shipmentId: row.shipment_id, amountOre: row.amount_ore, issuedAt: row.issued_at };
}

/** The shipments columns {@link shipmentView} reads. */
export interface ShipmentRow {
  id: string;
  order_id: string;
  carrier: string;
  tracking_number: string;
  freight_forwarder: boolean;
  shipped_at: string;
  delivered_at: string | null;
}

/** The invoices columns {@link invoiceView} reads. */
export interface InvoiceRow {
  id: string;
  invoice_number: string;
  shipment_id: string;
  amount_ore: number;
  issued_at: string;
}
