import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../electron/shared/ipc/contract';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string) => ({ ok: true, value: channel }));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  bridge = exposed.get('lysdesk') as Bridge;
});

describe('preload', () => {
  it('exposes exactly one object with call and on, and no ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['lysdesk']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(JSON.stringify(Object.keys(bridge))).not.toContain('ipcRenderer');
  });

  it('forwards contract calls to their own channel with one argument', async () => {
    await bridge.call('core.getStatus', {});
    expect(invoke).toHaveBeenLastCalledWith('core.getStatus', {});
  });

  it('refuses a channel outside the contract without touching IPC', async () => {
    invoke.mockClear();
    const result = await (bridge.call as (name: string, input: unknown) => Promise<unknown>)('ELECTRON_BROWSER_WINDOW_ALERT', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('delivers only the payload of an event, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.on('core.statusChanged', (payload) => received.push(payload));
    const listener = listeners.get('event:core.statusChanged');
    listener?.({ sender: 'the ipc event object' }, { state: 'ready' });
    expect(received).toEqual([{ state: 'ready' }]);
    off();
    expect(listeners.has('event:core.statusChanged')).toBe(false);
    expect(() => (bridge.on as (name: string, cb: () => void) => void)('some.other', () => {})).toThrow(/Unknown event/);
  });
});
