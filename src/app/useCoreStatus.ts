import { useEffect, useState } from 'react';
import { bridgeErrorCodes, routerErrorCodes, type IpcError } from '../../electron/shared/ipc/result';
import { BridgeError, getBridge, getConnectionState, invoke, onConnectionChange } from '../bridge';
import { shownConnection, type CoreStatusState } from './statusText';

/** How long to wait before asking again after a failure the connection state does not explain. */
const retryMs = 5_000;

function toIpcError(error: unknown): IpcError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  return { code: routerErrorCodes.internal, message: error instanceof Error ? error.message : String(error) };
}

/**
 * App info and live core status for the status bar, and the state of the connection to the
 * core. Asks once the bridge is open, then follows `core.statusChanged`; asks again each time
 * the browser host's socket reopens, because events sent while it was down are lost. Errors
 * from an open bridge, and a missing bridge, are asked again every few seconds.
 */
export function useCoreStatus(): CoreStatusState {
  const [state, setState] = useState<CoreStatusState>(() => ({
    info: null,
    status: null,
    error: null,
    connection: getConnectionState(),
  }));

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // Only the newest fetch may write: an answer from before a reconnect is not the latest.
    let fetchCount = 0;
    // An event newer than the start of the current fetch must not be overwritten by its answer.
    let eventSeen = false;

    async function fetchAll(): Promise<void> {
      clearTimeout(retryTimer);
      const fetchId = ++fetchCount;
      eventSeen = false;
      try {
        const [info, status] = await Promise.all([invoke('app.getInfo', {}), invoke('core.getStatus', {})]);
        if (!active || fetchId !== fetchCount) return;
        setState((prev) => ({ ...prev, info, status: eventSeen && prev.status ? prev.status : status, error: null }));
      } catch (error) {
        if (!active || fetchId !== fetchCount) return;
        setState((prev) => ({ ...prev, error: toIpcError(error) }));
        // A socket that is down fetches again when it reopens; retrying before that is futile.
        if (getConnectionState() === 'open') retryTimer = setTimeout(() => void fetchAll(), retryMs);
      }
    }

    function follow(): void {
      // Throws a NO_BRIDGE BridgeError when the page has no way to reach the core.
      const bridge = getBridge();
      // Subscribe before asking, so no change between the answer and the subscription is lost.
      const stopStatus = bridge.on('core.statusChanged', (status) => {
        eventSeen = true;
        if (active) setState((prev) => ({ ...prev, status }));
      });
      const stopConnection = onConnectionChange((connection) => {
        if (!active) return;
        setState((prev) => ({ ...prev, connection: shownConnection(prev.connection, connection) }));
        if (connection === 'open') void fetchAll();
      });
      unsubscribe = () => {
        stopStatus();
        stopConnection();
      };
    }

    function start(): void {
      try {
        follow();
      } catch (error) {
        // The secret may still arrive, in a new address pasted into this tab.
        setState((prev) => ({ ...prev, error: toIpcError(error), connection: getConnectionState() }));
        retryTimer = setTimeout(start, retryMs);
        return;
      }
      const connection = getConnectionState();
      setState((prev) => ({
        ...prev,
        connection: shownConnection(prev.connection, connection),
        error: prev.error?.code === bridgeErrorCodes.noBridge ? null : prev.error,
      }));
      // A socket still opening fetches when it opens (see `follow`).
      if (connection === 'open') void fetchAll();
    }

    start();
    return () => {
      active = false;
      clearTimeout(retryTimer);
      unsubscribe?.();
    };
  }, []);

  return state;
}
