import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, formatWait } from '../../../../electron/core/auth/errors';
import { authFiles } from '../../../../electron/core/auth/files';
import { FileSecretStore, MemorySecretStore, type SecretStore } from '../../../../electron/core/auth/secretStore';
import { createAuthSession, type AuthSession } from '../../../../electron/core/auth/session';
import type { AuthState } from '../../../../electron/shared/ipc/contract';

// The session's edge cases against a scripted HTTP server (a real one on loopback): the flows
// against the real service are in tests/integration/core/auth.test.ts.

type Route = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const STAFF = { id: 'st-1', name: 'Kari Konsulent', role: 'consultant', branchId: 'br-1' } as const;

let server: Server;
let baseUrl: string;
let routes: Record<string, Route> = {};
let requests: string[] = [];
let issued = 0;
/** While true the server drops every connection unanswered, as a server that is down would. */
let down = false;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function tokens(res: ServerResponse, expiresIn = 900): void {
  issued++;
  json(res, 200, { accessToken: `access-${issued}`, refreshToken: `refresh-${issued}`, expiresIn, staff: STAFF });
}

function defaultRoutes(): Record<string, Route> {
  return {
    'POST /v1/auth/login': (body, _req, res) => (body.password === 'riktig' ? tokens(res) : json(res, 401, { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' } })),
    'POST /v1/auth/refresh': (_body, _req, res) => tokens(res),
    'POST /v1/auth/logout': (_body, _req, res) => void res.writeHead(204).end(),
    'GET /v1/auth/demo-logins': (_body, _req, res) => json(res, 200, []),
    'GET /v1/health': (_body, _req, res) => json(res, 200, { status: 'ok', version: 'test', db: 'pglite' }),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (down) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = `${req.method} ${req.url}`;
      requests.push(key);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      const route = routes[key];
      if (route === undefined) return json(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
      void Promise.resolve(route(body, req, res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Harness {
  session: AuthSession;
  dataDir: string;
  secrets: SecretStore;
  clock: { ms: number };
  changes: AuthState[];
  reported: unknown[];
}

function harness(options: { dataDir?: string; secrets?: SecretStore; url?: string } = {}): Harness {
  routes = defaultRoutes();
  requests = [];
  down = false;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lysdesk-auth-unit-'));
  if (options.dataDir === undefined) folders.push(dataDir);
  const secrets = options.secrets ?? new FileSecretStore(authFiles(dataDir).secret);
  const clock = { ms: Date.parse('2026-03-02T08:00:00Z') };
  const reported: unknown[] = [];
  const session = createAuthSession({ baseUrl: options.url ?? baseUrl, dataDir, secrets, now: () => new Date(clock.ms), timeoutMs: 2_000, reportError: (error) => reported.push(error) });
  const changes: AuthState[] = [];
  session.onChange((state) => changes.push(state));
  return { session, dataDir, secrets, clock, changes, reported };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error.code;
    throw error;
  }
  throw new Error('expected an AuthError');
}

/** A port nothing listens on. */
async function deadUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('auth session (scripted server)', () => {
  it('shares one refresh among concurrent callers once the token nears expiry', async () => {
    const h = harness();
    await h.session.restore();
    await h.session.login('kari', 'riktig');
    expect(await h.session.accessToken()).toBe('access-' + String(issued));
    const first = issued;
    h.clock.ms += 839_000;
    expect(await h.session.accessToken()).toBe(`access-${first}`);
    h.clock.ms += 2_000;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    routes['POST /v1/auth/refresh'] = async (body, _req, res) => {
      expect(body).toEqual({ refreshToken: `refresh-${first}` });
      await gate;
      tokens(res);
    };
    const calls = Array.from({ length: 5 }, () => h.session.accessToken());
    release();
    const got = await Promise.all(calls);
    expect(new Set(got)).toEqual(new Set([`access-${first + 1}`]));
    expect(requests.filter((r) => r === 'POST /v1/auth/refresh')).toHaveLength(1);
    expect(await h.secrets.read()).toBe(`refresh-${first + 1}`);
  });

  it('renews a token the server refused only once, however many callers report it', async () => {
    const h = harness();
    await h.session.login('kari', 'riktig');
    const refused = await h.session.accessToken();
    const [a, b] = await Promise.all([h.session.accessToken({ rejected: refused }), h.session.accessToken({ rejected: refused })]);
    expect(a).not.toBe(refused);
    expect(b).toBe(a);
    expect(await h.session.accessToken({ rejected: refused })).toBe(a);
    expect(requests.filter((r) => r === 'POST /v1/auth/refresh')).toHaveLength(1);
  });

  it('gives RATE_LIMITED with the wait from Retry-After, in Norwegian', async () => {
    const h = harness();
    routes['POST /v1/auth/login'] = (_b, _r, res) => json(res, 429, { error: { code: 'RATE_LIMITED', message: 'Too many failed logins. Wait 2 minute(s), then try again.' } }, { 'retry-after': '97' });
    const error = await h.session.login('kari', 'feil').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 97 });
    expect((error as AuthError).message).toBe('For mange mislykkede innlogginger. Vent 2 minutter og prøv igjen.');
    expect(h.session.state().staff).toBeNull();
  });

  it('maps a server failure at login to SERVER_ERROR and a malformed username (400) to INVALID_CREDENTIALS', async () => {
    const h = harness();
    routes['POST /v1/auth/login'] = (_b, _r, res) => json(res, 503, { error: { code: 'DB_UNAVAILABLE', message: 'down' } });
    expect(await codeOf(h.session.login('kari', 'riktig'))).toBe('SERVER_ERROR');
    routes['POST /v1/auth/login'] = (_b, _r, res) => json(res, 400, { error: { code: 'INVALID_REQUEST', message: 'bad' } });
    expect(await codeOf(h.session.login('ka\u0000ri', 'riktig'))).toBe('INVALID_CREDENTIALS');
    routes['POST /v1/auth/login'] = (_b, _r, res) => json(res, 200, { accessToken: 'a' });
    expect(await codeOf(h.session.login('kari', 'riktig'))).toBe('SERVER_ERROR');
    expect(readdirSync(h.dataDir)).toEqual([]);
  });

  it('keeps the login through a server error on refresh, and ends it on a 401', async () => {
    const h = harness();
    await h.session.login('kari', 'riktig');
    routes['POST /v1/auth/refresh'] = (_b, _r, res) => json(res, 500, { error: { code: 'INTERNAL', message: 'oops' } });
    const token = await h.session.accessToken();
    expect(await codeOf(h.session.accessToken({ rejected: token }))).toBe('SERVER_ERROR');
    expect(h.session.state().staff?.id).toBe(STAFF.id);
    routes['POST /v1/auth/refresh'] = (_b, _r, res) => json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'ended' } });
    expect(await codeOf(h.session.accessToken({ rejected: token }))).toBe('SESSION_ENDED');
    expect(h.session.state().staff).toBeNull();
    expect(h.changes.at(-1)?.staff).toBeNull();
    expect(readdirSync(h.dataDir)).toEqual(['auth-client-ids.json']);
  });

  it('does not let a refresh that was out during logout sign the staff member back in', async () => {
    const h = harness();
    await h.session.login('kari', 'riktig');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    routes['POST /v1/auth/refresh'] = async (_b, _r, res) => {
      await gate;
      tokens(res);
    };
    const token = await h.session.accessToken();
    const pending = codeOf(h.session.accessToken({ rejected: token }));
    // Let the refresh request leave before logging out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.session.logout();
    release();
    expect(await pending).toBe('NOT_SIGNED_IN');
    expect(h.session.state().staff).toBeNull();
    expect(await h.secrets.read()).toBeNull();
    expect(requests).toContain('POST /v1/auth/logout');
  });

  it('never presents a stored login to another server', async () => {
    const h = harness();
    await h.session.login('kari', 'riktig');
    const other = harness({ dataDir: h.dataDir, secrets: h.secrets, url: baseUrl.replace('127.0.0.1', 'localhost') });
    const state = await other.session.restore();
    expect(state.staff).toBeNull();
    expect(requests).not.toContain('POST /v1/auth/refresh');
    expect(await h.secrets.read()).toBeNull();
  });

  it('starts signed out when the stored identity is not readable', async () => {
    const h = harness();
    writeFileSync(authFiles(h.dataDir).identity, '{"version":1,');
    await h.secrets.write('refresh-x');
    expect((await h.session.restore()).staff).toBeNull();
    expect(await h.secrets.read()).toBeNull();
    expect(readdirSync(h.dataDir)).toEqual([]);
  });

  it('without a stored refresh token (no keychain): offline keeps the staff member, a reachable server signs out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-auth-unit-'));
    folders.push(dataDir);
    const first = harness({ dataDir, secrets: new MemorySecretStore() });
    await first.session.login('kari', 'riktig');
    expect(first.session.state().canRemember).toBe(false);

    // "Restart" while the server is down: a fresh memory store holds nothing.
    const offline = harness({ dataDir, secrets: new MemorySecretStore() });
    down = true;
    expect(await offline.session.restore()).toMatchObject({ staff: { id: STAFF.id, username: 'kari' }, offline: true, demoLogins: [] });
    expect(await codeOf(offline.session.accessToken())).toBe('OFFLINE');
    expect(offline.session.state().staff).not.toBeNull();
    expect(offline.session.clientId()).toBe(first.session.clientId());

    const online = harness({ dataDir, secrets: new MemorySecretStore() });
    expect((await online.session.restore()).staff).toBeNull();
    expect(JSON.parse(readFileSync(authFiles(dataDir).clientIds, 'utf8'))).toHaveProperty(STAFF.id);
  });

  it('fills demoLogins from the server, and [] when it has none or does not answer', async () => {
    const h = harness();
    routes['GET /v1/auth/demo-logins'] = (_b, _r, res) => json(res, 200, [{ username: 'consultant@demo', role: 'consultant' }]);
    expect((await h.session.restore()).demoLogins).toEqual([{ username: 'consultant@demo', role: 'consultant' }]);
    routes['GET /v1/auth/demo-logins'] = (_b, _r, res) => json(res, 200, [{ username: 'x', role: 'boss' }]);
    expect((await h.session.refreshDemoLogins()).demoLogins).toEqual([]);
    const dead = harness({ url: await deadUrl() });
    expect((await dead.session.restore()).demoLogins).toEqual([]);
  });

  it('emits only real changes, and a throwing listener does not stop the others', async () => {
    const h = harness();
    const seen: AuthState[] = [];
    h.session.onChange(() => {
      throw new Error('listener bug');
    });
    h.session.onChange((state) => seen.push(state));
    await h.session.restore();
    expect(seen).toHaveLength(0);
    await h.session.login('kari', 'riktig');
    const token = await h.session.accessToken();
    await h.session.accessToken({ rejected: token });
    expect(seen).toHaveLength(1);
    expect(h.reported).toHaveLength(1);
  });
});

describe('formatWait', () => {
  it('says seconds under a minute and whole minutes, rounded up, above', () => {
    expect(formatWait(1)).toBe('1 sekund');
    expect(formatWait(45)).toBe('45 sekunder');
    expect(formatWait(60)).toBe('1 minutt');
    expect(formatWait(61)).toBe('2 minutter');
    expect(formatWait(900)).toBe('15 minutter');
  });
});
