import { z } from 'zod';
import type { StaffRole } from '../protocol/auth';
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

/** What declining looks at besides the work state: the reason a declined quote carries. */
export interface QuoteDeclineState extends QuoteWorkState {
  decline_reason: string | null;
}

/** States staff may decline a quote from: everything not yet accepted, declined or expired. */
export const DECLINABLE_QUOTE_STATUSES = ['requested', 'in_progress', 'revision_requested', 'answered'] as const satisfies readonly QuoteStatus[];

/** What declining a quote would do. */
export type DeclineDecision =
  | { outcome: 'decline'; from: QuoteStatus }
  | { outcome: 'already_declined' }
  | { outcome: 'claimed_by_other'; assigneeId: string }
  | { outcome: 'not_open'; status: QuoteStatus };

/**
 * Decides what `staffId` declining `quote` with `reason` (trimmed, as the schema leaves it) does.
 * A quote someone else holds (working on it, or answered by them) is theirs to decline; an admin
 * (`mayDeclineOthers`, the right to reassign) may decline anyone's. A quote already declined
 * with the same reason is declined again without a change (a retried decline is harmless); with
 * another reason it is refused, so a second decline never silently rewrites the first.
 */
export function decideDecline(quote: QuoteDeclineState, reason: string, staffId: string, mayDeclineOthers: boolean): DeclineDecision {
  if (quote.status === 'declined') return quote.decline_reason === reason ? { outcome: 'already_declined' } : { outcome: 'not_open', status: quote.status };
  if (!DECLINABLE_QUOTE_STATUSES.some((open) => open === quote.status)) return { outcome: 'not_open', status: quote.status };
  if (quote.assignee_id !== null && quote.assignee_id !== staffId && !mayDeclineOthers) return { outcome: 'claimed_by_other', assigneeId: quote.assignee_id };
  return { outcome: 'decline', from: quote.status };
}

/** States an admin may reassign a quote from: the ones still waiting for an answer. */
export const REASSIGNABLE_QUOTE_STATUSES = ['requested', 'in_progress', 'revision_requested'] as const satisfies readonly QuoteStatus[];

/** The facts of a staff member the reassign rule looks at (a `staff` row has all of them). */
export interface AssigneeCandidate {
  id: string;
  role: StaffRole;
  branch_id: string | null;
  active: boolean;
}

/** Why a staff member cannot be given a quote. */
export type AssigneeProblem = 'unknown' | 'inactive' | 'role' | 'branch';

/**
 * Why `candidate` cannot take quotes of branch `branchId`, or null when they can: active, and a
 * consultant of that branch or an admin. `undefined` is a staff member who does not exist.
 */
export function assigneeProblem(candidate: AssigneeCandidate | undefined, branchId: string): AssigneeProblem | null {
  if (candidate === undefined) return 'unknown';
  if (!candidate.active) return 'inactive';
  if (candidate.role === 'admin') return null;
  if (candidate.role !== 'consultant') return 'role';
  return candidate.branch_id === branchId ? null : 'branch';
}

/** What reassigning a quote would do. */
export type ReassignDecision =
  | { outcome: 'reassign'; from: string | null; fromStatus: QuoteStatus }
  | { outcome: 'already_assigned' }
  | { outcome: 'not_open'; status: QuoteStatus }
  | { outcome: 'not_eligible'; problem: AssigneeProblem };

/**
 * Decides what reassigning `quote` (of branch `branchId`) to `target` does: the quote becomes
 * in progress with the target as assignee. Reassigning to the one who already works on it is
 * applied without a change. Whether the actor may reassign at all is the policy's
 * (`quote.reassign`), checked before.
 */
export function decideReassign(quote: QuoteWorkState & { branch_id: string }, target: AssigneeCandidate | undefined): ReassignDecision {
  if (!REASSIGNABLE_QUOTE_STATUSES.some((open) => open === quote.status)) return { outcome: 'not_open', status: quote.status };
  const problem = assigneeProblem(target, quote.branch_id);
  if (problem !== null || target === undefined) return { outcome: 'not_eligible', problem: problem ?? 'unknown' };
  if (quote.status === 'in_progress' && quote.assignee_id === target.id) return { outcome: 'already_assigned' };
  return { outcome: 'reassign', from: quote.assignee_id, fromStatus: quote.status };
}

/** What marking a quote's customer comments read would do: clear the count, or nothing. */
export function decideMarkRead(quote: { unread_customer_comments: number }): 'mark' | 'already_read' {
  return quote.unread_customer_comments === 0 ? 'already_read' : 'mark';
}

/** The longest comment, in UTF-16 code units (the database allows as many characters). */
export const QUOTE_COMMENT_MAX_LENGTH = 10_000;

/**
 * True when `body` holds a control character other than tab, line feed and carriage return:
 * those belong in a comment or message; others are paste accidents, and PostgreSQL cannot store
 * U+0000 at all.
 */
export function hasForbiddenControlCharacter(body: string): boolean {
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
