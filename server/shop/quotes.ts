import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import {
  quoteAcceptRequestSchema,
  quoteCommentRequestSchema,
  quoteRequestSchema,
  type ShopOrder,
  type ShopQuote,
} from '../../electron/shared/protocol/shop';
import type { Database } from '../db';
import { parseBody } from '../errors';
import { nextNumber } from './numbers';
import type { ShopDeps } from './options';
import { createOrder } from './orders';
import { quoteUnitPriceOre } from './pricing';
import { osloDate, QUOTE_ANSWER_HOURS } from './rules';
import { actingUser, auditWrite, conflict, customerById, notFound } from './support';
import { loadOrderView, loadQuoteView } from './views';

/** Quote states in which the customer's request is still being worked on or can be accepted. */
const OPEN_QUOTE_STATUSES = ['requested', 'in_progress', 'answered', 'revision_requested'] as const;

type QuoteEventKind = 'requested' | 'commented' | 'revision_requested' | 'accepted';

/**
 * `POST /v1/shop/project-lists/:id/quote-request`: the list goes to the lighting experts. The
 * quote's lines are the list's items at list price with the customer's tier discount; the
 * consultant adds any extra discount when answering, within the 24-hour promise (`due_at`).
 */
export async function requestQuote(deps: ShopDeps, projectListId: string, body: unknown): Promise<ShopQuote> {
  const request = parseBody(quoteRequestSchema, body ?? {});
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Locking the list makes two requests from one list take turns: the second sees the first's quote.
    const list = await trx.selectFrom('project_lists').select(['id', 'customer_id', 'name']).where('id', '=', projectListId).forUpdate().executeTakeFirst();
    if (list === undefined) throw notFound(`There is no project list ${projectListId}.`);
    const customer = await customerById(trx, list.customer_id);
    const userId = await actingUser(trx, customer, request.userId);
    const open = await trx
      .selectFrom('quotes')
      .select(['quote_number', 'status'])
      .where('project_list_id', '=', list.id)
      .where('status', 'in', OPEN_QUOTE_STATUSES)
      .executeTakeFirst();
    if (open !== undefined) {
      throw conflict('QUOTE_ALREADY_OPEN', `Project list "${list.name}" already has quote ${open.quote_number} (${open.status}). Comment on that quote instead.`);
    }
    const items = await trx
      .selectFrom('project_list_items')
      .innerJoin('products', 'products.id', 'project_list_items.product_id')
      .select(['products.id as productId', 'products.article_number', 'products.name_nb', 'products.list_price_ore', 'project_list_items.qty'])
      .where('project_list_items.project_list_id', '=', list.id)
      .orderBy('project_list_items.id')
      .execute();
    if (items.length === 0) throw conflict('PROJECT_LIST_EMPTY', `Project list "${list.name}" is empty. Add products before asking for a quote.`);

    const id = randomUUID();
    const number = await nextNumber(trx, 'quote');
    const tierBp = deps.pricing.tierDiscountBp[customer.loyalty_tier];
    await trx
      .insertInto('quotes')
      .values({
        id,
        quote_number: number,
        customer_id: customer.id,
        branch_id: customer.branch_id,
        project_list_id: list.id,
        status: 'requested',
        requested_at: now.toISOString(),
        due_at: new Date(now.getTime() + QUOTE_ANSWER_HOURS * 3_600_000).toISOString(),
        assignee_id: null,
        answered_at: null,
        valid_until: null,
        message_to_customer: null,
        decline_reason: null,
        order_id: null,
        unread_customer_comments: request.comment === undefined ? 0 : 1,
        updated_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto('quote_lines')
      .values(
        items.map((item, index) => ({
          id: randomUUID(),
          quote_id: id,
          branch_id: customer.branch_id,
          position: index + 1,
          product_id: item.productId,
          article_number: item.article_number,
          name: item.name_nb,
          qty: item.qty,
          list_price_ore: item.list_price_ore,
          tier_discount_bp: tierBp,
          extra_discount_bp: 0,
          offered_price_ore: null,
        })),
      )
      .execute();
    const quote = { id, branch_id: customer.branch_id };
    await quoteEvent(trx, quote, 'requested', userId, { project_list_id: list.id, lines: items.length }, now);
    if (request.comment !== undefined) {
      const commentId = await insertCustomerComment(trx, quote, userId, request.comment, now);
      await quoteEvent(trx, quote, 'commented', userId, { commentId }, now);
    }
    await auditWrite(trx, 'shop', 'shop.quote.request', { type: 'quote', id }, { number, projectListId: list.id, customerId: customer.id, userId }, now);
    return loadQuoteView(trx, id);
  });
}

/**
 * `POST /v1/shop/quotes/:id/comments`: the customer writes in the quote's thread. On an answered
 * quote that asks for a revision: the quote goes back to the queue as `revision_requested`,
 * keeping `answered_at` (so a release later returns it there too, see domain/quotes.ts).
 */
