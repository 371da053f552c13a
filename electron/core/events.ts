import type { EventName } from '../shared/ipc/channels';
import { ipcEvents, type EventPayload } from '../shared/ipc/contract';

/** Something that receives every core event, e.g. one renderer's transport. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fan-out of core events to every bound transport (Electron windows, host sockets). */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(sink: EventSink): () => void;
}

/**
 * Creates an event hub; a failing sink is isolated so it cannot stop the others. Payloads are
 * checked against the contract like call outputs, so a bad event fails here, at its source.
 */
export function createEventHub(): EventHub {
  const sinks = new Set<EventSink>();
  return {
    emit(name, payload) {
      const checked = ipcEvents[name].parse(payload) as typeof payload;
      for (const sink of sinks) {
        try {
          sink(name, checked);
        } catch {
          // A closed window or socket must not break delivery to the rest.
        }
      }
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
