import type { z } from 'zod';
import type { AuthState } from '../../../electron/shared/ipc/contract';
import type { QuoteQueueFilter } from '../../../electron/shared/ipc/quotes';
import type { loyaltyTierSchema, quoteStatusSchema } from '../../../electron/shared/sync/rows';
import type { SyncTableName } from '../../../electron/shared/sync/rows';

/** A quote's state. */
export type QuoteStatus = z.infer<typeof quoteStatusSchema>;

/** A customer's loyalty tier. */
export type LoyaltyTier = z.infer<typeof loyaltyTierSchema>;

/** The staff member signed in, as the session knows them. */
export type SessionStaff = NonNullable<AuthState['staff']>;

/** Which quotes the queue shows. */
export type QueueScope = QuoteQueueFilter['scope'];

/** Every status, in the order of a quote's life (for the status filter). */
export const quoteStatuses = ['requested', 'in_progress', 'revision_requested', 'answered', 'accepted', 'declined', 'expired'] as const satisfies readonly QuoteStatus[];

/** The scopes, in toggle order. */
export const queueScopes = ['mine', 'unassigned', 'all'] as const satisfies readonly QueueScope[];

/** The tiers, lowest first. */
export const loyaltyTiers = ['silver', 'gold', 'platinum'] as const satisfies readonly LoyaltyTier[];

/**
 * States in which the customer waits for an answer: the 24-hour promise runs. Answered,
 * accepted, declined and expired quotes show no countdown.
 */
export const awaitingAnswerStatuses = ['requested', 'in_progress', 'revision_requested'] as const satisfies readonly QuoteStatus[];

/** True while the 24-hour answer promise runs for a quote in `status`. */
export function isAwaitingAnswer(status: QuoteStatus): boolean {
  return (awaitingAnswerStatuses as readonly QuoteStatus[]).includes(status);
}

/** The cached tables the queue's rows are made of: a change among them refreshes the queue. */
export const queueTables = ['quotes', 'quote_lines', 'quote_comments', 'customers', 'staff'] as const satisfies readonly SyncTableName[];

/** The cached tables a quote's detail is made of. */
export const quoteTables = ['quotes', 'quote_lines', 'quote_comments', 'quote_events', 'customers', 'staff', 'products'] as const satisfies readonly SyncTableName[];

/** The queue's filter on a first start: my quotes, the open ones, every branch. */
export const defaultQueueFilter: QuoteQueueFilter = { scope: 'mine', statuses: [], branchId: null, breachedOnly: false };

/** True when `staffId` holds `quote` and may edit its answer. */
export function isEditableBy(quote: { status: QuoteStatus; assigneeId: string | null }, staffId: string): boolean {
  return quote.status === 'in_progress' && quote.assigneeId === staffId;
}
