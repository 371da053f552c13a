import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, requestJson } from '../../../../electron/core/sync/http';

// Compression is asked for only where there is a network to save: a gzipped answer is inflated,
// and a service on this machine is asked for none.

describe('the client’s HTTP requests', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Array<string | undefined> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const encoding = req.headers['accept-encoding'];
      seen.push(encoding);
      const body = Buffer.from(JSON.stringify({ greeting: 'Hei på deg', encoding: encoding ?? null }));
      if (encoding?.includes('gzip') === true) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks a service on loopback for no compression', async () => {
    expect(await requestJson({ baseUrl, method: 'GET', path: '/x' })).toEqual({ greeting: 'Hei på deg', encoding: null });
    expect(seen.at(-1)).toBeUndefined();
  });

  it('asks for gzip when told to (as off loopback) and inflates the answer', async () => {
    expect(await requestJson({ baseUrl, method: 'GET', path: '/x', compress: true })).toEqual({ greeting: 'Hei på deg', encoding: 'gzip' });
    expect(seen.at(-1)).toBe('gzip');
  });

  it('knows loopback addresses from the rest', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.4.5.6', 'http://localhost:3000', 'http://[::1]:8080']) expect(isLoopback(new URL(url))).toBe(true);
    for (const url of ['https://shop.example.no', 'http://10.0.0.5', 'http://128.0.0.1', 'http://127.0.0.1.example.no']) expect(isLoopback(new URL(url))).toBe(false);
  });
});
