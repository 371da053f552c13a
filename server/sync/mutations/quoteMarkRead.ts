import { decideMarkRead } from '../../../electron/shared/domain/quotes';
import { quoteForAction, updateQuote } from './quoteSupport';
import { APPLIED, type MutationHandler } from './types';

/**
 * `quote.markRead`: the customer's new comments are read, so the queue's flag goes off. Not an
 * event of the quote (no history entry); already read is applied without a change.
 */
export const quoteMarkRead: MutationHandler<'quote.markRead'> = {
  name: 'quote.markRead',
  async apply(trx, principal, args) {
    const found = await quoteForAction(trx, principal, 'quote.markRead', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    if (decideMarkRead(quote) === 'already_read') return APPLIED;
    await updateQuote(trx, quote, { unread_customer_comments: 0 });
    return APPLIED;
  },
};
