import type { StaffRole } from '../protocol/auth';
import { decideClaim, decideRelease } from '../domain/quotes';
import { mayPerform } from '../domain/permissions';
import { quoteRefusalText as text } from './localEffectsText';
import type { MutationArgs, MutationName, RejectionCode } from './mutations';
import type { SyncRow, SyncTableName } from './rows';

/**
 * The optimistic local effect of every mutation: what the staff member sees at once, before (or
 * without) the server. The same shared rules as the server's handlers, so an action the server
 * would refuse for a reason visible here is refused here already, with the server's code and
 * words. Effects are pure functions of (rows, args, actor, at): the outbox re-applies them on
 * top of every new server state (rebase), and each replay must give the same rows.
 *
 * What stays the server's: its history rows (quote_events, with ids only it makes) and its own
 * clock; the next pull brings both.
 */

/** The cached rows an effect reads and writes, in their wire shape. */
export interface EffectRows {
  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined;
  /** Inserts or replaces the whole row. */
  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void;
}

/** The staff member acting: who, and what the permission rules look at. */
export interface EffectActor {
  id: string;
  role: StaffRole;
  branchId: string | null;
}

/** The object a mutation concerns: what "open the object" opens. */
export interface EffectObject {
  table: SyncTableName;
  id: string;
}

/** What applying an effect came to. `tables` are the synced tables it wrote (maybe none). */
export type LocalEffectResult =
  | { status: 'applied'; tables: SyncTableName[]; object: EffectObject }
  | { status: 'refused'; code: RejectionCode; message: string; object: EffectObject };

/** One mutation's local side. */
export interface LocalEffect<N extends MutationName> {
  /** The object the mutation concerns, from its args alone (also for a rejection found later). */
  readonly object: (args: MutationArgs<N>) => EffectObject;
  /** Applies validated `args` as `actor` at `at` (ISO time): writes through `rows` or refuses, never both. */
  apply(rows: EffectRows, args: MutationArgs<N>, actor: EffectActor, at: string): LocalEffectResult;
}

/** A local effect for every mutation: a missing one is a compile error. */
export type LocalEffects = { [N in MutationName]: LocalEffect<N> };

type QuoteRow = SyncRow<'quotes'>;
type QuoteAction = 'quote.claim' | 'quote.release' | 'quote.comment';

const quoteObject = (args: { quoteId: string }): EffectObject => ({ table: 'quotes', id: args.quoteId });

function refused(code: RejectionCode, message: string, object: EffectObject): LocalEffectResult {
  return { status: 'refused', code, message, object };
}

// The quote, or the refusal the server would answer for it: NOT_FOUND when this staff member's
// cache lacks it (the server sends every quote they may see), FORBIDDEN by the shared policy.
function quoteFor(rows: EffectRows, actor: EffectActor, action: QuoteAction, quoteId: string): { quote: QuoteRow } | { refusal: LocalEffectResult } {
  const object = quoteObject({ quoteId });
  const quote = rows.get('quotes', quoteId);
  if (quote === undefined) return { refusal: refused('NOT_FOUND', text.notFound(quoteId), object) };
  if (!mayPerform(actor, action, quote.branch_id)) return { refusal: refused('FORBIDDEN', text.forbidden(action, quote.quote_number), object) };
  return { quote };
}

function staffName(rows: EffectRows, staffId: string): string {
  return rows.get('staff', staffId)?.name ?? text.unknownStaff(staffId);
}

/** `quote.claim`, as the server's `quoteClaim`. */
export const quoteClaimEffect: LocalEffect<'quote.claim'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.claim', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const decision = decideClaim(quote, actor.id);
    switch (decision.outcome) {
      case 'already_yours':
        return { status: 'applied', tables: [], object };
      case 'claimed_by_other':
        return refused('QUOTE_CLAIMED_BY_OTHER', text.claimedByOther(quote.quote_number, staffName(rows, decision.assigneeId)), object);
      case 'not_claimable':
        return refused('QUOTE_NOT_CLAIMABLE', text.notClaimable(quote.quote_number, decision.status), object);
      case 'claim':
        rows.put('quotes', { ...quote, status: 'in_progress', assignee_id: actor.id, updated_at: at });
        return { status: 'applied', tables: ['quotes'], object };
    }
  },
};

/** `quote.release`, as the server's `quoteRelease`: an admin (who may reassign) releases anyone's. */
export const quoteReleaseEffect: LocalEffect<'quote.release'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.release', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const decision = decideRelease(quote, actor.id, mayPerform(actor, 'quote.reassign', quote.branch_id));
    switch (decision.outcome) {
      case 'not_claimed':
        return refused('QUOTE_NOT_CLAIMED_BY_YOU', text.notClaimedByYou(quote.quote_number), object);
      case 'claimed_by_other':
        return refused('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, staffName(rows, decision.assigneeId)), object);
      case 'release':
        rows.put('quotes', { ...quote, status: decision.to, assignee_id: null, updated_at: at });
        return { status: 'applied', tables: ['quotes'], object };
    }
  },
};

/**
 * `quote.comment`, as the server's `quoteComment`: a staff comment under the client-made id,
 * and the customer's unread comments cleared. The same comment again changes nothing.
 */
export const quoteCommentEffect: LocalEffect<'quote.comment'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.comment', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const existing = rows.get('quote_comments', args.commentId);
    if (existing !== undefined) {
      const same = existing.quote_id === quote.id && existing.author_staff_id === actor.id && existing.body === args.body;
      if (same) return { status: 'applied', tables: [], object };
      return refused('COMMENT_ID_TAKEN', text.commentIdTaken(quote.quote_number, args.commentId), object);
    }
    rows.put('quote_comments', {
      id: args.commentId,
      quote_id: quote.id,
      branch_id: quote.branch_id,
      author_kind: 'staff',
      author_staff_id: actor.id,
      author_user_id: null,
      body: args.body,
      created_at: at,
    });
    rows.put('quotes', { ...quote, unread_customer_comments: 0, updated_at: at });
    return { status: 'applied', tables: ['quote_comments', 'quotes'], object };
  },
};

/** Every mutation's local effect, by name. */
export const localEffects = {
  'quote.claim': quoteClaimEffect,
  'quote.release': quoteReleaseEffect,
  'quote.comment': quoteCommentEffect,
} as const satisfies LocalEffects;

/** Applies mutation `name`'s effect (generic, so the args and the effect belong together). */
export function applyLocalEffect<N extends MutationName>(
  effects: LocalEffects,
  rows: EffectRows,
  name: N,
  args: MutationArgs<N>,
  actor: EffectActor,
  at: string,
): LocalEffectResult {
  const effect: LocalEffect<N> = effects[name];
  return effect.apply(rows, args, actor, at);
}

/** The object mutation `name` concerns. */
export function mutationObject<N extends MutationName>(effects: LocalEffects, name: N, args: MutationArgs<N>): EffectObject {
  const effect: LocalEffect<N> = effects[name];
  return effect.object(args);
}
