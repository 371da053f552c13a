import { decideClaim } from '../../../electron/shared/domain/quotes';
import { changeQuote, QUOTE_STATUS_NB, quoteForAction, staffName } from './quoteSupport';
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
      case 'claimed_by_other': {
        const holder = await staffName(trx, decision.assigneeId);
        return rejected(
          'QUOTE_CLAIMED_BY_OTHER',
          `Tilbud ${quote.quote_number} er allerede tatt av ${holder}. Ta kontakt med ${holder}, ` +
            'eller be en administrator om å flytte det til deg.',
        );
      }
      case 'not_claimable':
        return rejected(
          'QUOTE_NOT_CLAIMABLE',
          `Tilbud ${quote.quote_number} er ${QUOTE_STATUS_NB[decision.status]} og kan ikke tas. ` +
            'Bare forespurte tilbud og tilbud sendt tilbake for revisjon kan tas.',
        );
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
