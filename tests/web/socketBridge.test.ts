import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/shared/ipc/channels';
import type { AppInfo, CoreStatus } from '../../electron/shared/ipc/contract';
import { bridgeErrorCodes, fail, routerErrorCodes } from '../../electron/shared/ipc/result';
import { bridgeSocketPath, wireRequestSchema, type WireMessage, type WireRequest } from '../../electron/shared/ipc/wire';
import {
  createSocketBridge,
  type ConnectionState,
  type RetryPolicy,
  type SocketBridge,
} from '../../src/bridge/socketBridge';
import { NodeWebSocket, NodeWebSocketServer, type ServerSocket } from './support/nodeWs.js';

// A real `ws` server speaking the wire protocol, and the bridge on `ws`'s client (Node 20 has
// no global WebSocket). Short retry delays keep the reconnect tests fast.
const fastRetry: RetryPolicy = { firstDelayMs: 20, maxDelayMs: 100, maxRefusals: 5 };

const info: AppInfo = { name: 'Lysdesk', version: '9.9.9', runtime: 'browser-host' };
const status: CoreStatus = {
  state: 'ready',
  startedAt: '2026-05-04T08:00:00.000Z',
  server: { url: 'http://127.0.0.1:8787', reachable: true, version: '0.1.0', db: 'pglite', checkedAt: '2026-05-04T08:00:01.000Z' },
};

/** What the test host can send: a wire message, or raw text or bytes to test the parser. */
type Outgoing = WireMessage | string | Uint8Array;
type RequestHandler = (request: WireRequest, reply: (message: Outgoing) => void) => void;

/** Answers the contract's calls at once, like the real host. */
const answerAtOnce: RequestHandler = (request, reply) => {
  const value = request.name === 'app.getInfo' ? info : status;
  reply({ kind: 'result', id: request.id, result: { ok: true, value } });
};

/** A stand-in for the browser host's socket: same path, same secret check, same messages. */
interface TestHost {
  origin: string;
  /** The secret upgrades must carry; changing it is what a host restart looks like to a tab. */
  token: string;
  /** Upgrade requests seen, refused or not. */
  attempts: number;
  /** Requests received, in order. */
  requests: WireRequest[];
  /** Held back before an upgrade is accepted, to keep the bridge in `connecting`. */
  upgradeDelayMs: number;
  onRequest: RequestHandler;
  /** Sends to every connected page. */
  broadcast(message: Outgoing): void;
  /** Closes every page's socket from the server side. */
  dropClients(): void;
  close(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function startTestHost(): Promise<TestHost> {
  function send(ws: ServerSocket, message: Outgoing): void {
    ws.send(typeof message === 'string' || message instanceof Uint8Array ? message : JSON.stringify(message));
  }

  const host: TestHost = {
    origin: '',
    token: 'secret-one',
    attempts: 0,
    requests: [],
    upgradeDelayMs: 0,
    onRequest: answerAtOnce,
    broadcast(message) {
      for (const ws of wss.clients) send(ws, message);
    },
    dropClients() {
      for (const ws of wss.clients) ws.close();
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  const wss = new NodeWebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient({ req }, done) {
      host.attempts += 1;
      const url = new URL(req.url ?? '/', host.origin);
      if (url.pathname !== bridgeSocketPath || url.searchParams.get('token') !== host.token) {
        done(false, 401, 'Unauthorized');
        return;
      }
      setTimeout(() => done(true), host.upgradeDelayMs);
    },
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const request = wireRequestSchema.parse(JSON.parse(new TextDecoder().decode(data)));
      host.requests.push(request);
      host.onRequest(request, (message) => send(ws, message));
    });
  });

  await new Promise<void>((resolve) => wss.on('listening', resolve));
  host.origin = `http://127.0.0.1:${wss.address().port}`;
  return host;
}

/** Waits until `check` holds, polling; fails the test with `what` after two seconds. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

let host: TestHost;
const bridges: SocketBridge[] = [];

function openBridge(retry: RetryPolicy = fastRetry, token = host.token): SocketBridge {
  const bridge = createSocketBridge(host.origin, token, NodeWebSocket, retry);
  bridges.push(bridge);
  return bridge;
}

/** Records every state the bridge reports, from now on. */
function recordStates(bridge: SocketBridge): ConnectionState[] {
  const states: ConnectionState[] = [];
  bridge.onConnectionChange((state) => states.push(state));
  return states;
}

beforeEach(async () => {
  host = await startTestHost();
});

