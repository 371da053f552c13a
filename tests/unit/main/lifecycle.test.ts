import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../electron/shared/ipc/channels';
import { FakeBrowserWindow, FakeWebContents, fakeIpcMain } from './fakeElectron';

const appListeners = new Map<string, (...args: unknown[]) => void>();
const ipcMain = fakeIpcMain();
const fakeApp = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  getName: () => 'Lysdesk',
  getVersion: () => '0.1.0',
  quit: vi.fn(),
  on: (event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener),
  whenReady: () => Promise.resolve(),
};

vi.mock('electron', () => ({ app: fakeApp, BrowserWindow: Object.assign(FakeBrowserWindow, { getAllWindows: () => FakeBrowserWindow.created }), ipcMain }));
vi.mock('electron-updater', () => ({ autoUpdater: { checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)) } }));

await import('../../../electron/main/index');
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

  it('hardens every web contents the app creates, not only the main window', () => {
    const contents = new FakeWebContents();
    appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://example.com')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('removes its IPC handlers when quitting', () => {
    appListeners.get('will-quit')?.();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
