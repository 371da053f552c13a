/**
 * The app's views and how staff reach them. Navigation is plain React state (no router):
 * the desktop app has no URL bar, and the last view is remembered across restarts instead.
 */

/** Every view, in menu order; the position also gives the Alt+digit shortcut. */
export const viewIds = ['home', 'quotes', 'customers', 'orders', 'returns', 'inbox', 'migration'] as const;

/** One view of the app. */
export type ViewId = (typeof viewIds)[number];

/** The views that are workflows, i.e. everything except the overview. */
export const workflowIds = viewIds.filter((id): id is Exclude<ViewId, 'home'> => id !== 'home');

/** A workflow view. */
export type WorkflowId = Exclude<ViewId, 'home'>;

/** The view shown on a first start. */
export const defaultView: ViewId = 'home';

/** localStorage key of the last view. */
export const viewStorageKey = 'lysdesk.view';

/** True when `value` names a view. */
export function isViewId(value: unknown): value is ViewId {
  return typeof value === 'string' && (viewIds as readonly string[]).includes(value);
}

/** The remembered view, or the default when nothing (or something stale) is stored. */
export function parseStoredView(value: string | null): ViewId {
  return isViewId(value) ? value : defaultView;
}

/** The digit that, with Alt, jumps to `view` (1 for the first menu item). */
export function shortcutDigit(view: ViewId): number {
  return viewIds.indexOf(view) + 1;
}

/** The `aria-keyshortcuts` value of `view`, in the ARIA spelling (not translated). */
export function ariaShortcut(view: ViewId): string {
  return `Alt+${shortcutDigit(view)}`;
}

/** The fields of a keyboard event that decide whether it is a view shortcut. */
export interface ShortcutKeyEvent {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The view an Alt+digit press jumps to, or null. Uses the physical key code so the shortcut
 * works on every layout, and ignores Ctrl+Alt because AltGr (reported as Ctrl+Alt on Windows)
 * types characters such as @ and { on Norwegian keyboards.
 */
export function viewForShortcut(event: ShortcutKeyEvent): ViewId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!match) return null;
  return viewIds[Number(match[1]) - 1] ?? null;
}
