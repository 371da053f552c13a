import { customerSetMigration } from './customerSetMigration';
import { customerSetTier } from './customerSetTier';
import { quoteAnswer } from './quoteAnswer';
import { quoteClaim } from './quoteClaim';
import { quoteComment } from './quoteComment';
import { quoteDecline } from './quoteDecline';
import { quoteMarkRead } from './quoteMarkRead';
import { quoteReassign } from './quoteReassign';
import { quoteRelease } from './quoteRelease';
import type { MutationHandlers } from './types';

export { APPLIED, rejected } from './types';
export type { MutationHandler, MutationHandlers, MutationOutcome } from './types';

/** The server side of every mutation in the shared contract, by name. */
export const mutationHandlers = {
  'quote.claim': quoteClaim,
  'quote.release': quoteRelease,
  'quote.comment': quoteComment,
  'quote.answer': quoteAnswer,
  'quote.decline': quoteDecline,
  'quote.reassign': quoteReassign,
  'quote.markRead': quoteMarkRead,
  'customer.setTier': customerSetTier,
  'customer.setMigration': customerSetMigration,
} as const satisfies MutationHandlers;
