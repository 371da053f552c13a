import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { tokenResponseSchema, type TokenResponse } from '../../../electron/shared/protocol/auth';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';

// The HTTP side of the server tests, shared by every fixture: a test service listening on
// loopback, requests over real connections (JSON, raw text, raw bytes), staff logins, and checks
// of the protocol's error shape.

/** Where a test service listens: all a request needs. */
export interface Listening {
  port: number;
}

/** A test service on loopback; `close()` is idempotent and closes the database after the app. */
export interface ListeningService extends Listening {
  url: string;
  close(): Promise<void>;
}

/** Lets `app` listen on a free loopback port; closing it closes the app, then `closeDb`. */
export async function listenOnLoopback(app: FastifyInstance, closeDb: () => Promise<void>): Promise<ListeningService> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= app.close().then(closeDb);
      return closing;
    },
  };
}

/** A raw HTTP answer; `aborted` when the connection broke before the body was complete. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  aborted: boolean;
}

/** An HTTP answer, body parsed when JSON. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * One HTTP request over a fresh loopback connection; the body is kept as bytes (no
 * decompression). A `body` goes as JSON; `from` picks the client's loopback address (127.0.0.x).
 */
export function rawRequest(
  instance: Listening,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: instance.port, method, path, headers, agent: false, ...(options.from !== undefined && { localAddress: options.from }) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        // A body cut off mid-way ends in 'error' (aborted) and leaves `complete` false.
        res.on('error', () => undefined);
        const done = (): void => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: !res.complete });
        res.on('close', done);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends `body` as JSON (with `token` as bearer); the answer's body is parsed when it says it is JSON. */
export async function call(
  instance: Listening,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; from?: string } = {},
): Promise<Answer> {
  const raw = await rawRequest(instance, method, path, {
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.token !== undefined && { headers: { authorization: `Bearer ${options.token}` } }),
    ...(options.from !== undefined && { from: options.from }),
  });
  const text = completeText(raw, method, path);
  const json = (raw.headers['content-type'] ?? '').startsWith('application/json');
  return { status: raw.status, headers: raw.headers, body: json && text !== '' ? (JSON.parse(text) as unknown) : text };
}

/**
 * Sends `text` as it is, as a client with a broken serializer might (with `token` as bearer);
 * the answer's body is parsed whenever it is JSON, else left as text for the assertion to show.
 * A GET sends no body, but still says JSON when given `text`.
 */
export async function send(instance: Listening, method: 'GET' | 'POST', path: string, options: { text?: string; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.text !== undefined) headers['content-type'] = 'application/json';
  const raw = await rawRequest(instance, method, path, { headers, ...(method === 'POST' && options.text !== undefined && { body: options.text }) });
  const text = completeText(raw, method, path);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: raw.status, headers: raw.headers, body };
}

function completeText(raw: RawAnswer, method: string, path: string): string {
  if (raw.aborted) throw new Error(`The answer to ${method} ${path} was cut off (status ${raw.status})`);
  return raw.body.toString('utf8');
}

/** `POST /v1/auth/login`, from loopback address `from` if given. */
export function login(instance: Listening, username: string, password: string, from?: string): Promise<Answer> {
  return call(instance, 'POST', '/v1/auth/login', { body: { username, password }, ...(from !== undefined && { from }) });
}

/** Logs `username` in, expects 200 and returns the checked token response. */
export async function tokensFor(instance: Listening, username: string, password: string): Promise<TokenResponse> {
  const answer = await login(instance, username, password);
  expect(answer.status, `login of ${username}: ${JSON.stringify(answer.body)}`).toBe(200);
  return tokenResponseSchema.parse(answer.body);
}

/** Logs `username` in; returns the access token. */
export async function accessTokenFor(instance: Listening, username: string, password: string): Promise<string> {
  return (await tokensFor(instance, username, password)).accessToken;
}

/** The error code of an error answer (undefined when the body is not the error shape). */
export function codeOf(answer: Answer): string | undefined {
  const body = answer.body;
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Expects `answer` to be the error `code` with `status`, in the protocol's error shape. */
export function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(errorBodySchema.parse(answer.body).error.code).toBe(code);
}

/** Expects `status` and returns the body. */
export function expectStatus(answer: Answer, status: number): unknown {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}
