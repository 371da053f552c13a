import { useEffect, useState } from 'react';
import type { IpcError } from '../../electron/shared/ipc/result';
import { BridgeError, getBridge, invoke } from '../bridge';
import type { CoreStatusState } from './statusText';

/** How long to wait before asking an unreachable core again. */
const retryMs = 5_000;

function toIpcError(error: unknown): IpcError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * App info and live core status for the status bar: asks once on mount, then follows
 * `core.statusChanged`. A failing core is reported in `error` and asked again every few seconds,
 * because the browser host's socket reconnects on its own after a restart.
 */
export function useCoreStatus(): CoreStatusState {
  const [state, setState] = useState<CoreStatusState>({ info: null, status: null, error: null });

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // An event newer than the initial answer must not be overwritten by that answer.
    let eventSeen = false;

    async function connect(): Promise<void> {
      try {
        // Subscribe before asking, so no change between the answer and the subscription is lost.
        unsubscribe ??= getBridge().on('core.statusChanged', (status) => {
          eventSeen = true;
          if (active) setState((prev) => ({ ...prev, status }));
        });
        const [info, status] = await Promise.all([invoke('app.getInfo', {}), invoke('core.getStatus', {})]);
        if (!active) return;
        setState((prev) => ({ info, status: eventSeen && prev.status ? prev.status : status, error: null }));
      } catch (error) {
        if (!active) return;
        setState((prev) => ({ ...prev, error: toIpcError(error) }));
        retryTimer = setTimeout(() => void connect(), retryMs);
      }
    }

    void connect();
    return () => {
      active = false;
      clearTimeout(retryTimer);
      unsubscribe?.();
    };
  }, []);

  return state;
}
