import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { placeOrderRequestSchema, type QuoteAcceptRequest, type ShopOrder } from '../../electron/shared/protocol/shop';
import type { Database } from '../db';
import { HttpError, parseBody } from '../errors';
import { nextNumber } from './numbers';
import type { ShopDeps } from './options';
import { discountedPriceOre, MAX_AMOUNT_ORE } from './pricing';
import { addDays, MAX_DELIVERY_DATE_DAYS, osloDate } from './rules';
import { actingUser, auditWrite, conflict, customerByNumber, notFound, type CustomerFacts } from './support';
import { loadOrderView } from './views';

/** What checkout asks for, from the cart or from a quote. */
export type Checkout = Omit<QuoteAcceptRequest, 'userId'>;

/** One line of an order about to be written. */
export interface OrderLineDraft {
  productId: string;
  qty: number;
  unitPriceOre: number;
  bulky: boolean;
}

/** An order about to be written: whose, how it is paid and delivered, and what it holds. */
export interface OrderDraft {
  customer: CustomerFacts;
  userId: string | null;
  quoteId: string | null;
  checkout: Checkout;
  lines: readonly OrderLineDraft[];
}

/**
 * Writes the order and its lines (all open). The bulky surcharge is charged once when any line
 * is bulky. Checks the addresses and delivery date first; everything in the caller's transaction.
 */
export async function createOrder(trx: Transaction<Database>, deps: ShopDeps, draft: OrderDraft, now: Date): Promise<{ id: string; number: string }> {
  const { customer, checkout } = draft;
  await checkAddress(trx, customer, checkout.billingAddressId, ['billing'], 'billing');
  await checkAddress(trx, customer, checkout.deliveryAddressId, ['delivery', 'business'], 'delivery');
  checkDeliveryDate(checkout.requestedDeliveryDate, now);
  const surcharge = draft.lines.some((line) => line.bulky) ? deps.pricing.bulkySurchargeOre : 0;
  const total = draft.lines.reduce((sum, line) => sum + line.qty * line.unitPriceOre, surcharge);
  if (total > MAX_AMOUNT_ORE) {
    throw new HttpError(400, 'ORDER_TOO_LARGE', `The order comes to ${total} øre, more than one order can hold (${MAX_AMOUNT_ORE}). Split it into several orders.`);
  }
  const id = randomUUID();
  const number = await nextNumber(trx, 'order');
  await trx
    .insertInto('orders')
    .values({
      id,
      order_number: number,
      customer_id: customer.id,
      branch_id: customer.branch_id,
      quote_id: draft.quoteId,
      placed_by_user_id: draft.userId,
      payment_method: checkout.paymentMethod,
      billing_address_id: checkout.billingAddressId,
      delivery_address_id: checkout.deliveryAddressId,
      requested_delivery_date: checkout.requestedDeliveryDate ?? null,
      partial_delivery: checkout.partialDelivery === true,
      bulky_surcharge_ore: surcharge,
      placed_at: now.toISOString(),
    })
    .execute();
  await trx
    .insertInto('order_lines')
    .values(
      draft.lines.map((line, index) => ({
        id: randomUUID(),
        order_id: id,
        branch_id: customer.branch_id,
        line_no: index + 1,
        product_id: line.productId,
        qty: line.qty,
        cancelled_qty: 0,
        unit_price_ore: line.unitPriceOre,
        status: 'open' as const,
        shipment_id: null,
      })),
    )
    .execute();
  return { id, number };
}

/** `POST /v1/shop/orders`: a quick order by article numbers, at list price less the tier discount. */
export async function placeOrder(deps: ShopDeps, body: unknown): Promise<ShopOrder> {
  const request = parseBody(placeOrderRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const customer = await customerByNumber(trx, request.customerNumber);
    const userId = await actingUser(trx, customer, request.userId);
    // The same article twice (a CSV with repeats) is one line with the quantities added.
    const wanted = new Map<string, number>();
    for (const line of request.lines) wanted.set(line.articleNumber, (wanted.get(line.articleNumber) ?? 0) + line.qty);
    const products = await trx
      .selectFrom('products')
      .select(['id', 'article_number', 'list_price_ore', 'bulky', 'active'])
      .where('article_number', 'in', [...wanted.keys()])
      .execute();
    const byArticle = new Map(products.map((product) => [product.article_number, product]));
    const unknown = [...wanted.keys()].filter((article) => !byArticle.has(article));
    if (unknown.length > 0) throw notFound(`Unknown article number(s): ${unknown.join(', ')}. Check them against the catalogue.`);
    const inactive = products.filter((product) => !product.active).map((product) => product.article_number);
    if (inactive.length > 0) throw conflict('PRODUCT_UNAVAILABLE', `No longer sold: ${inactive.join(', ')}. Remove them from the order.`);
    const tierBp = deps.pricing.tierDiscountBp[customer.loyalty_tier];
    const lines = [...wanted].map(([article, qty]) => {
      const product = byArticle.get(article);
      if (product === undefined) throw new Error(`product ${article} vanished`);
      return { productId: product.id, qty, unitPriceOre: discountedPriceOre(product.list_price_ore, tierBp), bulky: product.bulky };
    });
    const { userId: _ignored, customerNumber: _number, lines: _lines, ...checkout } = request;
    const order = await createOrder(trx, deps, { customer, userId, quoteId: null, checkout, lines }, now);
    await auditWrite(trx, 'shop', 'shop.order.place', { type: 'order', id: order.id }, { number: order.number, customerId: customer.id, userId, lines: lines.length }, now);
    return loadOrderView(trx, order.id);
  });
}

async function checkAddress(
  trx: Transaction<Database>,
  customer: CustomerFacts,
  addressId: string,
  kinds: ReadonlyArray<'billing' | 'delivery' | 'business'>,
  role: string,
): Promise<void> {
  const address = await trx
    .selectFrom('addresses')
    .select('kind')
    .where('id', '=', addressId)
    .where('customer_id', '=', customer.id)
    .executeTakeFirst();
  if (address === undefined || !kinds.includes(address.kind)) {
    throw notFound(`Customer ${customer.customer_number} has no ${role} address ${addressId}. Pick one from the customer's address book.`);
  }
}

function checkDeliveryDate(date: string | undefined, now: Date): void {
  if (date === undefined) return;
  const today = osloDate(now);
  const latest = addDays(today, MAX_DELIVERY_DATE_DAYS);
  // addDays normalizes: a day the month lacks (2026-02-30) comes back as another date.
  if (addDays(date, 0) !== date || date < today || date > latest) {
    throw new HttpError(400, 'INVALID_DELIVERY_DATE', `The requested delivery date ${date} must be from today (${today}) to ${latest}.`);
  }
}
