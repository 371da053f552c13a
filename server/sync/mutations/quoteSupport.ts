import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { QuoteAction } from '../../../electron/shared/domain/permissions';
import type { QuoteStatus, QuoteWorkState } from '../../../electron/shared/domain/quotes';
import { quoteRefusalText } from '../../../electron/shared/sync/localEffectsText';
import type { StaffPrincipal } from '../../auth';
import type { Database } from '../../db';
import { checkPermission } from './policy';
import { rejected, type MutationOutcome } from './types';

const text = quoteRefusalText;

/** The facts of a quote the quote mutations decide on. */
export interface LockedQuote extends QuoteWorkState {
  id: string;
  quote_number: string;
  branch_id: string;
  valid_until: string | null;
  message_to_customer: string | null;
  decline_reason: string | null;
  unread_customer_comments: number;
}

/**
 * Reads the quote and locks its row until the transaction ends, so two staff members acting on
 * one quote at once are decided one after the other, each on the other's result.
 */
export async function lockQuote(trx: Transaction<Database>, quoteId: string): Promise<LockedQuote | undefined> {
  return trx
    .selectFrom('quotes')
    .select(['id', 'quote_number', 'branch_id', 'status', 'assignee_id', 'answered_at', 'valid_until', 'message_to_customer', 'decline_reason', 'unread_customer_comments'])
    .where('id', '=', quoteId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Loads and locks the quote and checks that `principal` may perform `action` on it now.
 * Returns the quote, or the rejection (NOT_FOUND, or FORBIDDEN, audited) to answer with.
 */
export async function quoteForAction(
  trx: Transaction<Database>,
  principal: StaffPrincipal,
  action: QuoteAction,
  quoteId: string,
): Promise<{ quote: LockedQuote } | { refusal: MutationOutcome }> {
  const quote = await lockQuote(trx, quoteId);
  if (quote === undefined) {
    return { refusal: rejected('NOT_FOUND', text.notFound(quoteId)) };
  }
  const refusal = await checkPermission(
    trx,
    principal,
    action,
    { type: 'quote', id: quote.id, branchId: quote.branch_id },
    text.forbidden(action, quote.quote_number),
  );
  return refusal === null ? { quote } : { refusal };
}

export type { QuoteAction } from '../../../electron/shared/domain/permissions';

// One wording for client and server, so a refusal reads the same wherever it is decided.
export { QUOTE_STATUS_NB, quoteRefusalText } from '../../../electron/shared/sync/localEffectsText';

/** The name of staff member `staffId`, for messages that say who holds something. */
export async function staffName(trx: Transaction<Database>, staffId: string): Promise<string> {
  const row = await trx.selectFrom('staff').select('name').where('id', '=', staffId).executeTakeFirst();
  return row?.name ?? text.unknownStaff(staffId);
}

/** The kinds of quote history a staff mutation writes. */
export type StaffQuoteEventKind = 'claimed' | 'released' | 'commented' | 'answered' | 'declined' | 'reassigned';

/** The quote columns a staff mutation may change (besides `updated_at`, which every one does). */
export type QuoteChanges = Partial<{
  status: QuoteStatus;
  assignee_id: string | null;
  unread_customer_comments: number;
  answered_at: string;
  valid_until: string;
  message_to_customer: string | null;
  decline_reason: string;
}>;

/**
 * Changes the quote without a history entry (for what is not an event of the quote, like
 * reading the customer's comments). One update, so the row's sync version moves once.
 */
export async function updateQuote(trx: Transaction<Database>, quote: LockedQuote, changes: QuoteChanges): Promise<void> {
  await trx
    .updateTable('quotes')
    .set({ ...changes, updated_at: sql<string>`now()` })
    .where('id', '=', quote.id)
    .execute();
}

/**
 * Changes the quote and appends to its history, as every applied quote mutation must: the
 * history says who did what, `updated_at` moves the quote in staff's lists. One update, so the
 * row's sync version moves once. The event's `at` is the server's clock (the order things took
 * effect); the client's time of the action is kept in `detail.clientAt`.
 */
export async function changeQuote(
  trx: Transaction<Database>,
  quote: LockedQuote,
  principal: StaffPrincipal,
  changes: QuoteChanges,
  event: { kind: StaffQuoteEventKind; detail: Record<string, unknown> },
): Promise<void> {
  await updateQuote(trx, quote, changes);
  await trx
    .insertInto('quote_events')
    .values({
      id: randomUUID(),
      quote_id: quote.id,
      branch_id: quote.branch_id,
      at: sql<string>`now()`,
      actor_kind: 'staff',
      actor_id: principal.id,
      kind: event.kind,
      detail: sql<Record<string, unknown>>`${JSON.stringify(event.detail)}::jsonb`,
    })
    .execute();
}
