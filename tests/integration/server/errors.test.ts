import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '../../../electron/shared/protocol/errors';
import { buildServer } from '../../../server/app';
import { migrate, openDatabase, type DbHandle } from '../../../server/db';
import { HttpError, parseBody } from '../../../server/errors';
import { BACKENDS, useTestDatabases } from './backends';

const echoSchema = z.strictObject({ name: z.string().min(1), count: z.number().int() });

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

  it('answers a malformed URL in the error shape', async () => {
    const response = await fetch(`${url}/v1/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INVALID_REQUEST');
  });
});
