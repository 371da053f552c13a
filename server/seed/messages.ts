import { DAY, HOUR, between, iso, second, slug, type SeedContext } from './context';
import type { CustomerRef } from './customers';
import { companyPrefixes, companyTrades, firstNames, lastNames } from './data/names';
import { contactTemplates, type ContactCategory } from './data/texts';
import type { OrderRef } from './orders';
import { weights } from './random';

const customerCategories = weights<ContactCategory>({ general: 25, order_change: 13, cancellation: 15, return: 15, complaint: 10, migration: 12, data_deletion: 1.5 });
const anonymousCategories = weights({ general: 70, migration: 30 });
const orderCategories: ReadonlySet<ContactCategory> = new Set(['cancellation', 'return', 'complaint', 'order_change']);

/** How far back the inbox goes. */
const INBOX_MS = 120 * DAY;

function status(ctx: SeedContext, receivedAt: number): 'new' | 'in_progress' | 'closed' {
  const { r } = ctx;
  const age = ctx.now - receivedAt;
  if (age < 2 * DAY) return r.chance(0.7) ? 'new' : 'in_progress';
  if (age < 10 * DAY) return r.chance(0.4) ? 'in_progress' : 'closed';
  return r.chance(0.05) ? 'in_progress' : 'closed';
}

// More recent messages than old ones, as an inbox has.
function recent(ctx: SeedContext): number {
  return second(ctx.now - INBOX_MS * ctx.r.next() ** 1.5);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

/** Writes the contact-form messages of one customer, about its recent orders where it has some. */
export function makeCustomerMessages(ctx: SeedContext, customer: CustomerRef, orders: readonly OrderRef[]): void {
  const { r } = ctx;
  const count = Math.floor(orders.length * 0.1 + r.next() * 1.6);
  const recentOrders = orders.filter((order) => order.placedAt > ctx.now - 150 * DAY);
  for (let m = 0; m < count; m++) {
    let category = r.from(customerCategories);
    const order = recentOrders.length > 0 ? r.pick(recentOrders) : null;
    if (order === null && orderCategories.has(category)) category = 'general';
    const aboutOrder = order !== null && orderCategories.has(category);
    const receivedAt = aboutOrder ? between(ctx, order.placedAt + HOUR, order.placedAt + 20 * DAY) : recent(ctx);
    const sender = r.pick(customer.users);
    const [subject, body] = r.pick(contactTemplates[category]);
    const values = { order: order?.number ?? '', line: String(r.int(1, order?.lines ?? 1)), org: customer.orgNumber, name: sender.name };
    const state = status(ctx, receivedAt);
    ctx.out.add('contact_messages', {
      id: ctx.ids.next(),
      customer_id: customer.id,
      order_id: aboutOrder ? order.id : null,
      branch_id: customer.branch.id,
      category,
      sender_name: sender.name,
      sender_email: sender.email,
      subject: fill(subject, values),
      body: fill(body, values),
      received_at: iso(receivedAt),
      status: state,
      assignee_id: state === 'new' ? null : r.pick(ctx.customerService).id,
    });
  }
}

/** Writes messages from people who are not customers (yet): no customer, no branch. */
export function makeAnonymousMessages(ctx: SeedContext, count: number): void {
  const { r } = ctx;
  for (let m = 0; m < count; m++) {
    const category = r.from(anonymousCategories);
    const name = `${r.pick(firstNames)} ${r.pick(lastNames)}`;
    const company = `${r.pick(companyPrefixes)} ${r.pick(companyTrades.installer)}`;
    const [subject, body] = r.pick(contactTemplates[category]);
    const receivedAt = recent(ctx);
    const state = status(ctx, receivedAt);
    ctx.out.add('contact_messages', {
      id: ctx.ids.next(),
      customer_id: null,
      order_id: null,
      branch_id: null,
      category,
      sender_name: name,
      sender_email: `${slug(name).replace('-', '.')}@${slug(company)}.no`,
      subject: fill(subject, { name }),
      body: fill(body, { name, order: '', line: '1', org: '' }),
      received_at: iso(receivedAt),
      status: state,
      assignee_id: state === 'new' ? null : r.pick(ctx.customerService).id,
    });
  }
}
