import type { AppInfo, CoreStatus } from '../../electron/shared/ipc/contract';
import type { IpcError } from '../../electron/shared/ipc/result';

/** What the status bar knows about the core; all null until the first answer arrives. */
export interface CoreStatusState {
  info: AppInfo | null;
  status: CoreStatus | null;
  /** Why the last attempt to reach the core failed; null once it answers again. */
  error: IpcError | null;
}

/** How a status item is coloured: colours carry meaning only. */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending';

/** The text key of the core item. */
export function coreStateKey(
  state: CoreStatusState,
): 'status.coreError' | 'status.coreLoading' | 'status.coreStarting' | 'status.coreReady' {
  if (state.error) return 'status.coreError';
  if (!state.status) return 'status.coreLoading';
  return state.status.state === 'ready' ? 'status.coreReady' : 'status.coreStarting';
}

/** The colour of the core item. */
export function coreTone(state: CoreStatusState): StatusTone {
  if (state.error) return 'error';
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
  if (state.error || !server) return 'status.serverUnknown';
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
  if (error.code === 'NO_BRIDGE') return 'status.errors.noBridge';
  if (error.code === 'BRIDGE_DISCONNECTED') return 'status.errors.disconnected';
  return 'status.errors.generic';
}
