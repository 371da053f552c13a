import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MemorySecretStore } from '../electron/core/auth';
import { createCore } from '../electron/core/core';
import { startHost } from '../electron/host/host';
import { quantile, report } from './measure';

/**
 * The cost of the bridge itself: router dispatch in-process (what Electron's IPC adds on top
 * of) and a full round trip through the browser host's WebSocket on loopback.
 */
export async function benchBridge(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-core-'));
  const core = createCore({ appName: 'Lysdesk', appVersion: '0.0.0', runtime: 'browser-host', serverUrl: 'http://127.0.0.1:9', dataDir, secrets: new MemorySecretStore(), healthIntervalMs: 0 });

  const dispatches = 100_000;
  let started = performance.now();
  for (let i = 0; i < dispatches; i++) await core.router.dispatch('app.getInfo', {});
  report({ metric: 'router_dispatch_rate', value: dispatches / ((performance.now() - started) / 1000), unit: 'calls/s' });

  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const host = await startHost({ core, rendererDir: dir });
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/bridge?token=${host.token}`, { origin: host.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

  const samples: number[] = [];
  for (let id = 0; id < 5_000; id++) {
    const t0 = performance.now();
    const answered = new Promise((resolve) => ws.once('message', resolve));
    ws.send(JSON.stringify({ id, name: 'app.getInfo', input: {} }));
    await answered;
    samples.push(performance.now() - t0);
  }
  report({ metric: 'socket_bridge_roundtrip_p50', value: quantile(samples, 0.5), unit: 'ms' });
  report({ metric: 'socket_bridge_roundtrip_p95', value: quantile(samples, 0.95), unit: 'ms' });

  started = performance.now();
  const burst = 10_000;
  let answered = 0;
  const allAnswered = new Promise<void>((resolve) => ws.on('message', () => ++answered === burst && resolve()));
  for (let id = 0; id < burst; id++) ws.send(JSON.stringify({ id, name: 'app.getInfo', input: {} }));
  await allAnswered;
  report({ metric: 'socket_bridge_pipelined_rate', value: burst / ((performance.now() - started) / 1000), unit: 'calls/s' });

  ws.close();
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
