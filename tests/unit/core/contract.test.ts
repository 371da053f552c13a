import { describe, expect, it } from 'vitest';
import { callNames, eventChannel, eventNames, isCallName, isEventName } from '../../../electron/shared/ipc/channels';
import { ipcCalls, ipcEvents } from '../../../electron/shared/ipc/contract';
import { wireMessageSchema, wireRequestSchema } from '../../../electron/shared/ipc/wire';

describe('IPC contract', () => {
  it('declares every call and event exactly once, in both the name list and the schemas', () => {
    expect([...callNames].sort()).toEqual(Object.keys(ipcCalls).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(ipcEvents).sort());
    expect(new Set(callNames).size).toBe(callNames.length);
  });

  it('names calls <entity>.<verb> and keeps event channels apart from call channels', () => {
    for (const name of callNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    for (const name of eventNames) expect(callNames as readonly string[]).not.toContain(eventChannel(name));
  });

  it('recognises only its own names', () => {
    expect(isCallName('app.getInfo')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isEventName('core.statusChanged')).toBe(true);
    expect(isEventName('app.getInfo')).toBe(false);
  });

  it('parses call inputs strictly', () => {
    expect(ipcCalls['core.getStatus'].input.safeParse({ x: 1 }).success).toBe(false);
    expect(ipcCalls['core.getStatus'].input.safeParse({}).success).toBe(true);
  });

  it('rejects malformed wire messages', () => {
    expect(wireRequestSchema.safeParse({ id: 1, name: 'app.getInfo', input: {} }).success).toBe(true);
    expect(wireRequestSchema.safeParse({ id: -1, name: 'app.getInfo', input: {} }).success).toBe(false);
    expect(wireRequestSchema.safeParse({ id: 1, name: 'app.getInfo', input: {}, more: true }).success).toBe(false);
    expect(wireMessageSchema.safeParse({ kind: 'result', id: 1, result: { ok: true } }).success).toBe(false);
  });
});
