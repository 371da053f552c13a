import { quoteClaim } from './quoteClaim';
import { quoteComment } from './quoteComment';
import { quoteRelease } from './quoteRelease';
import type { MutationHandlers } from './types';

export { APPLIED, rejected } from './types';
export type { MutationHandler, MutationHandlers, MutationOutcome } from './types';

/** The server side of every mutation in the shared contract, by name. */
export const mutationHandlers = {
  'quote.claim': quoteClaim,
  'quote.release': quoteRelease,
  'quote.comment': quoteComment,
} as const satisfies MutationHandlers;
