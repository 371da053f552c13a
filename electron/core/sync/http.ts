import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createGunzip } from 'node:zlib';
import { errorBodySchema } from '../../shared/protocol/errors';

/** The service answered with an error (or not at all); `code` is its error code or a network one. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  /** The request never got an answer: offline, server down, timeout. */
  get offline(): boolean {
    return this.status === 0;
  }
}

/** One HTTP request to the staff service. */
export interface ServiceRequest {
  baseUrl: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Ask for a gzipped answer. Default: yes, except over loopback. */
  compress?: boolean;
  /** No answer (headers) within this time is a network failure. Default 15 s. */
  timeoutMs?: number;
}

/**
 * Sends `req` and resolves with the response once its headers arrive: the body as an (inflated)
 * stream for a 2xx, else a {@link SyncHttpError} carrying the service's own code and message.
 */
export function openResponse(req: ServiceRequest): Promise<{ status: number; body: AsyncIterable<Buffer> }> {
  const url = new URL(req.path, req.baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: req.method,
        headers: { ...((req.compress ?? !isLoopback(url)) && { 'accept-encoding': 'gzip' }), ...(req.body !== undefined && { 'content-type': 'application/json' }), ...req.headers },
        ...(req.signal !== undefined && { signal: req.signal }),
        timeout: req.timeoutMs ?? 15_000,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const body = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
        if (res.headers['content-encoding'] === 'gzip') res.on('error', (error) => body.destroy(error));
        if (status >= 200 && status < 300) resolve({ status, body });
        else readError(status, res, body).then(reject, reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${req.timeoutMs ?? 15_000} ms`)));
    outgoing.on('error', (error) => reject(new SyncHttpError(0, 'NETWORK', `The server could not be reached (${error.message}).`)));
    outgoing.end(req.body);
  });
}

/**
 * Whether `url` is this machine. Compression pays on a real network and costs CPU on both ends
 * (on a size-M snapshot it cut the loopback ingest rate by a seventh); over loopback (the
 * embedded demo backend, a service beside the app) there is no network to save.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Sends a JSON request and returns the parsed JSON answer (a 2xx), else throws {@link SyncHttpError}. */
export async function requestJson(req: ServiceRequest): Promise<unknown> {
  const { body } = await openResponse(req);
  const text = await readAll(body, 10 * 1024 * 1024);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncHttpError(502, 'BAD_RESPONSE', 'The server answered with something that is not JSON.');
  }
}

async function readError(status: number, res: IncomingMessage, body: AsyncIterable<Buffer>): Promise<SyncHttpError> {
  let text = '';
  try {
    text = await readAll(body, 64 * 1024);
  } catch {
    res.destroy();
  }
  let parsed: ReturnType<typeof errorBodySchema.safeParse> | undefined;
  try {
    parsed = errorBodySchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success === true) return new SyncHttpError(status, parsed.data.error.code, parsed.data.error.message);
  return new SyncHttpError(status, `HTTP_${status}`, `The server answered ${status} without an explanation.`);
}

async function readAll(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new SyncHttpError(502, 'BAD_RESPONSE', 'The server’s answer is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
