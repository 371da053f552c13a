import { isCallName, isEventName, type CallName, type EventName } from '../../electron/shared/ipc/channels';
import type { Bridge, CallInput, CallOutput, EventPayload } from '../../electron/shared/ipc/contract';
import { bridgeErrorCodes, fail, routerErrorCodes, type IpcResult } from '../../electron/shared/ipc/result';
import { bridgeSocketPath, wireMessageSchema, type WireRequest } from '../../electron/shared/ipc/wire';

/**
 * Where the connection to the core stands. `closed`: the socket is down and, unless the bridge
 * itself was closed, a new attempt is due; `failed`: the bridge has given up (see
 * `RetryPolicy.maxRefusals`) and stays down.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'failed';

/** The part of the WebSocket API the bridge uses: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** A WebSocket class, such as the browser's `WebSocket`. */
export type SocketConstructor = new (url: string) => SocketLike;

/** How the bridge retries a lost socket. */
export interface RetryPolicy {
  /** Wait before the first new attempt; doubled after each attempt up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Attempts in a row that close without ever opening (refusals), after which the bridge gives up. */
  maxRefusals: number;
}

/** The socket bridge: the `Bridge` plus its connection state, which the renderer shows. */
export interface SocketBridge extends Bridge {
  /** The connection's state now. */
  getConnectionState(): ConnectionState;
  /** Calls `listener` on every later change of state, in order; returns the unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good: pending calls fail, and no new attempt is made. */
  close(): void;
}

type Pending = (result: IpcResult<unknown>) => void;

const defaultRetry: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 5_000, maxRefusals: 5 };

/** Answers a call gets when the socket is down; the renderer shows its message. */
const disconnected = fail(bridgeErrorCodes.disconnected, 'The connection to the app core was lost.');

/**
 * The bridge over the browser host's WebSocket, for running the renderer in a plain browser.
 * Calls made while the socket is opening wait for it; a lost socket fails pending calls and is
 * reopened with backoff, which bridges a dropped connection to the same running host. It does
 * not survive a host restart: the new host has a new secret and usually a new port, so every
 * attempt closes before opening (401, or nothing listening). After `maxRefusals` such attempts
 * in a row the bridge reports `failed` and stops trying.
 */
export function createSocketBridge(
  baseUrl: string,
  token: string,
  // A parameter so tests in Node 20, which has no global WebSocket, can pass `ws`'s.
  WebSocketClass: SocketConstructor = globalThis.WebSocket,
  retry: RetryPolicy = defaultRetry,
): SocketBridge {
  const url = new URL(bridgeSocketPath, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  // Calls made while connecting, woken when the attempt opens or fails.
  let waiting: (() => void)[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let refusals = 0;
  let delayMs = retry.firstDelayMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closedForGood = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    if (next !== 'connecting') {
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    }
    for (const listener of [...stateListeners]) listener(next);
  }

  function failPending(): void {
    const settles = [...pending.values()];
    pending.clear();
    for (const settle of settles) settle(disconnected);
  }

  function connect(): void {
    retryTimer = undefined;
    const ws = new WebSocketClass(url.href);
    socket = ws;
    let opened = false;
    setState('connecting');
    // Each handler checks that its socket is still the current one: a socket closed by
    // `close()` or replaced by a new attempt must not touch the bridge any more.
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      opened = true;
      refusals = 0;
      delayMs = retry.firstDelayMs;
      setState('open');
    });
    ws.addEventListener('message', (event) => {
      if (socket === ws) handleMessage(event.data);
    });
    // The close event that follows does the work; the `ws` package throws on an unheard error.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      failPending();
      if (!opened) refusals += 1;
      if (refusals >= retry.maxRefusals) {
        setState('failed');
        return;
      }
      // Scheduled before the listeners run, so a throwing listener cannot stop the reconnect.
      retryTimer = setTimeout(connect, delayMs);
      delayMs = Math.min(delayMs * 2, retry.maxDelayMs);
      setState('closed');
    });
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const message = wireMessageSchema.safeParse(parsed);
    if (!message.success) return;
    const msg = message.data;
    if (msg.kind === 'result') {
      if (msg.id === null) return;
      const settle = pending.get(msg.id);
      pending.delete(msg.id);
      settle?.(msg.result);
    } else if (isEventName(msg.name)) {
      for (const listener of [...(listeners.get(msg.name) ?? [])]) listener(msg.payload);
    }
  }

  connect();

  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<IpcResult<CallOutput<N>>> {
      if (!isCallName(name)) return fail(routerErrorCodes.unknownChannel, `Unknown call: ${String(name)}`);
      if (state === 'connecting') await new Promise<void>((wake) => waiting.push(wake));
      const ws = socket;
      if (state !== 'open' || !ws) return disconnected;
      const id = nextId++;
      const request: WireRequest = { id, name, input };
      return new Promise((resolve) => {
        // The host validates the value against the contract before sending it.
        pending.set(id, resolve as Pending);
        try {
          ws.send(JSON.stringify(request));
        } catch {
          // A socket that is closing may refuse the send; its close event is still to come.
          pending.delete(id);
          resolve(disconnected);
        }
      });
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    getConnectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      if (closedForGood) return;
      closedForGood = true;
      clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      ws?.close();
      failPending();
      if (state !== 'failed') setState('closed');
    },
  };
}
