import { DAY, HOUR, MINUTE, TIER_DISCOUNT_BP, between, iso, isoDate, second, type ProductRef, type SeedContext, type StaffRef } from './context';
import type { CustomerRef, UserRef } from './customers';
import type { SyncRow } from '../../electron/shared/sync/rows';
import { customerThanks, declineReasons, projectListNames, quoteMessages, revisionComments, staffComments, staffDeclineReasons } from './data/texts';
import type { OpenQuoteSlot } from './plan';

/** An order or quote line before it is written: product, quantity and the unit price paid. */
export interface LineDraft {
  product: ProductRef;
  qty: number;
  unitOre: number;
}

interface ListRef {
  id: string;
  name: string;
  items: Array<{ product: ProductRef; qty: number }>;
}

type EventKind = 'requested' | 'claimed' | 'released' | 'answered' | 'commented' | 'revision_requested' | 'accepted' | 'declined' | 'expired';

/** How long an answered quote is valid. */
const VALIDITY_MS = 30 * DAY;

/** Distinct products for a list or order, popular ones more often, with typical quantities. */
export function pickItems(ctx: SeedContext, count: number): Array<{ product: ProductRef; qty: number }> {
  const { r } = ctx;
  const picked = new Set<ProductRef>();
  while (picked.size < Math.min(count, ctx.products.length)) picked.add(r.pickSkewed(ctx.products));
  return [...picked].map((product) => ({ product, qty: r.int(product.qty[0], product.qty[1]) }));
}

/** Writes a project list with `count` items, created at `atMs`. */
export function makeProjectList(ctx: SeedContext, customer: CustomerRef, atMs: number, count: number): ListRef {
  const { r } = ctx;
  const list: ListRef = {
    id: ctx.ids.next(),
    name: r.pick(projectListNames).replace('{place}', r.pick(customer.branch.place.towns).city),
    items: pickItems(ctx, count),
  };
  ctx.out.add('project_lists', { id: list.id, customer_id: customer.id, branch_id: customer.branch.id, name: list.name, created_by_user_id: r.pick(customer.users).id, created_at: iso(atMs) });
  for (const item of list.items) {
    ctx.out.add('project_list_items', { id: ctx.ids.next(), project_list_id: list.id, branch_id: customer.branch.id, product_id: item.product.id, qty: item.qty });
  }
  return list;
}

/** Builds one quote's history, then writes the quote, its lines, comments and events. */
class QuoteBuilder {
  readonly id: string;
  readonly events: Array<{ at: number; kind: EventKind; actor: 'customer' | 'staff' | 'system'; actorId: string | null; detail: Record<string, unknown> }> = [];
  readonly comments: Array<{ at: number; staff: StaffRef | null; user: UserRef | null; body: string }> = [];
  readonly requester: UserRef;
  assignee: StaffRef | null = null;
  answeredAt: number | null = null;
  answered = false;

  constructor(
    private readonly ctx: SeedContext,
    readonly customer: CustomerRef,
    readonly list: ListRef,
    readonly requestedAt: number,
  ) {
    this.id = ctx.ids.next();
    this.requester = ctx.r.pick(customer.buyers.length > 0 ? customer.buyers : customer.users);
    this.event(requestedAt, 'requested', 'customer', this.requester.id, { project_list_id: list.id, lines: list.items.length });
  }

  event(at: number, kind: EventKind, actor: 'customer' | 'staff' | 'system', actorId: string | null, detail: Record<string, unknown> = {}): void {
    this.events.push({ at, kind, actor, actorId, detail });
  }

  consultant(): StaffRef {
    const { r } = this.ctx;
    return r.chance(0.7) ? this.customer.consultant : r.pick(this.customer.branch.consultants);
  }

  claim(at: number): void {
    this.assignee = this.consultant();
    this.event(at, 'claimed', 'staff', this.assignee.id);
  }

  answer(at: number): void {
    const staff = this.assignee ?? this.consultant();
    this.assignee = staff;
    this.answered = true;
    this.answeredAt = at;
    this.event(at, 'answered', 'staff', staff.id);
    if (this.ctx.r.chance(0.2)) this.comments.push({ at, staff, user: null, body: this.ctx.r.pick(staffComments) });
  }

  askRevision(at: number): void {
    this.comments.push({ at, staff: null, user: this.requester, body: this.ctx.r.pick(revisionComments) });
    this.event(at, 'commented', 'customer', this.requester.id);
    this.event(at, 'revision_requested', 'customer', this.requester.id);
  }

