import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callNames, eventChannel } from '../../../electron/shared/ipc/channels';
import { MemorySecretStore } from '../../../electron/core/auth';
import { createCore } from '../../../electron/core/core';
import { FakeWebContents, fakeIpcMain } from './fakeElectron';

vi.mock('electron', () => ({}));

const { bindIpc, isTrustedSender } = await import('../../../electron/main/ipc');
const { isAppUrl } = await import('../../../electron/main/security');

const app = { url: 'file:///opt/lysdesk/out/renderer/index.html' };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lysdesk-ipc-'));
}

function frameEvent(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent } } as never;
}

describe('isAppUrl', () => {
  it('matches the same file, or the same dev-server origin, only', () => {
    expect(isAppUrl('file:///opt/lysdesk/out/renderer/index.html', app)).toBe(true);
    expect(isAppUrl('file:///opt/lysdesk/out/renderer/other.html', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
    const dev = { url: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('IPC binding', () => {
  it('accepts calls only from the app main frame', () => {
    expect(isTrustedSender(frameEvent(app.url), app)).toBe(true);
    expect(isTrustedSender(frameEvent(app.url, { url: app.url }), app)).toBe(false);
    expect(isTrustedSender(frameEvent('https://evil.example/'), app)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never, app)).toBe(false);
  });

  it('registers one handler per contract call, answers trusted senders and refuses others', async () => {
    const ipcMain = fakeIpcMain();
    const core = createCore({ appName: 'Lysdesk', appVersion: '0.1.0', runtime: 'electron', serverUrl: 'http://127.0.0.1:9', dataDir: tempDir(), secrets: new MemorySecretStore(), healthIntervalMs: 0 });
    const contents = new FakeWebContents();
    const unbind = bindIpc(ipcMain as never, core.router, core.events, () => contents as never, app);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...callNames].sort());

    const handler = ipcMain.handlers.get('app.getInfo');
    expect(await handler?.(frameEvent(app.url), {})).toEqual({ ok: true, value: { name: 'Lysdesk', version: '0.1.0', runtime: 'electron' } });
    expect(await handler?.(frameEvent('https://evil.example/'), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await handler?.(frameEvent(app.url), { unexpected: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    await core.close();
  });

  it('forwards core events to the window on their event channel, and stops after unbind', async () => {
    const ipcMain = fakeIpcMain();
    const core = createCore({
      appName: 'Lysdesk',
      appVersion: '0.1.0',
      runtime: 'electron',
      serverUrl: 'http://127.0.0.1:9',
      dataDir: tempDir(),
      secrets: new MemorySecretStore(),
      healthIntervalMs: 0,
      healthTimeoutMs: 200,
    });
    const contents = new FakeWebContents();
    const unbind = bindIpc(ipcMain as never, core.router, core.events, () => contents as never, app);
    await core.refreshStatus();
    // Only the status change is looked at: the signed-out sync state may arrive too.
    const statusEvents = () => contents.sent.filter((sent) => sent.channel === eventChannel('core.statusChanged'));
    expect(statusEvents()).toHaveLength(1);
    unbind();
    core.events.emit('core.statusChanged', (statusEvents()[0]?.payload ?? {}) as never);
    expect(statusEvents()).toHaveLength(1);
    await core.close();
  });
});
