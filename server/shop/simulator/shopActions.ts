import {
  shopAccountSchema,
  shopContactMessageSchema,
  shopCustomerListSchema,
  shopMigrationSchema,
  shopOrderSchema,
  shopProductListSchema,
  shopQuoteListSchema,
  shopQuoteSchema,
  shopReturnSchema,
  type ShopAccount,
} from '../../../electron/shared/protocol/shop';
import { contactTemplates, customerThanks, returnRemarks, revisionComments, warrantyReasons } from '../../seed/data/texts';
import { chance, int, osloDay, pick, weighted, type ActionResult, type SimAction, type SimContext } from './context';

// The webshop's half of the simulated traffic: what customers do in their accounts. Each action
// finds something that fits (an open list, an answered quote …) through the shop's own GET
// endpoints, or reports that nothing fits right now.

// What a customer writes while waiting for an answer.
const FOLLOW_UPS = ['Har dere fått sett på denne?', 'Vi trenger svar innen fredag, byggemøtet er mandag.', 'Kan dere også ta med monteringsbeslag?', 'Antallet downlights kan bli 10 flere.'];

async function account(ctx: SimContext, customerNumber: string): Promise<ShopAccount> {
  return ctx.client.call('shop', 'GET', `/v1/shop/customers/${encodeURIComponent(customerNumber)}`, shopAccountSchema);
}

async function someAccounts(ctx: SimContext, count: number, migrationState?: string): Promise<ShopAccount[]> {
  const filter = migrationState === undefined ? '' : `&migrationState=${migrationState}`;
  const { customers } = await ctx.client.call('shop', 'GET', `/v1/shop/customers?sample=${count}${filter}`, shopCustomerListSchema);
  const accounts: ShopAccount[] = [];
  for (const customer of customers) accounts.push(await account(ctx, customer.customerNumber));
  return accounts;
}

function userOf(ctx: SimContext, acc: ShopAccount): { userId?: string } {
  return acc.users.length === 0 ? {} : { userId: pick(ctx, acc.users).id };
}

function checkout(ctx: SimContext, acc: ShopAccount): Record<string, unknown> | null {
  const billing = acc.addresses.find((a) => a.kind === 'billing');
  const deliveries = acc.addresses.filter((a) => a.kind === 'delivery' || a.kind === 'business');
  if (billing === undefined || deliveries.length === 0) return null;
  const option = weighted(ctx, { none: 67, date: 18, partial: 15 });
  return {
    ...userOf(ctx, acc),
    paymentMethod: weighted(ctx, { invoice: 75, card: 20, prepayment: 5 }),
    billingAddressId: billing.id,
    deliveryAddressId: pick(ctx, deliveries).id,
    ...(option === 'date' && { requestedDeliveryDate: osloDay(int(ctx, 5, 20)) }),
    ...(option === 'partial' && { partialDelivery: true }),
  };
}

function kr(ore: number): string {
  return `${(ore / 100).toLocaleString('nb-NO', { maximumFractionDigits: 0 })} kr`;
}

const quoteRequest: SimAction = {
  name: 'quote.request',
  weight: 10,
  async run(ctx): Promise<ActionResult> {
    for (const acc of await someAccounts(ctx, 4)) {
      const lists = acc.projectLists.filter((list) => list.itemCount > 0 && list.openQuoteId === null);
      if (lists.length === 0) continue;
      const list = pick(ctx, lists);
      const body = { ...userOf(ctx, acc), ...(chance(ctx, 0.2) && { comment: 'Hei! Trenger tilbud så fort som mulig.' }) };
      const quote = await ctx.client.call('shop', 'POST', `/v1/shop/project-lists/${encodeURIComponent(list.id)}/quote-request`, shopQuoteSchema, body);
      return { done: `${quote.number} for ${acc.customerNumber} ${acc.name}: "${list.name}", ${quote.lines.length} lines, ${kr(quote.totalOre)}` };
    }
    return { skip: 'no project list without an open quote among the sampled customers' };
  },
};

