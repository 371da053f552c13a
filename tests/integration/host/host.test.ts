import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemorySecretStore } from '../../../electron/core/auth';
import { createCore, type Core } from '../../../electron/core/core';
import { startHost, type RunningHost } from '../../../electron/host/host';

let dir: string;
let core: Core;
let host: RunningHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lysdesk-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(tmpdir(), 'lysdesk-outside.txt'), 'outside');
  core = createCore({
    appName: 'Lysdesk',
    appVersion: '9.9.9',
    runtime: 'browser-host',
    serverUrl: 'http://127.0.0.1:9',
    dataDir: join(dir, 'data'),
    secrets: new MemorySecretStore(),
    healthIntervalMs: 0,
    healthTimeoutMs: 300,
  });
  host = await startHost({ core, rendererDir: dir });
});

afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a socket to the bridge and resolves once it is open, or rejects with the HTTP status. */
function connect(options: { token?: string; origin?: string; path?: string } = {}): Promise<WebSocket> {
  const url = `${host.origin.replace('http', 'ws')}${options.path ?? '/bridge'}?token=${encodeURIComponent(options.token ?? host.token)}`;
  const ws = new WebSocket(url, { origin: options.origin ?? host.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

describe('browser host', () => {
  it('gives an address on 127.0.0.1 whose fragment carries the secret', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('serves the renderer with a strict CSP and no-store HTML', async () => {
    const response = await fetch(host.origin + '/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>t</title>');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a contract call over the socket with the core value', async () => {
    const ws = await connect();
    const answer = nextMessage(ws);
    ws.send(JSON.stringify({ id: 7, name: 'app.getInfo', input: {} }));
    expect(await answer).toEqual({ kind: 'result', id: 7, result: { ok: true, value: { name: 'Lysdesk', version: '9.9.9', runtime: 'browser-host' } } });
    ws.close();
  });

  it('answers bad messages with clear codes and keeps the socket usable', async () => {
    const ws = await connect();
    const cases: [string, string][] = [
      ['not json', 'BAD_MESSAGE'],
      [JSON.stringify({ id: 1 }), 'BAD_MESSAGE'],
      [JSON.stringify({ id: 2, name: 'no.such', input: {} }), 'UNKNOWN_CHANNEL'],
      [JSON.stringify({ id: 3, name: 'core.getStatus', input: { x: 1 } }), 'INVALID_INPUT'],
    ];
    for (const [message, code] of cases) {
      const answer = nextMessage(ws);
      ws.send(message);
      expect(await answer).toMatchObject({ kind: 'result', result: { ok: false, error: { code } } });
    }
    const answer = nextMessage(ws);
    ws.send(JSON.stringify({ id: 4, name: 'app.getInfo', input: {} }));
    expect(await answer).toMatchObject({ id: 4, result: { ok: true } });
    ws.close();
  });

  it('refuses a socket without the secret, with a wrong one, or from another origin', async () => {
    await expect(connect({ token: '' })).rejects.toThrow('401');
    await expect(connect({ token: host.token.slice(1) + 'x' })).rejects.toThrow('401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({ path: '/other' })).rejects.toThrow('404');
  });

  it('pushes core events to connected sockets', async () => {
    const ws = await connect();
    const event = nextMessage(ws);
    await core.refreshStatus();
    expect(await event).toMatchObject({ kind: 'event', name: 'core.statusChanged', payload: { state: 'ready', server: { reachable: false } } });
    ws.close();
  });
});

describe('browser host under abuse', () => {
  /** Sends `raw` bytes as they are (no client-side normalisation) and returns the status line. */
  function rawRequest(raw: string): Promise<string> {
    const { port } = new URL(host.origin);
    return new Promise((resolve, reject) => {
      const socket = connectTcp(Number(port), '127.0.0.1', () => socket.write(raw));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
  }

  it('never serves a file outside the renderer folder, even for raw dot-dot paths', async () => {
    for (const path of ['/../lysdesk-outside.txt', '/%2e%2e/lysdesk-outside.txt', '/..%2flysdesk-outside.txt', '/%2e%2e%2flysdesk-outside.txt']) {
      const status = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
  });

  it('answers a malformed upgrade request and keeps running', async () => {
    const status = await rawRequest('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect((await fetch(host.origin + '/')).status).toBe(200);
  });

  it('drops a socket that sends an oversized frame and keeps serving others', async () => {
    const ws = await connect();
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.send('x'.repeat(2 * 1024 * 1024));
    await closed;
    const other = await connect();
    const answer = nextMessage(other);
    other.send(JSON.stringify({ id: 1, name: 'app.getInfo', input: {} }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: true } });
    other.close();
  });
});
