import { decideRelease } from '../../../electron/shared/domain/quotes';
import { mayPerform } from './policy';
import { changeQuote, quoteForAction, quoteRefusalText as text, staffName } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.release`: the assignee hands a quote back to the queue (an admin may release anyone's).
 * It returns to `requested`, or to `revision_requested` when it had been answered before.
 */
export const quoteRelease: MutationHandler<'quote.release'> = {
  name: 'quote.release',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.release', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    // Releasing someone else's claim takes it from them: the same right as reassigning.
    const decision = decideRelease(quote, principal.id, mayPerform(principal, 'quote.reassign', quote.branch_id));
    switch (decision.outcome) {
      case 'not_claimed':
        return rejected('QUOTE_NOT_CLAIMED_BY_YOU', text.notClaimedByYou(quote.quote_number, 'quote.release'));
      case 'claimed_by_other':
        return rejected('QUOTE_NOT_CLAIMED_BY_YOU', text.heldByOther(quote.quote_number, await staffName(trx, decision.assigneeId), 'quote.release'));
      case 'release':
        await changeQuote(
          trx,
          quote,
          principal,
          { status: decision.to, assignee_id: null },
          { kind: 'released', detail: { to: decision.to, assigneeId: decision.assigneeId, clientAt: at } },
        );
        return APPLIED;
    }
  },
};
