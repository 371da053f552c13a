import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The same policy as the renderer's meta tag, plus what only a header can say
 * (frame-ancestors): the host must not be weaker than Electron.
 */
export const hostContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

/** Resolves a request path inside `root`, or null when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** Serves the built renderer read-only, with security headers on every answer. */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('content-security-policy', hostContentSecurityPolicy);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
  const path = resolveInside(root, new URL(request.url ?? '/', 'http://host').pathname);
  if (!path) return send(response, 400, 'Bad path');
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return send(response, 404, 'Not found');
  response.writeHead(200, {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Hashed assets may be cached; the HTML must not, so a rebuilt app is picked up on reload.
    'cache-control': path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') return void response.end();
  // The file may vanish between stat and read (a rebuild empties out/renderer): end the
  // response instead of letting the stream error escape.
  pipeline(createReadStream(path), response, (error) => {
    if (error) response.destroy();
  });
}
