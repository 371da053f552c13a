import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ErrorBody } from '../electron/shared/protocol/errors';

/** An error a route means to send: its status, code and message reach the client as they are. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

/** The protocol's error body for `code` and `message`. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/**
 * Validates a request body with a strict zod schema; any mismatch is a 400 `INVALID_REQUEST`.
 * Every object the schema can reach must be strict (see {@link findLooseObject}); a schema that
 * is not throws a plain Error (so a 500): that is a bug in the route, not in the request.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  assertStrictSchema(schema);
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(400, 'INVALID_REQUEST', `Invalid request body: ${describeIssues(result.error)}`);
  }
  return result.data;
}

// The verdict per schema object: null when strict, else where the first loose object is.
// Schemas are module constants, so each is walked once, not on every request.
const strictnessVerdicts = new WeakMap<z.core.$ZodType, string | null>();

function assertStrictSchema(schema: z.core.$ZodType): void {
  let verdict = strictnessVerdicts.get(schema);
  if (verdict === undefined) {
    verdict = findLooseObject(schema, 'body', new Set()) ?? null;
    strictnessVerdicts.set(schema, verdict);
  }
  if (verdict !== null) {
    throw new Error(
      `parseBody needs a strict schema, but ${verdict}. The protocol refuses unknown keys: declare ` +
        'every object of a request body with z.strictObject() (or .strict()).',
    );
  }
}

// A plain z.object() silently drops unknown keys and z.looseObject() keeps them; the protocol
// says they are a 400. So every object reachable from the schema needs the catchall z.never()
// that z.strictObject() and .strict() set. Returns where the first other object is, if any.
function findLooseObject(schema: z.core.$ZodType, path: string, seen: Set<z.core.$ZodType>): string | undefined {
  // A recursive schema (z.lazy, getters) comes back to itself: its first visit decides.
  if (seen.has(schema)) return undefined;
  seen.add(schema);
  const inner = innerSchemas(schema, path);
  if (typeof inner === 'string') return inner;
  for (const [child, childPath] of inner) {
    const found = findLooseObject(child, childPath, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

// The schemas a value of `schema` is also checked against, each with its place in the body;
// or, for an object or record that lets unknown keys through, what is wrong with it.
function innerSchemas(schema: z.core.$ZodType, path: string): string | Array<[z.core.$ZodType, string]> {
  if (schema instanceof z.core.$ZodObject) {
    const { shape, catchall } = schema._zod.def;
    if (catchall === undefined) return `${path} is a plain z.object(), which drops unknown keys`;
    if (!(catchall instanceof z.core.$ZodNever)) return `${path} is an object that lets unknown keys through`;
    return Object.entries(shape).map(([key, value]) => [value, `${path}.${key}`]);
  }
  if (schema instanceof z.core.$ZodRecord) {
    const { mode, valueType } = schema._zod.def;
    if (mode === 'loose') return `${path} is a z.looseRecord(), which lets keys that fail its key schema through`;
    return [[valueType, `${path}[key]`]];
  }
  if (schema instanceof z.core.$ZodArray) return [[schema._zod.def.element, `${path}[]`]];
  if (schema instanceof z.core.$ZodTuple) {
    const { items, rest } = schema._zod.def;
    const entries = items.map((item, index): [z.core.$ZodType, string] => [item, `${path}[${index}]`]);
    return rest === null ? entries : [...entries, [rest, `${path}[rest]`]];
  }
  // Discriminated unions are unions too (their class extends $ZodUnion).
  if (schema instanceof z.core.$ZodUnion) {
    return schema._zod.def.options.map((option, index): [z.core.$ZodType, string] => [
      option,
      `${path} (union option ${index + 1})`,
    ]);
  }
  if (schema instanceof z.core.$ZodIntersection) {
    return [
      [schema._zod.def.left, path],
      [schema._zod.def.right, path],
    ];
  }
  // .transform(), z.preprocess() and codecs are pipes; a transform itself checks no keys.
  if (schema instanceof z.core.$ZodPipe) {
    return [
      [schema._zod.def.in, path],
      [schema._zod.def.out, path],
    ];
  }
  if (schema instanceof z.core.$ZodLazy) return [[schema._zod.innerType, path]];
  if (
    schema instanceof z.core.$ZodOptional ||
    schema instanceof z.core.$ZodNullable ||
    schema instanceof z.core.$ZodDefault ||
    schema instanceof z.core.$ZodPrefault ||
    schema instanceof z.core.$ZodNonOptional ||
    schema instanceof z.core.$ZodCatch ||
    schema instanceof z.core.$ZodReadonly ||
    schema instanceof z.core.$ZodSuccess ||
    schema instanceof z.core.$ZodPromise
  ) {
    return [[schema._zod.def.innerType, path]];
  }
  // Strings, numbers, enums, literals …: nothing inside that could hold keys.
  return [];
}

const INTERNAL_MESSAGE = 'Something went wrong on the server. Try again; if it keeps happening, contact support.';

// Codes for the 4xx errors Fastify raises itself (bad JSON, wrong content type, too large …).
const CLIENT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'INVALID_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Makes every error response of `app` (routes, validation, parsing, 404) the protocol's shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(function handleError(error: unknown, request, reply) {
    if (error instanceof HttpError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(error.status).send(errorBody(error.code, error.message));
    }
    const clientStatus = clientErrorStatus(error);
    if (clientStatus !== undefined && error instanceof Error) {
      return reply.code(clientStatus).send(errorBody(CLIENT_ERROR_CODES[clientStatus] ?? 'INVALID_REQUEST', error.message));
    }
    // Unexpected: log everything, send nothing of it (stack traces and SQL help attackers).
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody('INTERNAL', INTERNAL_MESSAGE));
  });

  app.setNotFoundHandler(function handleNotFound(request, reply) {
    const path = request.url.split('?')[0] ?? request.url;
    return reply
      .code(404)
      .send(errorBody('NOT_FOUND', `There is no ${request.method} ${path} on this service. Check the path and method.`));
  });
}

/** For Fastify's `frameworkErrors`: malformed URLs and the like, before routing. */
export function handleFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send(errorBody('INVALID_REQUEST', error.message));
}

/** For Fastify's `clientErrorHandler`: requests too malformed to parse as HTTP at all. */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT']
        : [400, 'Bad Request', 'INVALID_REQUEST'];
  const body = JSON.stringify(errorBody(code, `The request could not be read (${reason}).`));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

// Fastify's own request errors (schema validation, body parsing) carry a 4xx `statusCode`.
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('validation' in error && error.validation !== undefined) return 400;
  const status = 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
