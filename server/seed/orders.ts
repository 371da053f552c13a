import { BULKY_SURCHARGE_ORE, DAY, HOUR, MINUTE, TIER_DISCOUNT_BP, iso, isoDate, second, type SeedContext } from './context';
import type { CustomerRef } from './customers';
import { rejectionReasons, returnRemarks, warrantyReasons } from './data/texts';
import { makeAcceptedQuote, pickItems, type LineDraft } from './quotes';
import { weights, type Weights } from './random';

/** An order as contact messages refer to it. */
export interface OrderRef {
  id: string;
  number: string;
  placedAt: number;
  lines: number;
}

interface LineState {
  id: string;
  draft: LineDraft;
  cancelledQty: number;
  group: string;
}

/** A shipment's life: when the warehouse started, shipped, and the customer received. */
interface GroupTimes {
  prepAt: number;
  shippedAt: number;
  deliveredAt: number;
  freight: boolean;
}

const parcelCarriers = weights({ Bring: 55, PostNord: 35, 'DHL Express': 10 });
const freightCarriers = weights({ 'DB Schenker': 45, 'Bring Cargo': 35, DSV: 20 });
const deliveryOptions = weights({ none: 67, date: 18, partial: 15 });
const paymentMethods = weights({ invoice: 75, card: 20, prepayment: 5 });

const lineCounts = new Map<number, Weights<string>>();

/**
 * Lines per order, 1–10 with mean `mean`: weights fall off (or rise) smoothly, e^(−λn), with λ
 * found by bisection, so small orders are the most common and ten-line orders still happen.
 */
function lineCountWeights(mean: number): Weights<string> {
  const meanFor = (lambda: number): number => {
    let sum = 0;
    let weighted = 0;
    for (let n = 1; n <= 10; n++) {
      sum += Math.exp(-lambda * n);
      weighted += n * Math.exp(-lambda * n);
    }
    return weighted / sum;
  };
  let lo = -3;
  let hi = 3;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanFor(mid) > mean) lo = mid;
    else hi = mid;
  }
  return weights(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1), Math.exp(-lo * (i + 1))])));
}

function lineCount(ctx: SeedContext): number {
  const mean = ctx.profile.meanLinesPerOrder;
  let table = lineCounts.get(mean);
  if (table === undefined) {
    table = lineCountWeights(mean);
    lineCounts.set(mean, table);
  }
  return Number(ctx.r.from(table));
}

function tracking(ctx: SeedContext, carrier: string): string {
  const { r } = ctx;
  if (carrier === 'Bring') return `70${r.digits(15)}`;
  if (carrier === 'PostNord') return `00370${r.digits(13)}`;
  if (carrier === 'DSV') return `DSV${r.digits(8)}`;
  if (carrier === 'Bring Cargo') return `CG${r.digits(9)}NO`;
  return r.digits(10);
}

/**
 * Writes an order placed at `placedAt` with its lines, and the shipments and invoices that the
 * reference time has reached: each line's state follows from when its shipment was prepared,
 * shipped and delivered, so line states, shipments and invoices always agree.
 */
