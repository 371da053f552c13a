import { z } from 'zod';

/**
 * Messages of the browser host's WebSocket bridge. Electron's IPC needs no such envelope;
 * over a socket, each request carries an id so answers can arrive out of order.
 */
export const wireRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    name: z.string().max(200),
    input: z.unknown(),
  })
  .strict();

/** A request from the renderer to the host. */
export type WireRequest = z.infer<typeof wireRequestSchema>;

const ipcErrorSchema = z.object({ code: z.string(), message: z.string() }).strict();

/** A message from the host: the answer to one request, or an event. */
export const wireMessageSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('result'),
      id: z.number().int().nonnegative().nullable(),
      result: z.union([
        z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
        z.object({ ok: z.literal(false), error: ipcErrorSchema }).strict(),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }).strict(),
]);

/** A message from the host to the renderer. */
export type WireMessage = z.infer<typeof wireMessageSchema>;

/** The WebSocket path of the bridge; the per-start secret goes in its `token` query parameter. */
export const bridgeSocketPath = '/bridge';
