import { isCallName, isEventName, type CallName, type EventName } from '../../electron/shared/ipc/channels';
import type { Bridge, CallInput, CallOutput, EventPayload } from '../../electron/shared/ipc/contract';
import { fail, type IpcResult } from '../../electron/shared/ipc/result';
import { bridgeSocketPath, wireMessageSchema, type WireRequest } from '../../electron/shared/ipc/wire';

type Pending = (result: IpcResult<unknown>) => void;

/** Answers a call gets when the socket is down; the renderer shows its message. */
const disconnected = fail('BRIDGE_DISCONNECTED', 'The connection to the app core was lost.');

/**
 * The bridge over the browser host's WebSocket, for running the renderer in a plain browser.
 * Calls made while the socket is still opening wait for it; a lost socket fails pending calls
 * and reconnects with backoff, so the page survives a host restart.
 */
export function createSocketBridge(baseUrl: string, token: string): Bridge {
  const url = new URL(bridgeSocketPath, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<boolean>;
  let retryMs = 250;

  function connect(): void {
    socket = new WebSocket(url);
    opened = new Promise((resolve) => {
      socket.addEventListener('open', () => {
        retryMs = 250;
        resolve(true);
      });
      socket.addEventListener('close', () => resolve(false));
    });
    socket.addEventListener('message', (event) => handleMessage(event.data));
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle(disconnected);
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
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
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (isEventName(msg.name)) {
      for (const listener of listeners.get(msg.name) ?? []) listener(msg.payload);
    }
  }

  connect();

  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<IpcResult<CallOutput<N>>> {
      if (!isCallName(name)) return fail('UNKNOWN_CHANNEL', `Unknown call: ${String(name)}`);
      if (!(await opened)) return disconnected;
      // Between a close and the reconnect, `opened` is still the old, resolved promise: a send
      // on the closed socket would be dropped silently and this call would never settle.
      if (socket.readyState !== WebSocket.OPEN) return disconnected;
      const id = nextId++;
      const request: WireRequest = { id, name, input };
      return new Promise((resolve) => {
        // The host validates the value against the contract before sending it.
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify(request));
      });
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
