import { decideReassign } from '../../../electron/shared/domain/quotes';
import { changeQuote, quoteForAction, quoteRefusalText as text } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.reassign`: an admin gives a quote that waits for an answer to a consultant of its
 * branch (or an admin): in progress with them from then on. Reassigning to the one who already
 * has it is applied without a change.
 */
export const quoteReassign: MutationHandler<'quote.reassign'> = {
  name: 'quote.reassign',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.reassign', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    // Locked like the quote, so the target cannot be deactivated between this check and the commit.
    const target = await trx.selectFrom('staff').select(['id', 'name', 'role', 'branch_id', 'active']).where('id', '=', args.assigneeId).forShare().executeTakeFirst();
    const decision = decideReassign(quote, target);
    switch (decision.outcome) {
      case 'already_assigned':
        return APPLIED;
      case 'not_open':
        return rejected('QUOTE_NOT_OPEN', text.reassignNotOpen(quote.quote_number, decision.status));
      case 'not_eligible':
        return rejected('ASSIGNEE_NOT_ELIGIBLE', text.assigneeNotEligible(quote.quote_number, target?.name ?? args.assigneeId, decision.problem));
      case 'reassign':
        await changeQuote(
          trx,
          quote,
          principal,
          { status: 'in_progress', assignee_id: args.assigneeId },
          { kind: 'reassigned', detail: { from: decision.from, to: args.assigneeId, fromStatus: decision.fromStatus, clientAt: at } },
        );
        return APPLIED;
    }
  },
};
