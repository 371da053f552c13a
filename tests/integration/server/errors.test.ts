import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '../../../electron/shared/protocol/errors';
import { buildServer } from '../../../server/app';
import { migrate, openDatabase, type DbHandle } from '../../../server/db';
import { HttpError, parseBody } from '../../../server/errors';
import { BACKENDS, useTestDatabases } from './backends';

const echoSchema = z.strictObject({ name: z.string().min(1), count: z.number().int() });
const nestedLooseSchema = z.strictObject({ customer: z.object({ name: z.string() }) });

// Outcome of parseBody: 'refused' when the schema itself is refused (a programming error).
function strictness(schema: z.ZodType, body: unknown = {}): 'accepted' | 'refused' {
  try {
    parseBody(schema, body);
    return 'accepted';
  } catch (error) {
    if (error instanceof HttpError) return 'accepted';
    expect(String(error)).toMatch(/parseBody needs a strict schema/);
    return 'refused';
  }
}

describe('parseBody schema strictness', () => {
  const strict = z.strictObject({ name: z.string() });
  const plain = z.object({ name: z.string() });
  const loose = z.looseObject({ name: z.string() });
  const everyWrapper = z.strictObject({
    a: strict.optional(),
    b: strict.nullable(),
    c: z.array(z.tuple([strict], strict)),
    d: z.union([z.string(), strict]),
    e: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('x') }), z.strictObject({ kind: z.literal('y') })]),
    f: z.record(z.string(), strict),
    g: strict.transform((value) => value.name),
    h: z.lazy(() => strict).default({ name: 'x' }),
    i: z.intersection(strict, z.strictObject({ id: z.number() })).readonly(),
  });

  it.each([
    ['z.strictObject', strict],
    ['.strict()', z.object({ name: z.string() }).strict()],
    ['a strict object extended and made partial', strict.extend({ note: z.string() }).partial()],
    ['an array of strict objects', z.array(strict)],
    ['strict objects nested in every kind of wrapper', everyWrapper],
    ['a primitive', z.string()],
  ])('accepts %s', (_name, schema) => {
    expect(strictness(schema)).toBe('accepted');
  });

  it.each([
    ['a plain z.object', plain],
    ['z.looseObject', loose],
    ['an object with a catchall', z.strictObject({}).catchall(z.string())],
    ['a plain object as a field', z.strictObject({ inner: plain })],
    ['a loose object as a field', z.strictObject({ inner: loose })],
    ['a plain object in an array', z.array(plain)],
    ['a plain object behind optional', z.strictObject({ inner: plain.optional() })],
    ['a plain object behind nullable', z.strictObject({ inner: plain.nullable() })],
    ['a plain object in a union', z.strictObject({ inner: z.union([z.string(), plain]) })],
    [
      'a plain object in a discriminated union',
      z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]),
    ],
    ['a plain object as a record value', z.record(z.string(), plain)],
    ['a loose record', z.looseRecord(z.string().regex(/^x/), z.string())],
    ['a plain object in a tuple', z.tuple([z.string(), plain])],
    ['a plain object as a tuple rest', z.tuple([z.string()], plain)],
    ['a plain object before a transform', plain.transform((value) => value.name)],
    ['a plain object after a preprocess', z.preprocess((value) => value, plain)],
    ['a plain object in a pipe', z.string().pipe(z.transform(() => ({}))).pipe(plain)],
    ['a plain object in an intersection', z.intersection(strict, plain)],
    ['a plain object behind lazy', z.strictObject({ inner: z.lazy(() => plain) })],
    ['a plain object behind default', z.strictObject({ inner: plain.default({ name: 'x' }) })],
    ['a plain object behind catch', z.strictObject({ inner: plain.catch({ name: 'x' }) })],
    ['a plain object behind readonly', z.strictObject({ inner: plain.readonly() })],
  ])('refuses %s', (_name, schema) => {
    expect(strictness(schema)).toBe('refused');
  });

  it('says where the loose object is', () => {
    const schema = z.strictObject({ lines: z.array(z.strictObject({ product: plain.optional() })) });
    expect(() => parseBody(schema, {})).toThrow(/body\.lines\[\]\.product is a plain z\.object\(\)/);
  });

  it('handles recursive schemas', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.lazy(() => z.strictObject({ name: z.string(), children: z.array(node) }));
    expect(parseBody(node, { name: 'a', children: [{ name: 'b', children: [] }] })).toEqual({
      name: 'a',
      children: [{ name: 'b', children: [] }],
    });
    const looseNode: z.ZodType<Node> = z.lazy(() =>
      z.strictObject({ name: z.string(), children: z.array(z.object({ name: z.string(), children: z.array(looseNode) })) }),
    );
    expect(strictness(looseNode)).toBe('refused');
  });

  it('walks a schema once, not on every request', () => {
    const inner = z.strictObject({ name: z.string() });
    const schema = z.strictObject({ lines: z.array(inner) });
    const body = { lines: [{ name: 'Kari' }] };
    expect(parseBody(schema, body)).toEqual(body);
    // From here on, count reads of the nested schema's definition: the strictness walk reads
    // it, while zod's own successful parse does not (it compiled what it needs on first use).
    let reads = 0;
    const def = inner._zod.def;
    Object.defineProperty(inner._zod, 'def', {
      configurable: true,
      get() {
        reads += 1;
        return def;
      },
    });
    for (let call = 0; call < 5; call += 1) expect(parseBody(schema, body)).toEqual(body);
    expect(reads).toBe(0);
  });
});

