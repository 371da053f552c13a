import type { StaffRole } from '../protocol/auth';
import { decideAnswer } from '../domain/quoteAnswer';
import { decideClaim, decideDecline, decideMarkRead, decideReassign, decideRelease } from '../domain/quotes';
import { mayPerform, type QuoteAction } from '../domain/permissions';
import { customerSetMigrationEffect, customerSetTierEffect } from './customerEffects';
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
  /**
   * The rows of `table` whose `column` equals `value` (e.g. a quote's lines). Optional: a view
   * without it makes the effects check only what they can reach by id (`quote.answer` then
   * cannot see a line the answer leaves out; the server still refuses that).
   */
  list?<T extends SyncTableName>(table: T, column: keyof SyncRow<T> & string, value: string): Array<SyncRow<T>>;
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

// The quote's lines the answer is checked against: all of them when the view can list, else
// those the answer names that belong to the quote (see `EffectRows.list`).
function answerLines(rows: EffectRows, quoteId: string, lineIds: readonly string[]): { lines: Array<SyncRow<'quote_lines'>>; complete: boolean } {
  if (rows.list !== undefined) return { lines: rows.list('quote_lines', 'quote_id', quoteId), complete: true };
  const lines = lineIds.flatMap((id) => {
    const line = rows.get('quote_lines', id);
    return line?.quote_id === quoteId ? [line] : [];
  });
  // An id named twice is found twice; one copy each is what the quote has.
  return { lines: [...new Map(lines.map((line) => [line.id, line])).values()], complete: false };
}

/**
 * `quote.answer`, as the server's `quoteAnswer`: every line gets the consultant's extra discount
 * or fixed price, and the quote is answered, valid until the Oslo date of `at` plus the days.
 */
export const quoteAnswerEffect: LocalEffect<'quote.answer'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.answer', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const { lines, complete } = answerLines(rows, quote.id, args.lines.map((line) => line.lineId));
    const mayAnswerOthers = mayPerform(actor, 'quote.reassign', quote.branch_id);
    const decision = decideAnswer(quote, lines, args, actor.id, mayAnswerOthers, at, { linesComplete: complete });
    switch (decision.outcome) {
      case 'already_answered':
        return { status: 'applied', tables: [], object };
      case 'not_claimed':
        return refused('QUOTE_NOT_CLAIMED_BY_YOU', text.notClaimedByYou(quote.quote_number, 'quote.answer'), object);
      case 'claimed_by_other':
        return refused('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, staffName(rows, decision.assigneeId), 'quote.answer'), object);
      case 'not_open':
        return refused('QUOTE_NOT_OPEN', text.answerNotOpen(quote.quote_number, decision.status), object);
      case 'lines_changed':
        return refused('QUOTE_LINES_CHANGED', text.linesChanged(quote.quote_number), object);
      case 'invalid':
        return refused('QUOTE_ANSWER_INVALID', text.answerInvalid(quote.quote_number, decision.position, decision.problem), object);
      case 'answer': {
        const byId = new Map(lines.map((line) => [line.id, line]));
        for (const update of decision.lines) {
          const line = byId.get(update.id);
          if (line !== undefined) rows.put('quote_lines', { ...line, extra_discount_bp: update.extra_discount_bp, offered_price_ore: update.offered_price_ore });
        }
        rows.put('quotes', {
          ...quote,
          status: 'answered',
          answered_at: at,
          valid_until: decision.validUntil,
          message_to_customer: decision.message,
          updated_at: at,
        });
        return { status: 'applied', tables: ['quote_lines', 'quotes'], object };
      }
    }
  },
};

/** `quote.decline`, as the server's `quoteDecline`: declined with the reason the customer sees. */
export const quoteDeclineEffect: LocalEffect<'quote.decline'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.decline', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const decision = decideDecline(quote, args.reason, actor.id, mayPerform(actor, 'quote.reassign', quote.branch_id));
    switch (decision.outcome) {
      case 'already_declined':
        return { status: 'applied', tables: [], object };
      case 'claimed_by_other':
        return refused('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, staffName(rows, decision.assigneeId), 'quote.decline'), object);
      case 'not_open':
        return refused('QUOTE_NOT_OPEN', text.declineNotOpen(quote.quote_number, decision.status), object);
      case 'decline':
        rows.put('quotes', { ...quote, status: 'declined', decline_reason: args.reason, updated_at: at });
        return { status: 'applied', tables: ['quotes'], object };
    }
  },
};

/** `quote.reassign`, as the server's `quoteReassign`: an admin gives the quote to another consultant. */
export const quoteReassignEffect: LocalEffect<'quote.reassign'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.reassign', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    const target = rows.get('staff', args.assigneeId);
    const decision = decideReassign(quote, target);
    switch (decision.outcome) {
      case 'already_assigned':
        return { status: 'applied', tables: [], object };
      case 'not_open':
        return refused('QUOTE_NOT_OPEN', text.reassignNotOpen(quote.quote_number, decision.status), object);
      case 'not_eligible':
        return refused('ASSIGNEE_NOT_ELIGIBLE', text.assigneeNotEligible(quote.quote_number, target?.name ?? args.assigneeId, decision.problem), object);
      case 'reassign':
        rows.put('quotes', { ...quote, status: 'in_progress', assignee_id: args.assigneeId, updated_at: at });
        return { status: 'applied', tables: ['quotes'], object };
    }
  },
};

/** `quote.markRead`, as the server's `quoteMarkRead`: the customer's comments are read. */
export const quoteMarkReadEffect: LocalEffect<'quote.markRead'> = {
  object: quoteObject,
  apply(rows, args, actor, at) {
    const found = quoteFor(rows, actor, 'quote.markRead', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const object = quoteObject(args);
    if (decideMarkRead(quote) === 'already_read') return { status: 'applied', tables: [], object };
    rows.put('quotes', { ...quote, unread_customer_comments: 0, updated_at: at });
    return { status: 'applied', tables: ['quotes'], object };
  },
};

/** Every mutation's local effect, by name. */
export const localEffects = {
  'quote.claim': quoteClaimEffect,
  'quote.release': quoteReleaseEffect,
  'quote.comment': quoteCommentEffect,
  'quote.answer': quoteAnswerEffect,
  'quote.decline': quoteDeclineEffect,
  'quote.reassign': quoteReassignEffect,
  'quote.markRead': quoteMarkReadEffect,
  'customer.setTier': customerSetTierEffect,
  'customer.setMigration': customerSetMigrationEffect,
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