export async function commentOnQuote(deps: ShopDeps, quoteId: string, body: unknown): Promise<ShopQuote> {
  const request = parseBody(quoteCommentRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const quote = await lockQuote(trx, quoteId);
    if (!isOpen(quote.status)) {
      throw conflict('QUOTE_CLOSED', `Quote ${quote.quote_number} is ${quote.status}; its thread is closed. Ask for a new quote, or use the contact form.`);
    }
    const userId = await actingUser(trx, await customerById(trx, quote.customer_id), request.userId);
    const commentId = await insertCustomerComment(trx, quote, userId, request.body, now);
    const revision = quote.status === 'answered';
    await trx
      .updateTable('quotes')
      .set({
        unread_customer_comments: sql<number>`unread_customer_comments + 1`,
        updated_at: now.toISOString(),
        // Back in the queue for any consultant, as after a release (the seeded history does the same).
        ...(revision && { status: 'revision_requested' as const, assignee_id: null }),
      })
      .where('id', '=', quote.id)
      .execute();
    await quoteEvent(trx, quote, 'commented', userId, { commentId }, now);
    if (revision) await quoteEvent(trx, quote, 'revision_requested', userId, { commentId }, now);
    await auditWrite(trx, 'shop', 'shop.quote.comment', { type: 'quote', id: quote.id }, { commentId, userId, revision }, now);
    return loadQuoteView(trx, quote.id);
  });
}

/**
 * `POST /v1/shop/quotes/:id/accept`: checkout of an answered quote that is still valid. The order
 * charges the quote's prices; the quote becomes `accepted` and points at the order.
 */
export async function acceptQuote(deps: ShopDeps, quoteId: string, body: unknown): Promise<ShopOrder> {
  const request = parseBody(quoteAcceptRequestSchema, body);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const quote = await lockQuote(trx, quoteId);
    if (quote.status !== 'answered') {
      throw conflict('QUOTE_NOT_ANSWERED', `Quote ${quote.quote_number} is ${quote.status}; only an answered quote can be checked out.`);
    }
    const today = osloDate(now);
    if (quote.valid_until !== null && quote.valid_until < today) {
      throw conflict('QUOTE_EXPIRED', `Quote ${quote.quote_number} was valid until ${quote.valid_until}. Ask for a new quote from the project list.`);
    }
    const customer = await customerById(trx, quote.customer_id);
    const userId = await actingUser(trx, customer, request.userId);
    const quoteLines = await trx
      .selectFrom('quote_lines')
      .innerJoin('products', 'products.id', 'quote_lines.product_id')
      .select(['quote_lines.product_id', 'quote_lines.qty', 'quote_lines.list_price_ore', 'quote_lines.tier_discount_bp', 'quote_lines.extra_discount_bp', 'quote_lines.offered_price_ore', 'products.bulky'])
      .where('quote_lines.quote_id', '=', quote.id)
      .orderBy('quote_lines.position')
      .execute();
    if (quoteLines.length === 0) throw conflict('QUOTE_EMPTY', `Quote ${quote.quote_number} has no lines to order.`);
    const lines = quoteLines.map((line) => ({ productId: line.product_id, qty: line.qty, unitPriceOre: quoteUnitPriceOre(line), bulky: line.bulky }));
    const { userId: _ignored, ...checkout } = request;
    const order = await createOrder(trx, deps, { customer, userId, quoteId: quote.id, checkout, lines }, now);
    await trx.updateTable('quotes').set({ status: 'accepted', order_id: order.id, updated_at: now.toISOString() }).where('id', '=', quote.id).execute();
    await quoteEvent(trx, quote, 'accepted', userId, { order_id: order.id }, now);
    await auditWrite(trx, 'shop', 'shop.quote.accept', { type: 'quote', id: quote.id }, { orderId: order.id, orderNumber: order.number, userId }, now);
    return loadOrderView(trx, order.id);
  });
}

function isOpen(status: string): boolean {
  return OPEN_QUOTE_STATUSES.some((open) => open === status);
}

async function lockQuote(trx: Transaction<Database>, quoteId: string) {
  const quote = await trx
    .selectFrom('quotes')
    .select(['id', 'quote_number', 'customer_id', 'branch_id', 'status', 'valid_until'])
    .where('id', '=', quoteId)
    .forUpdate()
    .executeTakeFirst();
  if (quote === undefined) throw notFound(`There is no quote ${quoteId}.`);
  return quote;
}

async function insertCustomerComment(trx: Transaction<Database>, quote: { id: string; branch_id: string }, userId: string | null, body: string, now: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('quote_comments')
    .values({ id, quote_id: quote.id, branch_id: quote.branch_id, author_kind: 'customer', author_staff_id: null, author_user_id: userId, body, created_at: now.toISOString() })
    .execute();
  return id;
}

async function quoteEvent(
  trx: Transaction<Database>,
  quote: { id: string; branch_id: string },
  kind: QuoteEventKind,
  userId: string | null,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('quote_events')
    .values({
      id: randomUUID(),
      quote_id: quote.id,
      branch_id: quote.branch_id,
      at: now.toISOString(),
      actor_kind: 'customer',
      actor_id: userId,
      kind,
      detail: sql<Record<string, unknown>>`${JSON.stringify(detail)}::jsonb`,
    })
    .execute();
}
