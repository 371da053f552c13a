import type { AppInfo, CoreStatus } from '../../electron/shared/ipc/contract';
import { bridgeErrorCodes, type IpcError } from '../../electron/shared/ipc/result';
import type { ConnectionState } from '../bridge';

/** What the status bar knows about the core; all null until the first answer arrives. */
export interface CoreStatusState {
  info: AppInfo | null;
  status: CoreStatus | null;
  /** Why the last attempt to reach the core failed; null once it answers again. */
  error: IpcError | null;
  /** The bridge's connection, as shown: see `shownConnection`. */
  connection: ConnectionState;
}

/** How a status item is coloured: colours carry meaning only. */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending';

/**
 * The connection state to show after the bridge reports `next`. A new attempt after a lost
 * socket keeps showing `closed` until it really opens, so the bar does not flicker between
 * "connecting" and "no connection" on every attempt.
 */
export function shownConnection(shown: ConnectionState, next: ConnectionState): ConnectionState {
  return next === 'connecting' && shown === 'closed' ? 'closed' : next;
}

/** True when the socket to the core is down: whatever status the bar holds may be stale. */
function connectionDown(state: CoreStatusState): boolean {
  return state.connection === 'closed' || state.connection === 'failed';
}

/** The text key of the core item. */
export function coreStateKey(
  state: CoreStatusState,
): 'status.coreError' | 'status.coreLoading' | 'status.coreStarting' | 'status.coreReady' {
  if (state.error || connectionDown(state)) return 'status.coreError';
  if (!state.status) return 'status.coreLoading';
  return state.status.state === 'ready' ? 'status.coreReady' : 'status.coreStarting';
}

/** The colour of the core item. */
export function coreTone(state: CoreStatusState): StatusTone {
  if (state.error || connectionDown(state)) return 'error';
  if (!state.status) return 'pending';
  return state.status.state === 'ready' ? 'ok' : 'warning';
}

/** The text key of the server item; `status.serverConnectedDb` takes `{ db }`. */
export function serverKey(
  state: CoreStatusState,
):
  | 'status.serverUnknown'
  | 'status.serverNotChecked'
  | 'status.serverConnected'
  | 'status.serverConnectedDb'
  | 'status.serverUnreachable' {
  const server = state.status?.server;
  // Without the core, the last known server state may be stale: say so instead of repeating it.
  if (state.error || connectionDown(state) || !server) return 'status.serverUnknown';
  if (server.reachable) return server.db ? 'status.serverConnectedDb' : 'status.serverConnected';
  return server.checkedAt === null ? 'status.serverNotChecked' : 'status.serverUnreachable';
}

/** The colour of the server item. */
export function serverTone(state: CoreStatusState): StatusTone {
  const key = serverKey(state);
  if (key === 'status.serverConnected' || key === 'status.serverConnectedDb') return 'ok';
  if (key === 'status.serverUnreachable') return 'error';
  return 'pending';
}

/** The text key explaining a failed bridge call; `status.errors.generic` takes `{ code }`. */
export function errorKey(
  error: IpcError,
): 'status.errors.noBridge' | 'status.errors.disconnected' | 'status.errors.generic' {
  if (error.code === bridgeErrorCodes.noBridge) return 'status.errors.noBridge';
  if (error.code === bridgeErrorCodes.disconnected) return 'status.errors.disconnected';
  return 'status.errors.generic';
}

/**
 * The text key of the problem the bar should announce, or null when there is none. A lost or
 * abandoned connection explains more than the error of whichever call noticed it first.
 */
export function problemKey(
  state: CoreStatusState,
): 'status.errors.noBridge' | 'status.errors.failed' | 'status.errors.disconnected' | 'status.errors.generic' | null {
  if (state.error?.code === bridgeErrorCodes.noBridge) return 'status.errors.noBridge';
  if (state.connection === 'failed') return 'status.errors.failed';
  if (state.connection === 'closed') return 'status.errors.disconnected';
  return state.error ? errorKey(state.error) : null;
}
