import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverOptionsFromEnv, startServer } from '../server/start';
import { quantile, report } from './measure';

/** Sequential `GET /v1/health` over loopback HTTP against the service on embedded PGlite. */
export async function benchHealth(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-db-'));
  const server = await startServer({ ...serverOptionsFromEnv({ PGLITE_DIR: dir }), port: 0 });
  const samples: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    const response = await fetch(`${server.url}/v1/health`);
    await response.arrayBuffer();
    samples.push(performance.now() - t0);
  }
  report({ metric: 'health_request_p50', value: quantile(samples, 0.5), unit: 'ms' });
  report({ metric: 'health_request_p95', value: quantile(samples, 0.95), unit: 'ms' });
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
