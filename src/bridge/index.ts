import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge, CallInput, CallOutput } from '../../electron/shared/ipc/contract';
import { bridgeErrorCodes, type IpcError } from '../../electron/shared/ipc/result';
import { createSocketBridge, type ConnectionState, type SocketBridge } from './socketBridge';

export type { ConnectionState } from './socketBridge';

declare global {
  interface Window {
    /** Set by Electron's preload; absent when the renderer runs in a plain browser. */
    lysdesk?: Bridge;
  }
}

/** A failed bridge call, thrown by `invoke` so React code can use ordinary error handling. */
export class BridgeError extends Error {
  readonly code: string;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
  }
}

const tokenKey = 'lysdesk.bridgeToken';

/**
 * The browser host hands the per-start secret in the URL fragment, which never reaches any
 * server log; it is kept for the tab's lifetime so a reload still connects.
 */
function readHostToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    window.sessionStorage.setItem(tokenKey, fromHash);
    return fromHash;
  }
  return window.sessionStorage.getItem(tokenKey);
}

let bridge: Bridge | null = null;
/** The same object as `bridge` when it is the host's socket; null under Electron. */
let socketBridge: SocketBridge | null = null;

/** The one bridge of this renderer: Electron's preload when present, else the host's socket. */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.lysdesk) {
    bridge = window.lysdesk;
    return bridge;
  }
  const token = readHostToken();
  if (!token) {
    throw new BridgeError({ code: bridgeErrorCodes.noBridge, message: 'No connection to the app core: open the address the app printed.' });
  }
  socketBridge = createSocketBridge(window.location.origin, token);
  bridge = socketBridge;
  return bridge;
}

/** True when there is a bridge (creating it if need be); false when there can be none yet. */
function haveBridge(): boolean {
  try {
    getBridge();
    return true;
  } catch {
    return false;
  }
}

/**
 * The state of the connection to the core. Electron's preload is always `open`; without any
 * bridge (no secret in the address) it is `failed`. Kept out of the IPC contract on purpose:
 * it describes the transport, not the core.
 */
export function getConnectionState(): ConnectionState {
  if (!haveBridge()) return 'failed';
  return socketBridge ? socketBridge.getConnectionState() : 'open';
}

/**
 * Calls `listener` on every later change of the connection state, in order; returns the
 * unsubscribe. Electron's preload never changes state, and without a bridge nothing is heard.
 */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  if (!haveBridge() || !socketBridge) return () => undefined;
  return socketBridge.onConnectionChange(listener);
}

/** Calls the core and returns the value, or throws a `BridgeError` with the core's code. */
export async function invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await getBridge().call(name, input);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
