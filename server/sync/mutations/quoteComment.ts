import { sql } from 'kysely';
import { changeQuote, quoteForAction, quoteRefusalText as text } from './quoteSupport';
import { APPLIED, rejected, type MutationHandler } from './types';

/**
 * `quote.comment`: a staff comment in the quote's thread, under the id the client made for it
 * (so the client's optimistic row and the server's are one). Posting the same comment again is
 * applied without a change. Commenting means the consultant has read the thread: the
 * customer's unread comments are cleared.
 */
export const quoteComment: MutationHandler<'quote.comment'> = {
  name: 'quote.comment',
  async apply(trx, principal, args, at) {
    const found = await quoteForAction(trx, principal, 'quote.comment', args.quoteId);
    if ('refusal' in found) return found.refusal;
    const { quote } = found;
    // Insert-or-nothing rather than look-then-insert: two clients racing with one id cannot both
    // insert, and neither fails on the primary key.
    const inserted = await trx
      .insertInto('quote_comments')
      .values({
        id: args.commentId,
        quote_id: quote.id,
        branch_id: quote.branch_id,
        author_kind: 'staff',
        author_staff_id: principal.id,
        author_user_id: null,
        body: args.body,
        created_at: sql<string>`now()`,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) {
      const existing = await trx
        .selectFrom('quote_comments')
        .select(['quote_id', 'author_staff_id', 'body'])
        .where('id', '=', args.commentId)
        .executeTakeFirst();
      const same = existing?.quote_id === quote.id && existing.author_staff_id === principal.id && existing.body === args.body;
      if (same) return APPLIED;
      return rejected('COMMENT_ID_TAKEN', text.commentIdTaken(quote.quote_number, args.commentId));
    }
    await changeQuote(
      trx,
      quote,
      principal,
      { unread_customer_comments: 0 },
      { kind: 'commented', detail: { commentId: args.commentId, clientAt: at } },
    );
    return APPLIED;
  },
};
