import { z } from 'zod';

const id = z.string().min(1).max(100);

/**
 * Every staff mutation, `<entity>.<verb>`, with its argument schema. The client queues these
 * offline; the server applies them in seq order. Both sides validate args with these schemas.
 */
export const mutationArgs = {
  'quote.claim': z.strictObject({ quoteId: id }),
  'quote.release': z.strictObject({ quoteId: id }),
  'quote.comment': z.strictObject({ quoteId: id, commentId: id, body: z.string().trim().min(1).max(10_000) }),
} as const;

/** A mutation's name. */
export type MutationName = keyof typeof mutationArgs;

/** Names of all mutations, for validating the `name` of a pushed mutation. */
export const mutationNames = Object.keys(mutationArgs) as [MutationName, ...MutationName[]];

/** Validates a mutation name. */
export const mutationNameSchema = z.enum(mutationNames);

/** The arguments of mutation `N`. */
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgs)[N]>;

/** Typed rejection codes a mutation may answer with (protocol.md, "Push"). */
export const rejectionCodes = {
  invalidArgs: 'INVALID_ARGS',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  quoteClaimedByOther: 'QUOTE_CLAIMED_BY_OTHER',
  quoteNotClaimable: 'QUOTE_NOT_CLAIMABLE',
  quoteNotClaimedByYou: 'QUOTE_NOT_CLAIMED_BY_YOU',
} as const;
