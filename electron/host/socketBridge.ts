import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { bridgeErrorCodes, fail } from '../shared/ipc/result';
import { bridgeSocketPath, wireRequestSchema, type WireMessage } from '../shared/ipc/wire';
import type { EventHub } from '../core/events';
import type { Router } from '../core/router';

/** Largest message accepted from a page: calls are small; anything bigger is abuse or a bug. */
const maxMessageBytes = 1024 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The guard for one upgrade request: the right path, the host's own origin, the secret. */
export function checkUpgrade(request: IncomingMessage, origin: string, token: string): { status: number; reason: string } | null {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', origin);
  } catch {
    // A request target no URL parser accepts: answered, never thrown, so it cannot crash the host.
    return { status: 400, reason: 'Bad Request' };
  }
  if (url.pathname !== bridgeSocketPath) return { status: 404, reason: 'Not Found' };
  // Browsers always send Origin on WebSocket upgrades: another page's origin is refused even
  // if it learnt the secret; a non-browser process without the secret is refused below.
  if (request.headers.origin !== origin) return { status: 403, reason: 'Forbidden' };
  if (!sameSecret(url.searchParams.get('token') ?? '', token)) return { status: 401, reason: 'Unauthorized' };
  return null;
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8');
  return data.toString('utf8');
}

function parseRequest(data: RawData): { id: number | null; name: string; input: unknown } | { id: number | null; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(rawToText(data));
  } catch {
    return { id: null, error: 'The message is not JSON.' };
  }
  const request = wireRequestSchema.safeParse(json);
  if (request.success) return request.data;
  const id = typeof json === 'object' && json !== null && 'id' in json && Number.isInteger(json.id) ? Number(json.id) : null;
  return { id, error: 'The message is not a bridge request {id, name, input}.' };
}

/**
 * Binds the router to WebSockets of the browser host: the same router Electron's IPC uses,
 * so the end-to-end tests exercise the real core and contract.
 */
export function createSocketBridge(router: Router, events: EventHub, origin: string, token: string): {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  function sendTo(ws: WebSocket, message: WireMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  wss.on('connection', (ws) => {
    // An oversized or malformed frame makes ws emit 'error'; unhandled, it would end the process.
    ws.on('error', () => ws.terminate());
    const unsubscribe = events.subscribe((name, payload) => sendTo(ws, { kind: 'event', name, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      const request = parseRequest(data);
      if ('error' in request) {
        sendTo(ws, { kind: 'result', id: request.id, result: fail(bridgeErrorCodes.badMessage, request.error) });
        return;
      }
      void router.dispatch(request.name, request.input).then((result) => sendTo(ws, { kind: 'result', id: request.id, result }));
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const refusal = checkUpgrade(request, origin, token);
      if (refusal) return refuse(socket, refusal.status, refusal.reason);
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
