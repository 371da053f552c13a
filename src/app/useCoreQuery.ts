import { useEffect, useState } from 'react';
import type { SyncTableName } from '../../electron/shared/sync/rows';
import { getBridge, getConnectionState, invoke, onConnectionChange } from '../bridge';

/** The no-input read calls a page can keep live. */
type ReadCall = 'home.getSummary';

/**
 * The answer of a read `call`, asked again whenever the core says one of `tables` changed (a
 * pull, a local action, a rejection undone) and whenever the host's socket reopens. A burst of
 * changes within 100 ms is one read.
 */
export function useCoreQuery<T>(call: ReadCall, tables: readonly SyncTableName[]): T | null {
  const [value, setValue] = useState<T | null>(null);
  const key = tables.join(',');
  useEffect(() => {
    let active = true;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watched = new Set(key.split(','));
    function read(): void {
      const asked = ++generation;
      invoke(call, {})
        .then((answer) => {
          if (active && asked === generation) setValue(answer as T);
        })
        .catch(() => undefined);
    }
    function soon(): void {
      clearTimeout(timer);
      timer = setTimeout(read, 100);
    }
    let stop = (): void => undefined;
    try {
      const bridge = getBridge();
      const stopData = bridge.on('data.changed', ({ tables: changed }) => {
        if (changed.some((table) => watched.has(table))) soon();
      });
      // The first snapshot arrives as sync status before any table change is worth reading.
      const stopSync = bridge.on('sync.statusChanged', (status) => {
        if (status.hasData && status.activity === 'idle') soon();
      });
      const stopConnection = onConnectionChange((state) => {
        if (state === 'open') read();
      });
      stop = () => {
        stopData();
        stopSync();
        stopConnection();
      };
      if (getConnectionState() === 'open') read();
    } catch {
      // No bridge: nothing to read; the status bar says why.
    }
    return () => {
      active = false;
      clearTimeout(timer);
      stop();
    };
  }, [call, key]);
  return value;
}
