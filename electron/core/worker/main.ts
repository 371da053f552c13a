import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../core';
import { fromWorkerSchema, toWorkerSchema, workerOptionsSchema, type FromWorker } from './protocol';
import { createRemoteSecrets } from './remoteSecrets';

// Entry of the core's worker thread in the Electron app (built as out/main/coreWorker.cjs).
// Everything that touches SQLite or the network runs here; Electron's main thread only relays
// IPC and serves safeStorage (electron/main/workerCore.ts).

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('electron/core/worker/main.ts must run as a worker thread');
  const send = (message: FromWorker): void => port.postMessage(fromWorkerSchema.parse(message));
  const options = workerOptionsSchema.parse(workerData);
  const secrets = createRemoteSecrets(options.canPersistSecrets, send);
  const core = createCore({
    appName: options.appName,
    appVersion: options.appVersion,
    runtime: 'electron',
    serverUrl: options.serverUrl,
    dataDir: options.dataDir,
    secrets,
    reportError: (channel, error) => console.error(`[core] ${channel}`, error),
  });
  core.events.subscribe((name, payload) => send({ type: 'event', name, payload }));
  port.on('message', (raw: unknown) => {
    const parsed = toWorkerSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'call') {
      void core.router.dispatch(message.channel, message.input).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'secret-result') {
      secrets.settle(message.id, message.ok, message.value, message.error);
    } else {
      void core.close().finally(() => send({ type: 'closed' }));
    }
  });
  send({ type: 'ready' });
}

try {
  start();
} catch (error) {
  parentPort?.postMessage({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
