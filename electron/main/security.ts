import type { Session, WebContents } from 'electron';

/**
 * Where the app's own renderer is served from: a file:// URL in a packaged build, the
 * electron-vite dev server's http URL during development.
 */
export interface AppOrigin {
  /** The URL the window loads. */
  url: string;
}

/** True when `url` is the app's own page (same file, or same dev-server origin). */
export function isAppUrl(url: string, app: AppOrigin): boolean {
  let target: URL;
  let own: URL;
  try {
    target = new URL(url);
    own = new URL(app.url);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
  return target.origin === own.origin;
}

/**
 * Locks down one web contents: no navigation away from the app, no new windows, no webviews.
 * Called for every web contents the app creates, not only the main window's.
 */
export function hardenWebContents(contents: WebContents, app: AppOrigin): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission (camera, notifications, geolocation …): the app needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
