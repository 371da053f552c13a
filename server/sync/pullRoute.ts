import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireStaff, staffOf } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../errors';
import { DEFAULT_PULL_LIMITS, pull, type PullLimits } from './pull';
import { acceptsGzip, openResponseSink, type ResponseSink } from './pullStream';

/** Tuning of `GET /v1/sync/pull`; every field has a default. */
export interface PullRouteOptions {
  limits?: Partial<PullLimits>;
  gzipLevel?: number;
  stallTimeoutMs?: number;
}

const pullQuerySchema = z.strictObject({
  schemaVersion: z.string().regex(/^\d{1,9}$/, 'must be a whole number'),
  cursor: z.string().min(1).max(300).optional(),
});

const clientIdSchema = z.uuid();

/** Registers `GET /v1/sync/pull` (protocol.md, "Pull"), behind staff auth. */
export function registerPullRoute(app: FastifyInstance, db: Kysely<Database>, options: PullRouteOptions = {}): void {
  const limits: PullLimits = { ...DEFAULT_PULL_LIMITS, ...options.limits };
  app.get('/v1/sync/pull', { exposeHeadRoute: false, preHandler: requireStaff }, async function pullRoute(request, reply): Promise<void> {
    const principal = staffOf(request);
    const query = parseQuery(request.query);
    const clientId = parseClientId(request.headers['x-client-id']);
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    const opened: { sink?: ResponseSink } = {};
    try {
      await pull(
        db,
        principal,
        { schemaVersion: Number(query.schemaVersion), ...(query.cursor !== undefined && { cursor: query.cursor }), ...(clientId !== undefined && { clientId }) },
        () => (opened.sink = openResponseSink(reply, { gzip, gzipLevel: options.gzipLevel, stallTimeoutMs: options.stallTimeoutMs })),
        limits,
      );
    } catch (error) {
      // Before the headers: an ordinary error response. After: 200 is on the wire, so the only
      // honest signal left is a stream without its end line, which the client discards.
      if (opened.sink === undefined) throw error;
      opened.sink.abort();
      if (!opened.sink.clientGone) request.log.error({ err: error }, 'pull failed mid-stream; response cut off');
    }
  });
}

function parseQuery(query: unknown): z.output<typeof pullQuerySchema> {
  const result = pullQuerySchema.safeParse(query);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    throw new HttpError(400, 'INVALID_REQUEST', `Invalid pull query (${detail}). Send ?schemaVersion=N and, after the first pull, &cursor=C.`);
  }
  return result.data;
}

function parseClientId(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const result = clientIdSchema.safeParse(header);
  if (!result.success) throw new HttpError(400, 'INVALID_REQUEST', 'X-Client-Id must be the client’s UUID, sent once.');
  return result.data;
}
