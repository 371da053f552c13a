import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../electron/shared/ipc/channels';
import { FakeBrowserWindow, FakeWebContents, fakeIpcMain } from './fakeElectron';

const appListeners = new Map<string, (...args: unknown[]) => void>();
const ipcMain = fakeIpcMain();
const fakeApp = {
  isPackaged: false,
  getPath: (name: string) => `/home/kari/.config/Lysdesk-${name}`,
  requestSingleInstanceLock: () => true,
  getName: () => 'Lysdesk',
  getVersion: () => '0.1.0',
  quit: vi.fn(),
  on: (event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener),
  whenReady: () => Promise.resolve(),
};

// The core's worker thread, as the main process sees it: what it was started with, what it got.
class FakeWorker {
  static created: FakeWorker[] = [];
  readonly posted: unknown[] = [];
  readonly listeners = new Map<string, (value: unknown) => void>();
  constructor(
    readonly file: string,
    readonly options: { workerData: Record<string, unknown> },
  ) {
    FakeWorker.created.push(this);
  }
  on(event: string, listener: (value: unknown) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
    // The core answers a close as the real worker does.
    if ((message as { type?: string }).type === 'close') this.listeners.get('message')?.({ type: 'closed' });
  }
  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(text),
  decryptString: (data: Buffer) => data.toString(),
};

vi.mock('node:worker_threads', () => ({ Worker: FakeWorker }));
vi.mock('electron', () => ({ app: fakeApp, BrowserWindow: Object.assign(FakeBrowserWindow, { getAllWindows: () => FakeBrowserWindow.created }), ipcMain, safeStorage }));
vi.mock('electron-updater', () => ({ autoUpdater: { checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)) } }));

await import('../../../electron/main/index');
await Promise.resolve();
await Promise.resolve();

describe('the Electron main process', () => {
  it('opens one window with the built preload and the built renderer', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0];
    expect(String((window?.options['webPreferences'] as { preload: string }).preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(window?.loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('binds every contract call to IPC', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...callNames].sort());
  });

  it('runs the core in a worker thread of the built bundle, with the user data folder and the keychain’s verdict', () => {
    expect(FakeWorker.created).toHaveLength(1);
    const worker = FakeWorker.created[0];
    expect(worker?.file).toMatch(/[\\/]coreWorker\.cjs$/);
    expect(worker?.options.workerData).toMatchObject({ appName: 'Lysdesk', appVersion: '0.1.0', dataDir: '/home/kari/.config/Lysdesk-userData', canPersistSecrets: true });
  });

  it('hardens every web contents the app creates, not only the main window', () => {
    const contents = new FakeWebContents();
    appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://example.com')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('removes its IPC handlers when quitting, lets the core close, then quits', async () => {
    const preventDefault = vi.fn();
    appListeners.get('will-quit')?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);
    expect(FakeWorker.created[0]?.posted).toContainEqual({ type: 'close' });
    await vi.waitFor(() => expect(fakeApp.quit).toHaveBeenCalled());
  });
});
