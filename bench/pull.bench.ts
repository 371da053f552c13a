import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip } from 'node:zlib';
import { tokenResponseSchema } from '../electron/shared/protocol/auth';
import { SYNC_SCHEMA_VERSION } from '../electron/shared/protocol/sync';
import { buildServer } from '../server/app';
import { BENCH_LOGIN, openBenchDatabase } from './benchDatabase';
import { postgresCpuSeconds, report } from './measure';

// Streams a full pull of seed size M (≈ 3 M rows, 1 M order lines) from the real PostgreSQL over
// loopback HTTP, page after page, as customer service (who sees everything), to a reader that
// only counts lines and bytes. Also reports the CPU time per row of the service's process
// (HTTP server and this reader) and of PostgreSQL, which together bound the rate on this machine.

/** Pull throughput: rows/s and MB/s of a full snapshot of size M, plain and gzipped. */
export async function benchPull(): Promise<void> {
  const handle = await openBenchDatabase();
  try {
    const app = buildServer({ db: handle.db, dbKind: 'postgres', version: 'bench', logLevel: 'silent', auth: { secret: '' } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      await pullAll(port, await login(port), false); // warm the cache: the figure is the stream, not the disk
      for (const gzip of [false, true]) {
        // A fresh token per run: access tokens live 15 minutes.
        const token = await login(port);
        const cpu = process.cpuUsage();
        const pgBefore = postgresCpuSeconds();
        const run = await pullAll(port, token, gzip);
        const used = process.cpuUsage(cpu);
        const pgAfter = postgresCpuSeconds();
        const name = gzip ? 'pull_stream_gzip' : 'pull_stream';
        report({ metric: `${name}_rows_per_s`, value: run.rows / run.seconds, unit: 'rows/s' });
        report({ metric: `${name}_mb_per_s`, value: run.bytes / 1e6 / run.seconds, unit: 'MB/s' });
        report({ metric: `${name}_node_cpu_per_row`, value: (used.user + used.system) / run.rows, unit: 'µs' });
        if (pgBefore !== undefined && pgAfter !== undefined) report({ metric: `${name}_postgres_cpu_per_row`, value: ((pgAfter - pgBefore) * 1e6) / run.rows, unit: 'µs' });
        if (!gzip) report({ metric: 'pull_stream_rows', value: run.rows, unit: 'rows' });
        report({ metric: `${name}_pages`, value: run.pages, unit: 'responses' });
      }
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
  }
}

async function login(port: number): Promise<string> {
  const body = await request(port, 'POST', '/v1/auth/login', {}, JSON.stringify(BENCH_LOGIN));
  return tokenResponseSchema.parse(JSON.parse(body.toString('utf8'))).accessToken;
}

function request(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Run {
  rows: number;
  bytes: number;
  pages: number;
  seconds: number;
}

// Follows `more` to the end; counts put/del lines and wire bytes, keeps only the last line.
async function pullAll(port: number, token: string, gzip: boolean): Promise<Run> {
  const started = performance.now();
  const run: Run = { rows: 0, bytes: 0, pages: 0, seconds: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page = await pullPage(port, token, cursor, gzip);
    run.rows += page.lines - 2;
    run.bytes += page.bytes;
    run.pages++;
    const end = JSON.parse(page.lastLine) as { t: string; cursor: string; more: boolean };
    if (end.t !== 'end') throw new Error(`pull ended without an end line: ${page.lastLine}`);
    if (!end.more) break;
    cursor = end.cursor;
  }
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

function pullPage(port: number, token: string, cursor: string | undefined, gzip: boolean): Promise<{ lines: number; bytes: number; lastLine: string }> {
  const query = new URLSearchParams({ schemaVersion: String(SYNC_SCHEMA_VERSION), ...(cursor !== undefined && { cursor }) });
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': gzip ? 'gzip' : 'identity' };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: `/v1/sync/pull?${query.toString()}`, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`pull answered ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('error', reject);
      // Gzip is measured as the client would take it: the wire bytes, then inflated.
      const lines = gzip ? countLines(res.pipe(createGunzip())) : countLines(res);
      lines.then((counted) => resolve({ ...counted, bytes }), reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// Counts newlines and keeps the tail, without ever holding more than one chunk.
function countLines(stream: NodeJS.ReadableStream): Promise<{ lines: number; lastLine: string }> {
  return new Promise((resolve, reject) => {
    let lines = 0;
    let tail = Buffer.alloc(0);
    stream.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      tail = Buffer.concat([tail, chunk]).subarray(-4096);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      const text = tail.toString('utf8').trimEnd();
      resolve({ lines, lastLine: text.slice(text.lastIndexOf('\n') + 1) });
    });
  });
}