export function makeOrder(ctx: SeedContext, customer: CustomerRef, placedAt: number): OrderRef {
  const { r, now } = ctx;
  const id = ctx.ids.next();
  let quoteId: string | null = null;
  let drafts: LineDraft[];
  if (placedAt - customer.createdMs > 26 * DAY && r.chance(0.08)) {
    ({ quoteId, lines: drafts } = makeAcceptedQuote(ctx, customer, id, placedAt));
  } else {
    const tierBp = TIER_DISCOUNT_BP[customer.tier];
    drafts = pickItems(ctx, lineCount(ctx)).map(({ product, qty }) => ({ product, qty, unitOre: Math.round((product.listOre * (10_000 - tierBp)) / 10_000) }));
  }
  const option = r.from(deliveryOptions);
  const requestedDate = option === 'date' ? second(placedAt + r.float(5, 20) * DAY) : null;
  const bulky = drafts.some((draft) => draft.product.bulky);
  const number = String(ctx.counters.order++);
  ctx.out.add('orders', {
    id,
    order_number: number,
    customer_id: customer.id,
    branch_id: customer.branch.id,
    quote_id: quoteId,
    placed_by_user_id: r.pick(customer.buyers.length > 0 ? customer.buyers : customer.users).id,
    payment_method: r.from(paymentMethods),
    billing_address_id: customer.billingAddressId,
    delivery_address_id: r.pick(customer.deliveryAddressIds),
    requested_delivery_date: requestedDate === null ? null : isoDate(requestedDate),
    partial_delivery: option === 'partial',
    bulky_surcharge_ore: bulky ? BULKY_SURCHARGE_ORE : 0,
    placed_at: iso(placedAt),
  });

  // Without partial delivery everything waits for the last item; bulky goods still go by freight.
  const orderDelay = requestedDate !== null ? Math.max(0, requestedDate - placedAt - 2 * DAY) : r.chance(0.12) ? r.float(2, 12) * DAY : 0;
  const lines: LineState[] = drafts.map((draft) => {
    const delay = option === 'partial' ? (r.chance(0.3) ? Math.round(r.float(2, 20)) * DAY : 0) : orderDelay;
    const cancel = r.next();
    const cancelledQty = cancel < 0.03 ? draft.qty : cancel < 0.045 && draft.qty > 1 ? r.int(1, draft.qty - 1) : 0;
    return { id: ctx.ids.next(), draft, cancelledQty, group: `${delay}:${draft.product.bulky ? 'F' : 'P'}` };
  });
  const groups = new Map<string, GroupTimes>();
  for (const line of lines) {
    if (groups.has(line.group)) continue;
    const [delay = '0', kind] = line.group.split(':');
    const prepAt = second(placedAt + Number(delay) + r.float(HOUR, 20 * HOUR));
    const shippedAt = second(prepAt + r.float(2 * HOUR, 30 * HOUR));
    const freight = kind === 'F';
    groups.set(line.group, { prepAt, shippedAt, deliveredAt: second(shippedAt + (freight ? r.float(2, 6) * DAY : r.float(16 * HOUR, 3 * DAY))), freight });
  }

  const shipmentOf = new Map<string, string>();
  let firstInvoice = true;
  let completeAt = 0;
  let allDelivered = true;
  for (const [key, times] of groups) {
    const shipped = lines.filter((line) => line.group === key && line.cancelledQty < line.draft.qty);
    if (shipped.length === 0 || times.shippedAt > now) {
      if (shipped.length > 0) allDelivered = false;
      continue;
    }
    const shipmentId = ctx.ids.next();
    shipmentOf.set(key, shipmentId);
    const carrier = r.from<string>(times.freight ? freightCarriers : parcelCarriers);
    const delivered = times.deliveredAt <= now;
    if (delivered) completeAt = Math.max(completeAt, times.deliveredAt);
    else allDelivered = false;
    ctx.out.add('shipments', {
      id: shipmentId,
      order_id: id,
      branch_id: customer.branch.id,
      carrier,
      tracking_number: tracking(ctx, carrier),
      freight_forwarder: times.freight,
      shipped_at: iso(times.shippedAt),
      delivered_at: delivered ? iso(times.deliveredAt) : null,
    });
    // One invoice per shipment, for what it carried; the bulky surcharge once, on the first.
    let amount = shipped.reduce((sum, line) => sum + (line.draft.qty - line.cancelledQty) * line.draft.unitOre, 0);
    if (firstInvoice && bulky) amount += BULKY_SURCHARGE_ORE;
    firstInvoice = false;
    const emailedAt = second(times.shippedAt + r.float(MINUTE, 20 * MINUTE));
    ctx.out.add('invoices', {
      id: ctx.ids.next(),
      invoice_number: String(ctx.counters.invoice++),
      shipment_id: shipmentId,
      order_id: id,
      branch_id: customer.branch.id,
      amount_ore: amount,
      issued_at: iso(times.shippedAt),
      emailed_at: emailedAt <= now ? iso(emailedAt) : null,
    });
  }

  lines.forEach((line, index) => {
    const times = groups.get(line.group);
    const shipmentId = shipmentOf.get(line.group) ?? null;
    let status: 'open' | 'in_preparation' | 'shipped' | 'delivered' | 'cancelled' = 'open';
    if (line.cancelledQty === line.draft.qty) status = 'cancelled';
    else if (shipmentId !== null && times !== undefined) status = times.deliveredAt <= now ? 'delivered' : 'shipped';
    else if (times !== undefined && times.prepAt <= now) status = 'in_preparation';
    ctx.out.add('order_lines', {
      id: line.id,
      order_id: id,
      branch_id: customer.branch.id,
      line_no: index + 1,
      product_id: line.draft.product.id,
      qty: line.draft.qty,
      cancelled_qty: line.cancelledQty,
      unit_price_ore: line.draft.unitOre,
      status,
      shipment_id: status === 'cancelled' ? null : shipmentId,
    });
  });

  if (allDelivered && completeAt > 0) makeReturns(ctx, customer, id, completeAt, lines.filter((line) => shipmentOf.has(line.group) && line.cancelledQty < line.draft.qty));
  return { id, number, placedAt, lines: lines.length };
}

/** Returns within 50 days of the complete delivery, and warranty claims within 12 months. */
function makeReturns(ctx: SeedContext, customer: CustomerRef, orderId: string, completeAt: number, delivered: LineState[]): void {
  const { r, now } = ctx;
  const roll = r.next();
  const kind = roll < 0.04 ? 'return' : roll < 0.055 ? 'warranty' : null;
  if (kind === null || delivered.length === 0) return;
  const requestedAt = second(completeAt + (kind === 'return' ? r.float(1, 49) : r.float(20, 360)) * DAY);
  if (requestedAt > now) return;
  const decidedAt = second(requestedAt + r.float(2 * HOUR, 3 * DAY));
  const receivedAt = decidedAt + r.float(2, 10) * DAY;
  const refundedAt = receivedAt + r.float(1, 5) * DAY;
  const rejected = decidedAt <= now && r.chance(0.06);
  const status = decidedAt > now ? 'requested' : rejected ? 'rejected' : receivedAt > now ? 'authorized' : refundedAt > now ? 'received' : 'refunded';
  const id = ctx.ids.next();
  ctx.out.add('returns', {
    id,
    return_number: `R-${ctx.counters.return++}`,
    order_id: orderId,
    customer_id: customer.id,
    branch_id: customer.branch.id,
    kind,
    status,
    reason: kind === 'warranty' ? r.pick(warrantyReasons) : r.chance(0.3) ? r.pick(returnRemarks) : null,
    own_carrier: kind === 'return' && r.chance(0.1),
    requested_at: iso(requestedAt),
    decided_at: status === 'requested' ? null : iso(decidedAt),
    decided_by: status === 'requested' ? null : r.pick(ctx.customerService).id,
    rejection_reason: rejected ? (kind === 'return' ? rejectionReasons[1] : rejectionReasons[2]) ?? 'Avvist.' : null,
  });
  const count = Math.min(delivered.length, r.chance(0.7) ? 1 : 2);
  for (const line of delivered.slice(0, count)) {
    ctx.out.add('return_lines', { id: ctx.ids.next(), return_id: id, branch_id: customer.branch.id, order_line_id: line.id, qty: r.int(1, Math.min(5, line.draft.qty - line.cancelledQty)) });
  }
}
