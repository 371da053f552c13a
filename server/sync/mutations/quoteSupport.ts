import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { QuoteStatus, QuoteWorkState } from '../../../electron/shared/domain/quotes';
import type { StaffPrincipal } from '../../auth';
import type { Database } from '../../db';
import { checkPermission, type StaffAction } from './policy';
import { rejected, type MutationOutcome } from './types';

/** The facts of a quote the quote mutations decide on. */
export interface LockedQuote extends QuoteWorkState {
  id: string;
  quote_number: string;
  branch_id: string;
}

/**
 * Reads the quote and locks its row until the transaction ends, so two staff members acting on
 * one quote at once are decided one after the other, each on the other's result.
 */
export async function lockQuote(trx: Transaction<Database>, quoteId: string): Promise<LockedQuote | undefined> {
  return trx
    .selectFrom('quotes')
    .select(['id', 'quote_number', 'branch_id', 'status', 'assignee_id', 'answered_at'])
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
    return { refusal: rejected('NOT_FOUND', `Fant ikke tilbudet (${quoteId}). Det kan være slettet; oppdater listen og prøv igjen.`) };
  }
  const refusal = await checkPermission(
    trx,
    principal,
    action,
    { type: 'quote', id: quote.id, branchId: quote.branch_id },
    `Du har ikke tilgang til å ${ACTION_VERBS_NB[action]} tilbud ${quote.quote_number}: det hører til en annen avdeling ` +
      'eller rollen din kan ikke gjøre dette. Be en konsulent i avdelingen eller en administrator om hjelp.',
  );
  return refusal === null ? { quote } : { refusal };
}

/** The staff actions on quotes. */
export type QuoteAction = Extract<StaffAction, `quote.${string}`>;

const ACTION_VERBS_NB: Record<QuoteAction, string> = {
  'quote.claim': 'ta',
  'quote.release': 'frigi',
  'quote.comment': 'kommentere',
  'quote.answer': 'besvare',
  'quote.decline': 'avslå',
  'quote.reassign': 'flytte',
};

// One wording for client and server, so a refusal reads the same wherever it is decided.
export { QUOTE_STATUS_NB } from '../../../electron/shared/sync/localEffectsText';

/** The name of staff member `staffId`, for messages that say who holds something. */
export async function staffName(trx: Transaction<Database>, staffId: string): Promise<string> {
  const row = await trx.selectFrom('staff').select('name').where('id', '=', staffId).executeTakeFirst();
  return row?.name ?? `ukjent ansatt (${staffId})`;
}

/** The kinds of quote history a staff mutation writes. */
export type StaffQuoteEventKind = 'claimed' | 'released' | 'commented';

/** The quote columns a staff mutation may change (besides `updated_at`, which every one does). */
export type QuoteChanges = Partial<{ status: QuoteStatus; assignee_id: string | null; unread_customer_comments: number }>;

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
  await trx
    .updateTable('quotes')
    .set({ ...changes, updated_at: sql<string>`now()` })
    .where('id', '=', quote.id)
    .execute();
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
