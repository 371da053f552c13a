import { z } from 'zod';

/** `GET /v1/health` response, exactly as protocol.md states it. */
export const healthResponseSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string().min(1),
    db: z.enum(['postgres', 'pglite']),
  })
  .strict();

/** The service's answer to a health check. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
