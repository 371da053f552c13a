import type { ChangedBranches } from './visibility';

/** The PostgreSQL channel migration 0015's triggers notify on. */
export const CHANGE_CHANNEL = 'lysdesk_changes';

/** Called with the branches a committed change touched. */
export type ChangeListener = (branches: ChangedBranches) => void;

/**
 * A source of change notifications for this service instance: LISTEN on PostgreSQL, PGlite's
 * in-process listen, or polling. One per instance, shared by all its event streams.
 */
export interface ChangeFeed {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Resolves once notifications are being received (the first LISTEN has been answered). */
  ready(): Promise<void>;
  /** Stops listening and releases the connection; listeners hear nothing more. */
  close(): Promise<void>;
}

/** Reads a notification payload: `*`, or comma-separated branch ids (anything odd counts as `*`). */
export function parseChangePayload(payload: string | undefined): ChangedBranches {
  if (payload === undefined || payload === '*') return '*';
  const branches = payload.split(',').filter((branch) => branch.length > 0);
  // An empty payload or one that mixes in '*' cannot be narrowed down: poke everyone.
  return branches.length === 0 || branches.includes('*') ? '*' : branches;
}

/** The listener bookkeeping every feed shares. */
export class ChangeListeners {
  readonly #listeners = new Set<ChangeListener>();

  /** Adds `listener`; returns its remover. */
  add(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** How many listeners there are. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Tells every listener; one throwing listener does not keep the others from hearing. */
  emit(branches: ChangedBranches, onError: (error: unknown) => void): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(branches);
      } catch (error) {
        onError(error);
      }
    }
  }

  /** Forgets every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