  /** Writes everything; returns the lines at the prices offered. */
  write(status: SyncRow<'quotes'>['status'], extra: { orderId?: string; declineReason?: string; unread?: number } = {}): LineDraft[] {
    const { ctx, customer } = this;
    const { r } = ctx;
    const tierBp = TIER_DISCOUNT_BP[customer.tier];
    const lines: LineDraft[] = [];
    this.list.items.forEach((item, position) => {
      const extraBp = this.answered && r.chance(0.35) ? r.int(2, 15) * 100 : 0;
      const discounted = Math.round((item.product.listOre * (10_000 - tierBp - extraBp)) / 10_000);
      const offered = this.answered && r.chance(0.08) ? Math.round(discounted * r.float(0.9, 0.98)) : null;
      lines.push({ product: item.product, qty: item.qty, unitOre: offered ?? discounted });
      ctx.out.add('quote_lines', {
        id: ctx.ids.next(),
        quote_id: this.id,
        branch_id: customer.branch.id,
        position: position + 1,
        product_id: item.product.id,
        article_number: item.product.articleNumber,
        name: item.product.name,
        qty: item.qty,
        list_price_ore: item.product.listOre,
        tier_discount_bp: tierBp,
        extra_discount_bp: extraBp,
        offered_price_ore: offered,
      });
    });
    let last = this.requestedAt;
    for (const { at } of [...this.events, ...this.comments]) last = Math.max(last, at);
    ctx.out.add('quotes', {
      id: this.id,
      quote_number: `T-${ctx.counters.quote++}`,
      customer_id: customer.id,
      branch_id: customer.branch.id,
      project_list_id: this.list.id,
      status,
      requested_at: iso(this.requestedAt),
      due_at: iso(this.requestedAt + DAY),
      assignee_id: this.assignee?.id ?? null,
      answered_at: this.answeredAt === null ? null : iso(this.answeredAt),
      valid_until: this.answeredAt === null ? null : isoDate(this.answeredAt + VALIDITY_MS),
      message_to_customer: this.answeredAt === null ? null : r.pick(quoteMessages).replace('{list}', this.list.name).replace('{staff}', this.assignee?.name ?? ''),
      decline_reason: extra.declineReason ?? null,
      order_id: extra.orderId ?? null,
      unread_customer_comments: extra.unread ?? 0,
      updated_at: iso(last),
    });
    for (const comment of this.comments) {
      ctx.out.add('quote_comments', {
        id: ctx.ids.next(),
        quote_id: this.id,
        branch_id: customer.branch.id,
        author_kind: comment.staff === null ? 'customer' : 'staff',
        author_staff_id: comment.staff?.id ?? null,
        author_user_id: comment.user?.id ?? null,
        body: comment.body,
        created_at: iso(comment.at),
      });
    }
    for (const event of this.events) {
      ctx.out.add('quote_events', { id: ctx.ids.next(), quote_id: this.id, branch_id: customer.branch.id, at: iso(event.at), actor_kind: event.actor, actor_id: event.actorId, kind: event.kind, detail: event.detail });
    }
    return lines;
  }
}

function listFor(ctx: SeedContext, customer: CustomerRef, requestedAt: number): ListRef {
  const created = Math.max(customer.createdMs, requestedAt - ctx.r.float(HOUR, 20 * DAY));
  return makeProjectList(ctx, customer, second(created), ctx.r.int(2, 10));
}

/** Sorted times strictly between `from` and `to`. */
function times(ctx: SeedContext, from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, () => second(ctx.r.float(from, to))).sort((a, b) => a - b);
}

/** Writes a quote waiting for staff, requested `slot.ageMs` before the reference time. */
export function makeOpenQuote(ctx: SeedContext, customer: CustomerRef, slot: OpenQuoteSlot): void {
  const requestedAt = second(ctx.now - slot.ageMs);
  const quote = new QuoteBuilder(ctx, customer, listFor(ctx, customer, requestedAt), requestedAt);
  if (slot.status === 'requested') {
    quote.write('requested');
    return;
  }
  if (slot.status === 'in_progress' && ctx.r.chance(0.7)) {
    const [claimed = requestedAt] = times(ctx, requestedAt, ctx.now, 1);
    quote.claim(claimed);
    quote.write('in_progress');
    return;
  }
  // Answered once, then the customer asked for changes (and, if in progress, it was claimed again).
  const [claimed = requestedAt, answered = requestedAt, revision = requestedAt, reclaimed = requestedAt] = times(ctx, requestedAt, ctx.now, 4);
  quote.claim(claimed);
  quote.answer(answered);
  quote.askRevision(revision);
  if (slot.status === 'in_progress') {
    quote.claim(reclaimed);
    quote.write('in_progress');
    return;
  }
  quote.assignee = null;
  quote.write('revision_requested', { unread: 1 });
}

