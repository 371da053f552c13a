import { z } from 'zod';

/** Every HTTP error body of the service: `{"error":{"code":"UPPER_SNAKE","message":"…"}}`. */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        message: z.string().min(1),
      })
      .strict(),
  })
  .strict();

/** The wire shape of an HTTP error. */
export type ErrorBody = z.infer<typeof errorBodySchema>;
