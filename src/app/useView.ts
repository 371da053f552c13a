import { useCallback, useEffect, useState } from 'react';
import { readKey, writeKey, type KeyValueStore } from './storage';
import { parseStoredView, viewForShortcut, viewStorageKey, type ViewId } from './views';

/** The current view and a function to change it; the view is remembered in `store`. */
export function useView(store: KeyValueStore | null): readonly [ViewId, (view: ViewId) => void] {
  const [view, setView] = useState<ViewId>(() => parseStoredView(readKey(store, viewStorageKey)));
  const navigate = useCallback(
    (next: ViewId) => {
      setView(next);
      writeKey(store, viewStorageKey, next);
    },
    [store],
  );
  return [view, navigate] as const;
}

/** Calls `onJump` for Alt+1 … Alt+7 anywhere in the window. */
export function useViewShortcuts(onJump: (view: ViewId) => void): void {
  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent): void {
      const view = viewForShortcut(event);
      if (!view) return;
      // Alt alone would also open the window menu on some platforms; the shortcut wins.
      event.preventDefault();
      onJump(view);
    }
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [onJump]);
}