function answerCycle(ctx: SeedContext, quote: QuoteBuilder): number {
  const { r } = ctx;
  let at = quote.requestedAt + r.float(5 * MINUTE, 6 * HOUR);
  quote.claim(second(at));
  if (r.chance(0.05)) {
    quote.event(second(at + HOUR), 'released', 'staff', quote.assignee?.id ?? null);
    at += 2 * HOUR;
    quote.claim(second(at));
  }
  // Mostly within the 24-hour promise; a few late.
  at = Math.max(at + 30 * MINUTE, quote.requestedAt + (r.chance(0.05) ? r.float(24, 30) : r.float(2, 22)) * HOUR);
  quote.answer(second(at));
  // A revision round takes up to about four days; only where it ends before the reference time.
  if (at + 5 * DAY < ctx.now && r.chance(0.2)) {
    at += r.float(HOUR, 3 * DAY);
    quote.askRevision(second(at));
    at += r.float(10 * MINUTE, 6 * HOUR);
    quote.claim(second(at));
    at += r.float(HOUR, 20 * HOUR);
    quote.answer(second(at));
  }
  return at;
}

/** Writes a quote that was answered and is now answered, declined or expired (requested ≥ 31 h ago). */
export function makeClosedQuote(ctx: SeedContext, customer: CustomerRef, requestedAt: number): void {
  const { r, now } = ctx;
  const quote = new QuoteBuilder(ctx, customer, listFor(ctx, customer, requestedAt), requestedAt);
  if (r.chance(0.04)) {
    // Declined by staff without an answer: the goods are gone and the customer was phoned.
    quote.claim(second(requestedAt + r.float(10 * MINUTE, 4 * HOUR)));
    const reason = r.pick(staffDeclineReasons);
    quote.event(second(requestedAt + r.float(5 * HOUR, 20 * HOUR)), 'declined', 'staff', quote.assignee?.id ?? null, { reason });
    quote.write('declined', { declineReason: reason });
    return;
  }
  const answeredAt = answerCycle(ctx, quote);
  // A nightly job expires a quote the day after its last valid date.
  const expiresAt = Date.parse(`${isoDate(answeredAt + VALIDITY_MS)}T00:00:00Z`) + DAY + 2 * HOUR;
  if (expiresAt > now) {
    if (r.chance(0.25)) quote.comments.push({ at: between(ctx, answeredAt + HOUR, answeredAt + 2 * DAY), staff: null, user: quote.requester, body: r.pick(customerThanks) });
    if (r.chance(0.8)) {
      quote.write('answered');
      return;
    }
  }
  if (expiresAt > now || r.chance(0.45)) {
    const reason = r.pick(declineReasons);
    quote.event(between(ctx, answeredAt + HOUR, answeredAt + 25 * DAY), 'declined', 'customer', quote.requester.id, { reason });
    quote.write('declined', { declineReason: reason });
    return;
  }
  quote.event(expiresAt, 'expired', 'system', null);
  quote.write('expired');
}

/** Writes an accepted quote whose checkout became order `orderId` at `placedAt`; returns its lines. */
export function makeAcceptedQuote(ctx: SeedContext, customer: CustomerRef, orderId: string, placedAt: number): { quoteId: string; lines: LineDraft[] } {
  const { r } = ctx;
  // Early enough for a full answer cycle (up to about five days) before the checkout.
  const requestedAt = second(placedAt - r.float(6 * DAY, 25 * DAY));
  const quote = new QuoteBuilder(ctx, customer, listFor(ctx, customer, requestedAt), requestedAt);
  answerCycle(ctx, quote);
  quote.event(placedAt, 'accepted', 'customer', quote.requester.id, { order_id: orderId });
  return { quoteId: quote.id, lines: quote.write('accepted', { orderId }) };
}
