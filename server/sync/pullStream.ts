import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { PullSink } from './pull';

/** How the response is written. */
export interface ResponseSinkOptions {
  gzip: boolean;
  /** zlib level; low, because the stream is large and CPU bound. Default 3. */
  gzipLevel?: number;
  /** A client that takes nothing for this long is cut off, so it cannot hold a snapshot open. Default 60 s. */
  stallTimeoutMs?: number;
}

/** A pull sink on an HTTP response, plus the means to cut the response off. */
export interface ResponseSink extends PullSink {
  /** Cuts the connection without finishing the body: the client sees a truncated stream, never an end line. */
  abort(): void;
  /** True once the client has gone away (then a failed write is no server error). */
  readonly clientGone: boolean;
}

/**
 * Takes the response over from Fastify, sends 200 NDJSON headers and returns a sink that writes
 * to it (through gzip when asked), waiting for 'drain' whenever the socket is full.
 */
export function openResponseSink(reply: FastifyReply, options: ResponseSinkOptions): ResponseSink {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'cache-control': 'no-store',
    vary: 'Accept-Encoding',
    ...(options.gzip && { 'content-encoding': 'gzip' }),
  });
  // Headers now, not with gzip's first output: the client learns at once that the pull started.
  raw.flushHeaders();
  const gzip = options.gzip ? createGzip({ level: options.gzipLevel ?? 3 }) : undefined;
  if (gzip !== undefined) {
    gzip.pipe(raw);
    // pipe() does not pass errors on; a broken gzip stream must not end the response cleanly.
    gzip.on('error', () => raw.destroy());
  }
  const target: Writable = gzip ?? raw;
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  let gone = false;
  raw.on('close', () => {
    if (!raw.writableFinished) gone = true;
  });

  return {
    get clientGone() {
      return gone;
    },
    async write(chunk) {
      if (gone || raw.destroyed) throw new ClientGoneError();
      if (!target.write(chunk)) await drained(target, raw, stallTimeoutMs);
    },
    async end() {
      target.end();
    },
    abort() {
      gzip?.destroy();
      // Close the connection after what was already written (so the client sees a 200 whose
      // body breaks off, not a reset with nothing), but without the chunked terminator that
      // would make the truncated body look complete. A client that reads nothing is cut hard.
      const socket = raw.socket;
      if (socket === null || socket.destroyed) {
        raw.destroy();
        return;
      }
      socket.end();
      setTimeout(() => socket.destroy(), 5_000).unref();
    },
  };
}

/** The client closed the connection before the pull was written. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection during the pull');
    this.name = 'ClientGoneError';
  }
}

// Resolves on 'drain'; rejects when the response closes first or the client stalls.
function drained(target: Writable, raw: Writable, stallTimeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`The client took no data for ${stallTimeoutMs} ms`)), stallTimeoutMs);
    function settle(error?: Error): void {
      clearTimeout(timer);
      target.off('drain', onDrain);
      raw.off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    }
    function onDrain(): void {
      settle();
    }
    function onClose(): void {
      settle(new ClientGoneError());
    }
    target.on('drain', onDrain);
    raw.on('close', onClose);
  });
}

/** Whether an Accept-Encoding header allows gzip (named, or by `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    const allowed = q === undefined || Number(q) > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return allowed;
    if (name.trim() === '*') wildcard = allowed;
  }
  return wildcard;
}