afterEach(async () => {
  for (const bridge of bridges.splice(0)) bridge.close();
  await host.close();
});

describe('socket bridge calls', () => {
  it('makes a call made while connecting wait for the socket, then succeed', async () => {
    host.upgradeDelayMs = 100;
    const bridge = openBridge();
    expect(bridge.getConnectionState()).toBe('connecting');
    const result = await bridge.call('app.getInfo', {});
    expect(result).toEqual({ ok: true, value: info });
    expect(bridge.getConnectionState()).toBe('open');
    expect(host.attempts).toBe(1);
  });

  it('hands answers that arrive out of order to the right callers', async () => {
    const held: WireRequest[] = [];
    host.onRequest = (request, reply) => {
      held.push(request);
      if (held.length < 3) return;
      // Answer the last request first: each caller must still get its own answer.
      for (const r of [...held].reverse()) answerAtOnce(r, reply);
    };
    const bridge = openBridge();
    const [a, b, c] = await Promise.all([
      bridge.call('core.getStatus', {}),
      bridge.call('app.getInfo', {}),
      bridge.call('core.getStatus', {}),
    ]);
    expect(a).toEqual({ ok: true, value: status });
    expect(b).toEqual({ ok: true, value: info });
    expect(c).toEqual({ ok: true, value: status });
    expect(new Set(held.map((r) => r.id)).size).toBe(3);
  });

  it('passes a failed result on as it came', async () => {
    host.onRequest = (request, reply) => reply({ kind: 'result', id: request.id, result: fail('INVALID_INPUT', 'no') });
    const bridge = openBridge();
    expect(await bridge.call('app.getInfo', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'no' } });
  });

  it('refuses a name outside the contract without asking the host', async () => {
    const bridge = openBridge();
    const result = await bridge.call('no.such' as CallName, {});
    expect(result).toMatchObject({ ok: false, error: { code: routerErrorCodes.unknownChannel } });
    expect(host.requests).toEqual([]);
  });

  it('settles pending calls with BRIDGE_DISCONNECTED when the host closes the socket', async () => {
    host.onRequest = () => undefined;
    const bridge = openBridge();
    const calls = [bridge.call('app.getInfo', {}), bridge.call('core.getStatus', {})];
    await until(() => host.requests.length === 2, 'both requests');
    host.dropClients();
    for (const result of await Promise.all(calls)) {
      expect(result).toMatchObject({ ok: false, error: { code: bridgeErrorCodes.disconnected } });
    }
  });

  it('fails pending calls and stops for good on close()', async () => {
    host.onRequest = () => undefined;
    const bridge = openBridge();
    const call = bridge.call('app.getInfo', {});
    await until(() => host.requests.length === 1, 'the request');
    bridge.close();
    expect(await call).toMatchObject({ ok: false, error: { code: bridgeErrorCodes.disconnected } });
    expect(bridge.getConnectionState()).toBe('closed');
    await sleep(300);
    expect(host.attempts).toBe(1);
  });
});

