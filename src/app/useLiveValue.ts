import { useEffect, useState } from 'react';
import type { CallName, EventName } from '../../electron/shared/ipc/channels';
import type { CallOutput, EventPayload } from '../../electron/shared/ipc/contract';
import { getBridge, getConnectionState, invoke, onConnectionChange } from '../bridge';

/** A call whose answer an event keeps up to date (same shape): `sync.getStatus` + `sync.statusChanged`. */
export type LivePair = { call: 'sync.getStatus'; event: 'sync.statusChanged' } | { call: 'auth.getState'; event: 'auth.changed' };

/**
 * The answer of `call`, kept current by `event`: subscribes first, then asks (so no change in
 * between is lost), and asks again whenever the browser host's socket reopens, since events
 * sent while it was down are gone. An answer older than an event already seen is ignored.
 */
export function useLiveValue<P extends LivePair>(call: P['call'], event: P['event']): CallOutput<P['call']> | null {
  const [value, setValue] = useState<CallOutput<P['call']> | null>(null);
  useEffect(() => {
    let active = true;
    let generation = 0;
    let stop = (): void => undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    function fetchNow(): void {
      const asked = ++generation;
      invoke(call as CallName, {})
        .then((answer) => {
          if (active && asked === generation) setValue(answer as CallOutput<P['call']>);
        })
        .catch(() => {
          // Asked again when the socket reopens; an open bridge that failed is asked again later.
          if (active && getConnectionState() === 'open') retry = setTimeout(fetchNow, 5_000);
        });
    }
    try {
      const bridge = getBridge();
      const stopEvent = bridge.on(event, (payload: EventPayload<EventName>) => {
        generation++;
        if (active) setValue(payload as CallOutput<P['call']>);
      });
      const stopConnection = onConnectionChange((state) => {
        if (state === 'open') fetchNow();
      });
      stop = () => {
        stopEvent();
        stopConnection();
      };
      if (getConnectionState() === 'open') fetchNow();
    } catch {
      // No bridge at all: the status bar already says so.
    }
    return () => {
      active = false;
      clearTimeout(retry);
      stop();
    };
  }, [call, event]);
  return value;
}
