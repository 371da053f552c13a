import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fakeElectron';

vi.mock('electron', () => ({ BrowserWindow: FakeBrowserWindow }));

const { createMainWindow } = await import('../../../electron/main/window');

const appUrl = 'file:///opt/lysdesk/resources/app.asar/out/renderer/index.html';

function open(): FakeBrowserWindow {
  createMainWindow({ url: appUrl, preloadPath: '/opt/lysdesk/out/preload/index.cjs', title: 'Lysdesk' });
  const window = FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
  });

  it('isolates the renderer: contextIsolation, sandbox, no Node, no webview', () => {
    const prefs = open().options['webPreferences'];
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/opt/lysdesk/out/preload/index.cjs',
    });
  });

  it('loads the app page and nothing else', () => {
    expect(open().loadedUrl).toBe(appUrl);
  });

  it('denies window.open', () => {
    const window = open();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from the app, but allows reloading the app itself', () => {
    const contents = open().webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', appUrl)).toBe(false);
  });

  it('refuses to attach a webview', () => {
    expect(open().webContents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every permission request and check', () => {
    const session = open().webContents.session;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.permissionRequestHandler?.({}, permission, (granted: boolean) => answers.push(granted));
      answers.push(Boolean(session.permissionCheckHandler?.({}, permission)));
    }
    expect(answers).toHaveLength(8);
    expect(answers.every((granted) => !granted)).toBe(true);
  });
});
