import { decideAnswer } from '../../../electron/shared/domain/quoteAnswer';
import { mayPerform } from './policy';
import { changeQuote, quoteForAction, quoteRefusalText as text, staffName } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.answer`: the consultant answers the quote they hold (an admin any in-progress quote):
 * every line gets its extra discount or fixed price, the quote is `answered` at the staff
 * member's time of the action (`at`) and valid until the Oslo date of `at` plus `validityDays`.
 * The assignee stays (who answered: it is theirs to decline); a revision the customer asks for
 * later returns the quote to the whole queue (server/shop/quotes.ts).
 *
 * A retry is harmless: an answered quote whose stored answer is exactly this one (same line
 * choices, message and valid_until) is applied without a change and without a second event
 * (`decideAnswer`, shared with the client's optimistic effect).
 */
export const quoteAnswer: MutationHandler<'quote.answer'> = {
  name: 'quote.answer',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.answer', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    // The quote's row lock covers its lines: nothing changes them without locking the quote first.
    const lines = await trx
      .selectFrom('quote_lines')
      .select(['id', 'position', 'qty', 'list_price_ore', 'tier_discount_bp', 'extra_discount_bp', 'offered_price_ore'])
      .where('quote_id', '=', quote.id)
      .orderBy('position')
      .execute();
    // Answering someone else's claim takes the same right as reassigning it.
    const decision = decideAnswer(quote, lines, args, principal.id, mayPerform(principal, 'quote.reassign', quote.branch_id), at);
    switch (decision.outcome) {
      case 'already_answered':
        return APPLIED;
      case 'not_claimed':
        return rejected('QUOTE_NOT_CLAIMED_BY_YOU', text.notClaimedByYou(quote.quote_number, 'quote.answer'));
      case 'claimed_by_other':
        return rejected('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, await staffName(trx, decision.assigneeId), 'quote.answer'));
      case 'not_open':
        return rejected('QUOTE_NOT_OPEN', text.answerNotOpen(quote.quote_number, decision.status));
      case 'lines_changed':
        return rejected('QUOTE_LINES_CHANGED', text.linesChanged(quote.quote_number));
      case 'invalid':
        return rejected('QUOTE_ANSWER_INVALID', text.answerInvalid(quote.quote_number, decision.position, decision.problem));
      case 'answer':
        for (const line of decision.lines) {
          await trx
            .updateTable('quote_lines')
            .set({ extra_discount_bp: line.extra_discount_bp, offered_price_ore: line.offered_price_ore })
            .where('id', '=', line.id)
            .execute();
        }
        await changeQuote(
          trx,
          quote,
          principal,
          { status: 'answered', answered_at: at, valid_until: decision.validUntil, message_to_customer: decision.message },
          { kind: 'answered', detail: { totalOre: decision.totalOre, validUntil: decision.validUntil, lines: decision.lines.length, clientAt: at } },
        );
        return APPLIED;
    }
  },
};
