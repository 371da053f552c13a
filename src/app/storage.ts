/** The part of `Storage` the app uses; tests pass an in-memory one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage, or null where the page may not use it. */
export function browserStore(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    // Reading window.localStorage throws when storage is disabled for the origin.
    return null;
  }
}

/** Reads a key; a missing or failing store reads as "nothing stored". */
export function readKey(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes a key; a full or failing store only loses the preference, never breaks the UI. */
export function writeKey(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // Remembering a preference is best effort.
  }
}
