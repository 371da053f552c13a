import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import type { WorkerOptions } from '../core/worker/protocol';
import { bindIpc } from './ipc';
import { createSafeStorageSecretStore } from './secretStore';
import { connectWorkerCore } from './workerCore';
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
  let unbind = (): void => undefined;
  let core: ReturnType<typeof connectWorkerCore> | undefined;

  // The core (SQLite cache, sync, HTTP) runs in a worker thread, started once the app is ready:
  // only then does safeStorage know which keychain it has (Linux reports 'unknown' before).
  function startCore(): void {
    const dataDir = app.getPath('userData');
    const secrets = createSafeStorageSecretStore(safeStorage, join(dataDir, 'auth-refresh-token.bin'));
    const workerData: WorkerOptions = {
      appName: app.getName(),
      appVersion: app.getVersion(),
      serverUrl: process.env['LYSDESK_SERVER_URL'] ?? defaultServerUrl,
      dataDir,
      canPersistSecrets: secrets.canPersist,
    };
    core = connectWorkerCore(new Worker(join(__dirname, 'coreWorker.cjs'), { workerData }), secrets, (line) => console.error(`[core] ${line}`));
    unbind = bindIpc(ipcMain, core.router, core.events, () => window?.webContents ?? null, origin);
  }

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
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || core === undefined) return;
    // Let the core finish its sync cycle and close the cache cleanly, then quit for real.
    quitting = true;
    event.preventDefault();
    unbind();
    void core.close().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    startCore();
    open();
    startUpdateChecks(app.isPackaged, (message) => console.warn(`[updater] ${message}`));
  });
}

main();
