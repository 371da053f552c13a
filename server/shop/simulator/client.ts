import type { z } from 'zod';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import type { Side } from '../keys';

/** A refusal of the service (4xx) or a failure (5xx), with the protocol's code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Talks to a running service as the webshop and the warehouse, each with its own key. */
export interface SimClient {
  /** The service's base URL. */
  readonly url: string;
  /** Calls `method path` as `side`; parses the answer with `schema`, throws {@link ApiError} on a 4xx/5xx. */
  call<S extends z.ZodType>(side: Side, method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>>;
}

/** A client for the service at `url` with the two sides' keys. */
export function createSimClient(url: string, keys: Readonly<Record<Side, string>>): SimClient {
  const base = url.replace(/\/+$/, '');
  return {
    url: base,
    async call(side, method, path, schema, body) {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${keys[side]}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
          ...(body !== undefined && { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        // fetch only says "fetch failed"; the cause (ECONNREFUSED …) is what a person can act on.
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new Error(`Cannot reach the service at ${base} (${cause}). Is it running (npm run server)?`, { cause: error });
      }
      const text = await response.text();
      const json = parseJson(text);
      if (!response.ok) {
        const error = errorBodySchema.safeParse(json);
        if (error.success) throw new ApiError(response.status, error.data.error.code, error.data.error.message);
        throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', `${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', `${method} ${path} answered a body outside the contract: ${parsed.error.message}`);
      return parsed.data;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