const quoteComment: SimAction = {
  name: 'quote.comment',
  weight: 8,
  async run(ctx): Promise<ActionResult> {
    const status = weighted(ctx, { answered: 5, requested: 2, in_progress: 2, revision_requested: 1 });
    const { quotes } = await ctx.client.call('shop', 'GET', `/v1/shop/quotes?sample=1&status=${status}`, shopQuoteListSchema);
    const quote = quotes[0];
    if (quote === undefined) return { skip: `no ${status} quote` };
    const body = status === 'answered' ? pick(ctx, chance(ctx, 0.8) ? revisionComments : customerThanks) : pick(ctx, FOLLOW_UPS);
    const after = await ctx.client.call('shop', 'POST', `/v1/shop/quotes/${encodeURIComponent(quote.id)}/comments`, shopQuoteSchema, { body });
    return { done: `${quote.number} (${quote.status} → ${after.status}): "${body}"` };
  },
};

const quoteAccept: SimAction = {
  name: 'quote.accept',
  weight: 6,
  async run(ctx): Promise<ActionResult> {
    const { quotes } = await ctx.client.call('shop', 'GET', '/v1/shop/quotes?sample=10&status=answered', shopQuoteListSchema);
    const valid = quotes.filter((quote) => quote.validUntil === null || quote.validUntil >= osloDay());
    if (valid.length === 0) return { skip: 'no answered quote that is still valid' };
    const quote = pick(ctx, valid);
    const body = checkout(ctx, await account(ctx, quote.customerNumber));
    if (body === null) return { skip: `customer ${quote.customerNumber} has no billing or delivery address` };
    const order = await ctx.client.call('shop', 'POST', `/v1/shop/quotes/${encodeURIComponent(quote.id)}/accept`, shopOrderSchema, body);
    return { done: `${quote.number} → order ${order.number}, ${order.lines.length} lines, ${kr(order.totalOre)}` };
  },
};

const placeOrder: SimAction = {
  name: 'order.place',
  weight: 16,
  async run(ctx): Promise<ActionResult> {
    const [acc] = await someAccounts(ctx, 1);
    if (acc === undefined) return { skip: 'no customers' };
    const body = checkout(ctx, acc);
    if (body === null) return { skip: `customer ${acc.customerNumber} has no billing or delivery address` };
    const { products } = await ctx.client.call('shop', 'GET', `/v1/shop/products?sample=${int(ctx, 1, 6)}`, shopProductListSchema);
    if (products.length === 0) return { skip: 'no products' };
    const lines = products.map((product) => ({ articleNumber: product.articleNumber, qty: product.bulky ? int(ctx, 1, 2) : int(ctx, 1, 24) }));
    const order = await ctx.client.call('shop', 'POST', '/v1/shop/orders', shopOrderSchema, { customerNumber: acc.customerNumber, ...body, lines });
    const surcharge = order.bulkySurchargeOre > 0 ? ' incl. bulky surcharge' : '';
    return { done: `${order.number} for ${acc.customerNumber} ${acc.name}: ${order.lines.length} lines, ${kr(order.totalOre)}${surcharge} (${order.paymentMethod})` };
  },
};

