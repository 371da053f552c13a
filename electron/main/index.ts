import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { createCore } from '../core/core';
import { bindIpc } from './ipc';
import { hardenWebContents, type AppOrigin } from './security';
import { startUpdateChecks } from './updater';
import { createMainWindow } from './window';

const defaultServerUrl = 'http://127.0.0.1:8787';

/**
 * The renderer's URL: always the built file. A dev-server URL is not offered: React's fast
 * refresh injects an inline script that the strict CSP (rightly) refuses.
 */
function rendererOrigin(): AppOrigin {
  return { url: pathToFileURL(join(__dirname, '../renderer/index.html')).href };
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const origin = rendererOrigin();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));

  let window: BrowserWindow | null = null;
  const core = createCore({
    appName: app.getName(),
    appVersion: app.getVersion(),
    runtime: 'electron',
    serverUrl: process.env['LYSDESK_SERVER_URL'] ?? defaultServerUrl,
    reportError: (channel, error) => console.error(`[core] ${channel}`, error),
  });
  const unbind = bindIpc(ipcMain, core.router, core.events, () => window?.webContents ?? null, origin);

  function open(): void {
    window = createMainWindow({ ...origin, preloadPath: join(__dirname, '../preload/index.cjs'), title: 'Lysdesk' });
    window.on('closed', () => {
      window = null;
    });
  }

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unbind();
    core.close();
  });

  void app.whenReady().then(() => {
    open();
    startUpdateChecks(app.isPackaged, (message) => console.warn(`[updater] ${message}`));
  });
}

main();
