import { decideClaim } from '../../../electron/shared/domain/quotes';
import { changeQuote, quoteForAction, quoteRefusalText as text, staffName } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.claim`: the staff member takes a requested (or revision-requested) quote to work on it.
 * Claiming one's own claim again is applied without a change, so a retried claim is harmless.
 */
export const quoteClaim: MutationHandler<'quote.claim'> = {
  name: 'quote.claim',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.claim', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    const decision = decideClaim(quote, principal.id);
    switch (decision.outcome) {
      case 'already_yours':
        return APPLIED;
      case 'claimed_by_other':
        return rejected('QUOTE_CLAIMED_BY_OTHER', text.claimedByOther(quote.quote_number, await staffName(trx, decision.assigneeId)));
      case 'not_claimable':
        return rejected('QUOTE_NOT_CLAIMABLE', text.notClaimable(quote.quote_number, decision.status));
      case 'claim':
        await changeQuote(
          trx,
          quote,
          principal,
          { status: 'in_progress', assignee_id: principal.id },
          { kind: 'claimed', detail: { from: decision.from, clientAt: at } },
        );
        return APPLIED;
    }
  },
};
