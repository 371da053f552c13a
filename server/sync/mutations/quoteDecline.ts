import { decideDecline } from '../../../electron/shared/domain/quotes';
import { mayPerform } from './policy';
import { changeQuote, quoteForAction, quoteRefusalText as text, staffName } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.decline`: staff decline a request (new, in progress, sent back for revision, or answered)
 * with the reason the customer sees. A quote someone else holds is theirs to decline, or an
 * admin's. Declining again with the same reason is applied without a change (a retry); with
 * another reason it is refused (`decideDecline`, shared with the client).
 */
export const quoteDecline: MutationHandler<'quote.decline'> = {
  name: 'quote.decline',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.decline', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const decision = decideDecline(quote, args.reason, principal.id, mayPerform(principal, 'quote.reassign', quote.branch_id));
    switch (decision.outcome) {
      case 'already_declined':
        return APPLIED;
      case 'claimed_by_other':
        return rejected('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, await staffName(trx, decision.assigneeId), 'quote.decline'));
      case 'not_open':
        return rejected('QUOTE_NOT_OPEN', text.declineNotOpen(quote.quote_number, decision.status));
      case 'decline':
        await changeQuote(
          trx,
          quote,
          principal,
          { status: 'declined', decline_reason: args.reason },
          { kind: 'declined', detail: { reason: args.reason, from: decision.from, clientAt: at } },
        );
        return APPLIED;
    }
  },
};
