import { z } from 'zod';
import type { quoteStatusSchema } from '../sync/rows';

/**
 * The quote rules both sides apply: the client optimistically when a staff member acts (maybe
 * offline), the server authoritatively when the mutation is pushed. Pure functions of the
 * quote's state, so the two can never disagree on the same input.
 */

/** A quote's state (see `quoteStatusSchema`). */
export type QuoteStatus = z.infer<typeof quoteStatusSchema>;

/** What the claim and release rules look at; a `quotes` row (wire or database) has all of it. */
export interface QuoteWorkState {
  status: QuoteStatus;
  assignee_id: string | null;
  answered_at: string | null;
}

/** States a consultant may take a quote from: new requests and requested revisions. */
export const CLAIMABLE_QUOTE_STATUSES = ['requested', 'revision_requested'] as const satisfies readonly QuoteStatus[];

/** What claiming a quote would do. */
export type ClaimDecision =
  | { outcome: 'claim'; from: QuoteStatus }
  | { outcome: 'already_yours' }
  | { outcome: 'claimed_by_other'; assigneeId: string }
  | { outcome: 'not_claimable'; status: QuoteStatus };

/** Decides what `staffId` claiming `quote` does: take it, nothing (already theirs), or refuse. */
export function decideClaim(quote: QuoteWorkState, staffId: string): ClaimDecision {
  if (isClaimableStatus(quote.status)) return { outcome: 'claim', from: quote.status };
  if (quote.status === 'in_progress') {
    if (quote.assignee_id === staffId) return { outcome: 'already_yours' };
    if (quote.assignee_id !== null) return { outcome: 'claimed_by_other', assigneeId: quote.assignee_id };
    // In progress with nobody on it should not happen; letting the claim repair it beats a quote
    // nobody can pick up.
    return { outcome: 'claim', from: quote.status };
  }
  return { outcome: 'not_claimable', status: quote.status };
}

/** True when a quote in `status` can be claimed. */
export function isClaimableStatus(status: QuoteStatus): status is (typeof CLAIMABLE_QUOTE_STATUSES)[number] {
  return CLAIMABLE_QUOTE_STATUSES.some((claimable) => claimable === status);
}

/**
 * The state a released quote returns to. A quote that was answered before is back in the
 * queue for a revision, so it goes to `revision_requested`; otherwise to `requested`. Read from
 * `answered_at` (kept when a revision is requested) so the client can compute it from the row.
 */
export function releaseTargetStatus(quote: QuoteWorkState): 'requested' | 'revision_requested' {
  return quote.answered_at !== null ? 'revision_requested' : 'requested';
}

/** What releasing a quote would do. */
export type ReleaseDecision =
  | { outcome: 'release'; to: 'requested' | 'revision_requested'; assigneeId: string | null }
  | { outcome: 'not_claimed' }
  | { outcome: 'claimed_by_other'; assigneeId: string };

/**
 * Decides what `staffId` releasing `quote` does. Only the assignee releases; `mayReleaseOthers`
 * (an admin, who may reassign) also releases someone else's claim.
 */
export function decideRelease(quote: QuoteWorkState, staffId: string, mayReleaseOthers: boolean): ReleaseDecision {
  if (quote.status !== 'in_progress') return { outcome: 'not_claimed' };
  const to = releaseTargetStatus(quote);
  if (quote.assignee_id === staffId) return { outcome: 'release', to, assigneeId: staffId };
  if (quote.assignee_id === null) return mayReleaseOthers ? { outcome: 'release', to, assigneeId: null } : { outcome: 'not_claimed' };
  if (mayReleaseOthers) return { outcome: 'release', to, assigneeId: quote.assignee_id };
  return { outcome: 'claimed_by_other', assigneeId: quote.assignee_id };
}

/** The longest comment, in UTF-16 code units (the database allows as many characters). */
export const QUOTE_COMMENT_MAX_LENGTH = 10_000;

// Tab, line feed and carriage return belong in a comment; other control characters are paste
// accidents, and PostgreSQL cannot store U+0000 at all.
function hasForbiddenControlCharacter(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** A comment body as stored: trimmed, 1-10 000 characters, no control characters but tab and newlines. */
export const quoteCommentBodySchema = z
  .string()
  .trim()
  .min(1, { error: 'The comment is empty.' })
  .max(QUOTE_COMMENT_MAX_LENGTH, { error: `The comment is longer than ${QUOTE_COMMENT_MAX_LENGTH} characters.` })
  .refine((body) => !hasForbiddenControlCharacter(body), { error: 'The comment contains control characters.' });

/** The body as it will be stored, or null when the rules refuse it. */
export function normalizeQuoteCommentBody(body: string): string | null {
  const result = quoteCommentBodySchema.safeParse(body);
  return result.success ? result.data : null;
}
