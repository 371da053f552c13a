import { z } from 'zod';
import { mutationNameShapeSchema } from '../sync/mutations';
import { syncTableNameSchema } from '../sync/rows';

/**
 * The schema version of the synced rows. The client sends it on pull and push; the server
 * refuses one below its minimum with 426 CLIENT_OUTDATED.
 */
export const SYNC_SCHEMA_VERSION = 1;

/** One line of a pull's NDJSON stream (protocol.md, "Pull"). Rows are checked per table elsewhere. */
export const pullLineSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('begin'), snapshot: z.boolean(), total: z.number().int().nonnegative() }),
  z.strictObject({ t: z.literal('put'), table: syncTableNameSchema, row: z.record(z.string(), z.unknown()) }),
  z.strictObject({ t: z.literal('del'), table: syncTableNameSchema, id: z.string() }),
  z.strictObject({ t: z.literal('ack'), lastSeq: z.number().int().nonnegative() }),
  z.strictObject({ t: z.literal('end'), cursor: z.string(), more: z.boolean() }),
]);

/** A line of the pull stream. */
export type PullLine = z.infer<typeof pullLineSchema>;

/**
 * One queued staff action as pushed. `args` are checked per mutation name. `name` need only be
 * well-formed here: a name the server does not know rejects that mutation, not the batch.
 */
export const pushedMutationSchema = z.strictObject({
  seq: z.number().int().positive(),
  name: mutationNameShapeSchema,
  args: z.unknown(),
  at: z.iso.datetime({ offset: true }),
});

/** `POST /v1/sync/push` body. */
export const pushRequestSchema = z.strictObject({
  clientId: z.uuid(),
  schemaVersion: z.number().int().positive(),
  mutations: z.array(pushedMutationSchema).max(1000),
});

/** The outcome of one pushed mutation. */
export const mutationResultSchema = z.strictObject({
  seq: z.number().int().positive(),
  status: z.enum(['applied', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** `POST /v1/sync/push` answer. */
export const pushResponseSchema = z.strictObject({ results: z.array(mutationResultSchema) });

/** A push request. */
export type PushRequest = z.infer<typeof pushRequestSchema>;
/** A push answer. */
export type PushResponse = z.infer<typeof pushResponseSchema>;