describe('socket bridge connection', () => {
  it('reconnects after the socket drops, reporting each state in order, and calls work again', async () => {
    // A longer first delay leaves time to call while the socket is down.
    const bridge = openBridge({ ...fastRetry, firstDelayMs: 200 });
    const states = recordStates(bridge);
    await until(() => states.includes('open'), 'the first open');
    expect(await bridge.call('app.getInfo', {})).toEqual({ ok: true, value: info });

    host.dropClients();
    await until(() => states.includes('closed'), 'the close');
    // Down: a call fails at once rather than hanging until the socket is back.
    expect(await bridge.call('app.getInfo', {})).toMatchObject({ ok: false, error: { code: bridgeErrorCodes.disconnected } });

    await until(() => states.length === 4, 'the reconnect');
    expect(states).toEqual(['open', 'closed', 'connecting', 'open']);
    expect(await bridge.call('core.getStatus', {})).toEqual({ ok: true, value: status });
    expect(host.attempts).toBe(2);
  });

  it('gives up with `failed` after repeated refusals, and stops trying', async () => {
    const bridge = openBridge(fastRetry, 'a-stale-secret');
    const states = recordStates(bridge);
    await until(() => bridge.getConnectionState() === 'failed', 'failed');
    expect(host.attempts).toBe(fastRetry.maxRefusals);
    expect(states).toEqual([
      ...Array.from({ length: fastRetry.maxRefusals - 1 }, () => ['closed', 'connecting']).flat(),
      'failed',
    ]);
    expect(await bridge.call('app.getInfo', {})).toMatchObject({ ok: false, error: { code: bridgeErrorCodes.disconnected } });
    // Ten times the longest backoff: no attempt may follow.
    await sleep(1_000);
    expect(host.attempts).toBe(fastRetry.maxRefusals);
    expect(bridge.getConnectionState()).toBe('failed');
  });

  it('gives up when a restarted host, with a new secret, refuses an open tab', async () => {
    const bridge = openBridge();
    const states = recordStates(bridge);
    await until(() => states.includes('open'), 'open');
    host.token = 'secret-after-restart';
    host.dropClients();
    await until(() => bridge.getConnectionState() === 'failed', 'failed');
    // The attempt that had opened does not count as a refusal: five more were refused.
    expect(host.attempts).toBe(1 + fastRetry.maxRefusals);
    expect(states).toEqual([
      'open',
      'closed',
      ...Array.from({ length: fastRetry.maxRefusals - 1 }, () => ['connecting', 'closed']).flat(),
      'connecting',
      'failed',
    ]);
  });

  it('counts refusals only in a row: an open in between starts the count again', async () => {
    const bridge = openBridge();
    await until(() => bridge.getConnectionState() === 'open', 'open');
    for (let round = 0; round < 2; round += 1) {
      host.token = 'wrong';
      host.dropClients();
      // Let some, but fewer than five, attempts be refused, then accept again.
      const before = host.attempts;
      await until(() => host.attempts >= before + fastRetry.maxRefusals - 2, 'refusals');
      host.token = 'secret-one';
      await until(() => bridge.getConnectionState() === 'open', 'open again');
    }
    expect(await bridge.call('app.getInfo', {})).toEqual({ ok: true, value: info });
  });
});

describe('socket bridge events and bad messages', () => {
  it('delivers events to subscribed listeners, and not after unsubscribe', async () => {
    const bridge = openBridge();
    const first: CoreStatus[] = [];
    const second: CoreStatus[] = [];
    const stopFirst = bridge.on('core.statusChanged', (payload) => first.push(payload));
    bridge.on('core.statusChanged', (payload) => second.push(payload));
    await until(() => bridge.getConnectionState() === 'open', 'open');

    host.broadcast({ kind: 'event', name: 'core.statusChanged', payload: status });
    await until(() => first.length === 1 && second.length === 1, 'the first event');
    stopFirst();
    const later: CoreStatus = { ...status, state: 'starting' };
    host.broadcast({ kind: 'event', name: 'core.statusChanged', payload: later });
    // Messages keep their order on one socket: once this answer is in, the event was handled.
    expect(await bridge.call('app.getInfo', {})).toMatchObject({ ok: true });
    expect(first).toEqual([status]);
    expect(second).toEqual([status, later]);
  });

  it('ignores malformed messages and keeps working', async () => {
    let pendingId = -1;
    host.onRequest = (request) => {
      pendingId = request.id;
    };
    const bridge = openBridge();
    const heard: unknown[] = [];
    bridge.on('core.statusChanged', (payload) => heard.push(payload));
    const call = bridge.call('app.getInfo', {});
    await until(() => pendingId >= 0, 'the request');

    host.broadcast('not json');
    host.broadcast('null');
    host.broadcast('{}');
    host.broadcast(new TextEncoder().encode(JSON.stringify({ kind: 'result', id: pendingId, result: { ok: true, value: 'binary' } })));
    host.broadcast(JSON.stringify({ kind: 'result', id: pendingId, result: { ok: 'yes' } }));
    host.broadcast(JSON.stringify({ kind: 'result', id: pendingId, result: { ok: true, value: 1 }, extra: 1 }));
    host.broadcast(JSON.stringify({ kind: 'shout', id: pendingId }));
    host.broadcast({ kind: 'result', id: null, result: fail(bridgeErrorCodes.badMessage, 'unreadable') });
    host.broadcast({ kind: 'result', id: 99_999, result: { ok: true, value: 'nobody asked' } });
    host.broadcast({ kind: 'event', name: 'no.such', payload: status });
    host.broadcast('{"kind":"event","name":"core.statusChanged","payload":1,"extra":2}');

    // The real answer still reaches the caller, and nothing above was taken for it.
    host.broadcast({ kind: 'result', id: pendingId, result: { ok: true, value: info } });
    expect(await call).toEqual({ ok: true, value: info });
    expect(heard).toEqual([]);
    expect(bridge.getConnectionState()).toBe('open');

    host.onRequest = answerAtOnce;
    expect(await bridge.call('core.getStatus', {})).toEqual({ ok: true, value: status });
  });
});
