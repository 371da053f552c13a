import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Core } from '../core/core';
import { createSocketBridge } from './socketBridge';
import { serveStatic } from './staticFiles';

/** Options of the browser host. */
export interface HostOptions {
  core: Core;
  /** The built renderer (electron-vite's `out/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed secret for tests; a fresh random one otherwise. */
  token?: string;
}

/** A running host. `url` carries the secret in its fragment: it is the address to open. */
export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer on 127.0.0.1 and binds the core's router over a WebSocket guarded by a
 * per-start secret, so the real renderer runs in a plain browser where Electron cannot.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npm run build" first.`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer((request, response) => {
    serveStatic(rendererDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const bridge = createSocketBridge(options.core.router, options.core.events, origin, token);
  server.on('upgrade', (request, socket, head) => bridge.handleUpgrade(request, socket, head));

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
