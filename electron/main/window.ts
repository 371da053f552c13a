import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { denyAllPermissions, hardenWebContents, type AppOrigin } from './security';

/** What the window factory needs to know. */
export interface MainWindowOptions extends AppOrigin {
  preloadPath: string;
  title: string;
}

/** The web preferences every window of the app gets; exported so tests can read them. */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * The one place a window is made. Everything security-relevant is set here, so no other
 * code path can open a window with weaker settings.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: options.title,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents, options);
  denyAllPermissions(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
