import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerOptions } from '../../../electron/core/worker/protocol';
import { connectWorkerCore, type MainSecrets, type WorkerCore } from '../../../electron/main/workerCore';

// The Electron main process's view of the core in a real worker thread (plain Node here, with
// tsx loading the TypeScript entry as Electron loads the built coreWorker.cjs).

describe('the core in a worker thread', () => {
  let dataDir: string;
  let core: WorkerCore;
  const secretCalls: string[] = [];
  const secrets: MainSecrets = {
    read: () => {
      secretCalls.push('read');
      return Promise.resolve(null);
    },
    write: () => {
      secretCalls.push('write');
      return Promise.resolve();
    },
    clear: () => {
      secretCalls.push('clear');
      return Promise.resolve();
    },
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-worker-'));
    const workerData: WorkerOptions = { appName: 'Lysdesk', appVersion: '7.7.7', serverUrl: 'http://127.0.0.1:9', dataDir, canPersistSecrets: true };
    const entry = join(import.meta.dirname, '../../../electron/core/worker/main.ts');
    const worker = new Worker(join(import.meta.dirname, '../../fixtures/tsWorker.mjs'), { workerData, argv: [entry] });
    core = connectWorkerCore(worker, secrets);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers calls through the thread, checked by the same router', async () => {
    expect(await core.router.dispatch('app.getInfo', {})).toEqual({ ok: true, value: { name: 'Lysdesk', version: '7.7.7', runtime: 'electron' } });
    expect(await core.router.dispatch('app.getInfo', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.router.dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('restores the session with the secret kept by the main process', async () => {
    expect(await core.router.dispatch('auth.getState', {})).toMatchObject({ ok: true, value: { staff: null, canRemember: true } });
    expect(secretCalls).toContain('read');
  });

  it('relays core events that are in the contract', async () => {
    const seen: string[] = [];
    const stop = core.events.subscribe((name) => seen.push(name));
    await core.router.dispatch('sync.syncNow', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(seen.every((name) => ['core.statusChanged', 'auth.changed', 'sync.statusChanged', 'data.changed'].includes(name))).toBe(true);
  });

  it('closes the core, then refuses calls with a clear error instead of hanging', async () => {
    await core.close();
    expect(await core.router.dispatch('app.getInfo', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/core stopped/) as unknown } });
  });
});