const contactMessage: SimAction = {
  name: 'contact.message',
  weight: 8,
  async run(ctx): Promise<ActionResult> {
    const [acc] = await someAccounts(ctx, 1);
    if (acc === undefined) return { skip: 'no customers' };
    const order = acc.orders.length > 0 ? pick(ctx, acc.orders) : undefined;
    let category = weighted(ctx, { general: 25, order_change: 13, cancellation: 15, return: 15, complaint: 10, migration: 12, data_deletion: 1 });
    if (order === undefined && ['cancellation', 'return', 'complaint', 'order_change'].includes(category)) category = 'general';
    const aboutOrder = order !== undefined && ['cancellation', 'return', 'complaint', 'order_change'].includes(category);
    const user = acc.users.length > 0 ? pick(ctx, acc.users) : { name: 'Kunde', email: `post@${acc.customerNumber}.example` };
    const values: Record<string, string> = { order: order?.number ?? '', line: '1', org: acc.orgNumber, name: user.name };
    const fill = (text: string): string => text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
    const [subject, body] = pick(ctx, contactTemplates[category]);
    const request = {
      category,
      senderName: user.name,
      senderEmail: user.email,
      subject: fill(subject),
      body: fill(body),
      customerNumber: acc.customerNumber,
      ...(aboutOrder && { orderNumber: order.number }),
    };
    await ctx.client.call('shop', 'POST', '/v1/shop/contact-messages', shopContactMessageSchema, request);
    return { done: `${category} from ${user.name}, ${acc.name}: "${request.subject}"` };
  },
};

const returnRequest: SimAction = {
  name: 'return.request',
  weight: 5,
  async run(ctx): Promise<ActionResult> {
    for (const acc of await someAccounts(ctx, 5)) {
      const candidates = acc.orders.filter((order) => order.completeDeliveryAt !== null && !ctx.returnedOrders.has(order.id));
      if (candidates.length === 0) continue;
      const summary = pick(ctx, candidates);
      const order = await ctx.client.call('shop', 'GET', `/v1/shop/orders/${encodeURIComponent(summary.id)}`, shopOrderSchema);
      const delivered = order.lines.filter((line) => line.status === 'delivered' && line.qty > line.cancelledQty);
      const ageDays = (Date.now() - Date.parse(summary.completeDeliveryAt ?? '')) / 86_400_000;
      if (delivered.length === 0 || ageDays > 360) continue;
      const kind = ageDays < 48 && chance(ctx, 0.75) ? 'return' : 'warranty';
      const lines = delivered.slice(0, chance(ctx, 0.7) ? 1 : 2).map((line) => ({ orderLineId: line.id, qty: 1 }));
      const reason = kind === 'warranty' ? pick(ctx, warrantyReasons) : chance(ctx, 0.3) ? pick(ctx, returnRemarks) : undefined;
      ctx.returnedOrders.add(order.id);
      const made = await ctx.client.call('shop', 'POST', '/v1/shop/returns', shopReturnSchema, {
        orderId: order.id,
        kind,
        ...(reason !== undefined && { reason }),
        ownCarrier: kind === 'return' && chance(ctx, 0.1),
        lines,
      });
      return { done: `${made.number} (${kind}) on order ${order.number}, ${lines.length} line(s)${reason === undefined ? '' : `: "${reason}"`}` };
    }
    return { skip: 'no delivered order to send back among the sampled customers' };
  },
};

const migrationForm: SimAction = {
  name: 'migration.form',
  weight: 4,
  async run(ctx): Promise<ActionResult> {
    const [acc] = await someAccounts(ctx, 1, 'switched_on');
    if (acc === undefined) return { skip: 'no customer with the move switch on' };
    const result = await ctx.client.call('shop', 'POST', `/v1/shop/customers/${acc.customerNumber}/migration-form`, shopMigrationSchema, userOf(ctx, acc));
    return { done: `${acc.customerNumber} ${acc.name} → ${result.migrationState}` };
  },
};

const activation: SimAction = {
  name: 'migration.activate',
  weight: 3,
  async run(ctx): Promise<ActionResult> {
    const [acc] = await someAccounts(ctx, 1, 'form_submitted');
    if (acc === undefined) return { skip: 'no customer waiting for activation' };
    const result = await ctx.client.call('shop', 'POST', `/v1/shop/customers/${acc.customerNumber}/activation`, shopMigrationSchema, userOf(ctx, acc));
    return { done: `${acc.customerNumber} ${acc.name} → ${result.migrationState}, old shop closed` };
  },
};

/** Everything customers do in the simulation. */
export const shopActions: readonly SimAction[] = [quoteRequest, quoteComment, quoteAccept, placeOrder, contactMessage, returnRequest, migrationForm, activation];