describe.each(BACKENDS)('error responses (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await migrate(handle.db);
    app = buildServer({ db: handle.db, dbKind: handle.kind, version: '0.0.0-test', logLevel: 'silent' });
    // Routes that exist only here, to exercise the helpers later routes will use.
    app.post('/test/echo', async (request) => parseBody(echoSchema, request.body));
    app.post('/test/loose', async (request) => parseBody(z.object({ name: z.string() }), request.body));
    app.post('/test/loose-object', async (request) => parseBody(z.looseObject({ name: z.string() }), request.body));
    app.post('/test/nested-loose', async (request) => parseBody(nestedLooseSchema, request.body));
    app.get('/test/boom', async () => {
      throw new Error('secret detail: password=hunter2');
    });
    app.get('/test/teapot', async () => {
      throw new HttpError(409, 'QUOTE_CLAIMED_BY_OTHER', 'Another consultant has claimed this quote.');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('server has no TCP address');
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  async function post(path: string, body: string, contentType = 'application/json'): Promise<Response> {
    return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  }

  async function errorOf(response: Response): Promise<ErrorBody['error']> {
    return errorBodySchema.parse(await response.json()).error;
  }

  it('accepts a body that matches the schema', async () => {
    const response = await post('/test/echo', JSON.stringify({ name: 'Kari', count: 2 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Kari', count: 2 });
  });

  it('refuses unknown keys with 400 INVALID_REQUEST', async () => {
    const response = await post('/test/echo', JSON.stringify({ name: 'Kari', count: 2, admin: true }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('admin');
  });

  it('refuses wrong types with 400 INVALID_REQUEST naming the field', async () => {
    const response = await post('/test/echo', JSON.stringify({ name: 'Kari', count: 'two' }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('count');
  });

  it('refuses malformed JSON with 400 INVALID_REQUEST', async () => {
    const response = await post('/test/echo', '{"name": ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_REQUEST');
  });

  it('refuses an empty JSON body with 400 INVALID_REQUEST', async () => {
    const response = await post('/test/echo', '');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_REQUEST');
  });

  it('answers an unsupported content type in the error shape', async () => {
    const response = await post('/test/echo', 'name=Kari', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('passes an HttpError through with its status, code and message', async () => {
    const response = await fetch(`${url}/test/teapot`);
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toEqual({
      code: 'QUOTE_CLAIMED_BY_OTHER',
      message: 'Another consultant has claimed this quote.',
    });
  });

  it('turns an unexpected error into 500 INTERNAL without leaking its detail', async () => {
    const response = await fetch(`${url}/test/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    const error = errorBodySchema.parse(JSON.parse(text)).error;
    expect(error.code).toBe('INTERNAL');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('errors.test');
  });

  it('refuses to validate with a non-strict schema (a programming error, so 500)', async () => {
    const response = await post('/test/loose', JSON.stringify({ name: 'Kari' }));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).code).toBe('INTERNAL');
  });

  it('refuses to validate with z.looseObject() too (500, not the key passed through)', async () => {
    const response = await post('/test/loose-object', JSON.stringify({ name: 'Kari', admin: true }));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).code).toBe('INTERNAL');
  });

  it('refuses to validate with a plain z.object() nested in a strict one (500)', async () => {
    const response = await post('/test/nested-loose', JSON.stringify({ customer: { name: 'Kari', admin: true } }));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).code).toBe('INTERNAL');
  });

  it('answers a malformed URL in the error shape', async () => {
    const response = await fetch(`${url}/v1/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_REQUEST');
  });
});
