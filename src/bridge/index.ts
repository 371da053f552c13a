import type { CallName } from '../../electron/shared/ipc/channels';
import type { Bridge, CallInput, CallOutput } from '../../electron/shared/ipc/contract';
import type { IpcError } from '../../electron/shared/ipc/result';
import { createSocketBridge } from './socketBridge';

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

/** The one bridge of this renderer: Electron's preload when present, else the host's socket. */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.lysdesk) {
    bridge = window.lysdesk;
    return bridge;
  }
  const token = readHostToken();
  if (!token) throw new BridgeError({ code: 'NO_BRIDGE', message: 'No connection to the app core: open the address the app printed.' });
  bridge = createSocketBridge(window.location.origin, token);
  return bridge;
}

/** Calls the core and returns the value, or throws a `BridgeError` with the core's code. */
export async function invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await getBridge().call(name, input);
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}
