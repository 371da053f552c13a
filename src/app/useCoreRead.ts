import { useEffect, useState } from 'react';
import type { CallInput, CallOutput } from '../../electron/shared/ipc/contract';
import type { SyncTableName } from '../../electron/shared/sync/rows';
import { BridgeError, getBridge, getConnectionState, invoke, onConnectionChange } from '../bridge';

/** The read calls a page keeps live from the cache. */
export type ReadCall =
  | 'home.getSummary'
  | 'quotes.queue'
  | 'quotes.get'
  | 'quotes.getDashboard'
  | 'quotes.listAssignees'
  | 'customers.search'
  | 'customers.get'
  | 'customers.tierSuggestions'
  | 'migration.overview'
  | 'migration.customers'
  | 'settings.get';

/** A read's state: the last answer (maybe for an earlier input), and whether it is current. */
export interface CoreRead<T> {
  /** Undefined until the first answer; the core's own null means "no data" (no snapshot, not found). */
  value: T | undefined;
  /** The value belongs to an earlier input (a new one is being read). */
  stale: boolean;
  /** The code of the last failed read, until one succeeds. */
  error: string | null;
  /** The input (as JSON) the value answers; empty before the first answer. */
  valueKey: string;
}

interface Held<T> {
  key: string;
  value: T | undefined;
  error: string | null;
}

/**
 * The answer of `call` for `input`, asked again when the core says one of `tables` changed
 * (a burst within 100 ms is one read), when the host's socket reopens, when the first snapshot
 * is in (once), and every `refreshMs` if given (for figures that change with the clock). `input` null
 * reads nothing. An answer to an older input or an older read is dropped.
 */
export function useCoreRead<N extends ReadCall>(call: N, input: CallInput<N> | null, tables: readonly SyncTableName[], refreshMs?: number): CoreRead<CallOutput<N>> {
  const key = input === null ? '' : JSON.stringify(input);
  const tableKey = tables.join(',');
  const [held, setHeld] = useState<Held<CallOutput<N>>>({ key: '', value: undefined, error: null });
  useEffect(() => {
    if (key === '') return undefined;
    const asked = JSON.parse(key) as CallInput<N>;
    let active = true;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watched = new Set(tableKey.split(','));
    // Once the first snapshot is in, read again unless a read has already answered from data; later
    // syncs announce their changes as data.changed, so a status change alone must not reload (the
    // queue may hold 100 000 rows).
    let readSinceData = false;
    function read(): void {
      const mine = ++generation;
      invoke(call, asked)
        .then((answer) => {
          // The core answers null until it has a snapshot; any other answer is from data.
          if (answer !== null) readSinceData = true;
          if (active && mine === generation) setHeld({ key, value: answer, error: null });
        })
        .catch((error: unknown) => {
          if (!active || mine !== generation) return;
          const code = error instanceof BridgeError ? error.code : 'UNKNOWN';
          setHeld((previous) => ({ ...previous, error: code }));
        });
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
      const stopSync = bridge.on('sync.statusChanged', (status) => {
        if (!status.hasData) readSinceData = false;
        else if (status.activity === 'idle' && !readSinceData) {
          readSinceData = true;
          soon();
        }
      });
      const stopConnection = onConnectionChange((state) => {
        if (state === 'open') read();
      });
      const interval = refreshMs === undefined ? undefined : setInterval(soon, refreshMs);
      stop = () => {
        stopData();
        stopSync();
        stopConnection();
        clearInterval(interval);
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
  }, [call, key, tableKey, refreshMs]);
  return { value: held.value, stale: held.key !== key, error: held.error, valueKey: held.key };
}
