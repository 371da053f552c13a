import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../electron/core/auth/errors';
import { authFiles } from '../../../electron/core/auth/files';
import { FileSecretStore } from '../../../electron/core/auth/secretStore';
import { createAuthSession, type AuthSession } from '../../../electron/core/auth/session';
import type { AuthState } from '../../../electron/shared/ipc/contract';
import { buildServer } from '../../../server/app';
import { enableDemoLogins } from '../../../server/auth';
import { migrate, openDatabase, type DbConfig } from '../../../server/db';
import { PASSWORD, seedStaff, STAFF } from '../server/authFixture';
import { BACKENDS, useTestDatabases } from '../server/backends';
import { call, codeOf } from '../server/httpFixture';

// The client core's auth session against the real service: login, renewal with rotating refresh
// tokens, offline start from the stored identity, reuse detection, logout. The service runs on a
// fixed port so it can be stopped and started again at the same address (a stored login belongs
// to one server), and on a clock shared with the session, so tokens expire without waiting.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const posix = process.platform !== 'win32';

let offsetMs = 0;
const now = (): Date => new Date(Date.now() + offsetMs);

interface Service {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The service on `port` (0: any), with staff auth on the shared clock and the demo logins on. */
async function startService(config: DbConfig, port: number): Promise<Service> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  await seedStaff(handle.db);
  const app = buildServer({ db: handle.db, dbKind: handle.kind, version: '0.0.0-test', logLevel: 'silent', auth: { secret: '', now } });
  enableDemoLogins(app);
  await app.listen({ port, host: '127.0.0.1' });
  const actual = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close() {
      closing ??= app.close().then(() => handle.close());
      return closing;
    },
  };
}

describe.each(BACKENDS)('the auth session against the service (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let service: Service;
  let port: number;
  const folders: string[] = [];

  async function stopService(): Promise<void> {
    await service.close();
  }
  async function startAgain(): Promise<void> {
    service = await startService(databases.config(), port);
  }

  beforeAll(async () => {
    service = await startService(databases.config(), 0);
    port = service.port;
  });
  afterEach(async () => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    // A test that stopped the service leaves it running again for the next.
    if (!(await reachable())) await startAgain();
  });
  afterAll(async () => {
    await service?.close();
  });

  async function reachable(): Promise<boolean> {
    try {
      await fetch(`http://127.0.0.1:${port}/v1/health`);
      return true;
    } catch {
      return false;
    }
  }

  function newDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'lysdesk-auth-'));
    folders.push(dir);
    return dir;
  }

  interface Opened {
    session: AuthSession;
    changes: AuthState[];
    secrets: FileSecretStore;
  }

  /** A session on `dataDir` as the app would create one at startup (restore not yet run). */
  function open(dataDir: string): Opened {
    const secrets = new FileSecretStore(authFiles(dataDir).secret);
    const session = createAuthSession({ baseUrl: `http://127.0.0.1:${port}`, dataDir, secrets, now, timeoutMs: 3_000, reportError: () => undefined });
    const changes: AuthState[] = [];
    session.onChange((state) => changes.push(state));
    return { session, changes, secrets };
  }

  async function signedIn(who: keyof typeof STAFF = 'consultant', dataDir = newDataDir()): Promise<Opened & { dataDir: string }> {
    const opened = open(dataDir);
    await opened.session.restore();
    await opened.session.login(STAFF[who].username, PASSWORD);
    return { ...opened, dataDir };
  }

  function whoami(token: string) {
    return call({ port }, 'GET', '/v1/sync/whoami', { token });
  }

  async function errorOf(promise: Promise<unknown>): Promise<AuthError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AuthError) return error;
      throw error;
    }
    throw new Error('expected an AuthError');
  }

  const demoLogins = [
    { username: STAFF.service.username, role: 'customer_service' },
    { username: STAFF.admin.username, role: 'admin' },
  ];

  it('logs in: the state names the staff member and holds no token; the token works; files are owner-only', async () => {
    const dataDir = newDataDir();
    const { session, changes, secrets } = open(dataDir);
    expect(await session.restore()).toEqual({ staff: null, offline: false, demoLogins, canRemember: true });
    expect(session.clientId()).toBeNull();

    const state = await session.login(`  ${STAFF.consultant.username} `, PASSWORD);
    const { id, username, name, role, branchId } = STAFF.consultant;
    expect(state).toEqual({ staff: { id, username, name, role, branchId }, offline: false, demoLogins, canRemember: true });
    expect(changes.at(-1)).toEqual(state);

    const token = await session.accessToken();
    expect(await session.accessToken()).toBe(token);
    const answer = await whoami(token);
    expect([answer.status, answer.body]).toEqual([200, expect.objectContaining({ id, role, branchId })]);

    const clientId = session.clientId();
    expect(clientId).toMatch(UUID);
    const refreshToken = await secrets.read();
    expect(refreshToken).not.toBeNull();
    const files = authFiles(dataDir);
    for (const file of [files.identity, files.clientIds, files.secret]) {
      if (posix) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    // Tokens stay on the main side: not in any state, event or non-secret file.
    const visible = [JSON.stringify(session.state()), JSON.stringify(changes), readFileSync(files.identity, 'utf8'), readFileSync(files.clientIds, 'utf8')].join('\n');
    expect(visible).not.toContain(token);
    expect(visible).not.toContain(refreshToken);
  });

  it('keeps one client id per staff member on an installation, across restarts and logouts', async () => {
    const first = await signedIn('consultant');
    const consultantId = first.session.clientId();
    const restarted = open(first.dataDir);
    await restarted.session.restore();
    expect(restarted.session.clientId()).toBe(consultantId);
    await restarted.session.logout();
    await restarted.session.login(STAFF.admin.username, PASSWORD);
    const adminId = restarted.session.clientId();
    expect(adminId).toMatch(UUID);
    expect(adminId).not.toBe(consultantId);
    await restarted.session.logout();
    await restarted.session.login(STAFF.consultant.username, PASSWORD);
    expect(restarted.session.clientId()).toBe(consultantId);
    // Another installation is another client.
    expect((await signedIn('consultant')).session.clientId()).not.toBe(consultantId);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS in Norwegian and stores nothing', async () => {
    const dataDir = newDataDir();
    const { session, changes } = open(dataDir);
    await session.restore();
    const error = await errorOf(session.login(STAFF.consultant.username, 'feil passord'));
    expect([error.code, error.message]).toEqual(['INVALID_CREDENTIALS', 'Feil brukernavn eller passord.']);
    expect(await errorOf(session.login(STAFF.inactive.username, PASSWORD))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(session.state().staff).toBeNull();
    expect(changes.every((state) => state.staff === null)).toBe(true);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(await errorOf(session.accessToken())).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('answers repeated failures with RATE_LIMITED and the wait', async () => {
    const { session } = open(newDataDir());
    for (let i = 0; i < 5; i++) await errorOf(session.login(STAFF.branch.username, `feil ${i}`));
    // Refused before the password is even checked: the right one does not help now.
    const error = await errorOf(session.login(STAFF.branch.username, PASSWORD));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(error.message).toMatch(/^For mange mislykkede innlogginger\. Vent \d+ minutt(er)? og prøv igjen\.$/);
  });

  it('renews an expiring access token with the rotating refresh token, once for concurrent callers', async () => {
    const { session, secrets } = await signedIn('admin');
    const first = await session.accessToken();
    const firstRefresh = await secrets.read();
    offsetMs += 15 * 60 * 1000 + 1_000;
    expect(codeOf(await whoami(first))).toBe('TOKEN_EXPIRED');

    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    const renewed = tokens[0];
    expect(renewed).not.toBe(first);
    expect((await whoami(renewed)).status).toBe(200);
    const secondRefresh = await secrets.read();
    expect(secondRefresh).not.toBe(firstRefresh);

    // Had two renewals presented the same refresh token, the server would have ended the login
    // (TOKEN_REUSED); a further renewal (the explicit path, for a token the server refused) works.
    // (Within one second the new access token may read the same: same claims, same iat.)
    const forced = await session.accessToken({ rejected: renewed });
    expect((await whoami(forced)).status).toBe(200);
    expect(await secrets.read()).not.toBe(secondRefresh);
    expect(session.state()).toMatchObject({ staff: { id: STAFF.admin.id }, offline: false });
  });

  it('opens offline from the stored login when the server is down, and goes online when it is back', async () => {
    const { session, dataDir } = await signedIn('consultant');
    const clientId = session.clientId();
    await stopService();

    const offline = open(dataDir);
    const { id, username, name, role, branchId } = STAFF.consultant;
    expect(await offline.session.restore()).toEqual({ staff: { id, username, name, role, branchId }, offline: true, demoLogins: [], canRemember: true });
    expect(offline.session.clientId()).toBe(clientId);
    const error = await errorOf(offline.session.accessToken());
    expect(error.code).toBe('OFFLINE');
    expect(offline.session.state()).toMatchObject({ staff: { id }, offline: true });
    expect(await offline.secrets.read()).not.toBeNull();

    await startAgain();
    const token = await offline.session.accessToken();
    expect((await whoami(token)).status).toBe(200);
    expect(offline.session.state()).toMatchObject({ staff: { id }, offline: false });
    expect(offline.changes.at(-1)).toMatchObject({ staff: { id }, offline: false });

    // The next start with the server up renews the stored login at once.
    const online = open(dataDir);
    expect(await online.session.restore()).toEqual({ staff: { id, username, name, role, branchId }, offline: false, demoLogins, canRemember: true });
    expect((await whoami(await online.session.accessToken())).status).toBe(200);
  });

  it('ends the login when a rotated refresh token is presented again: SESSION_ENDED, signed out', async () => {
    // Two copies of one login (e.g. a copied data folder): the second renews first…
    const original = await signedIn('service');
    const stale = await original.session.accessToken();
    const copyDir = newDataDir();
    for (const file of readdirSync(original.dataDir)) writeFileSync(join(copyDir, file), readFileSync(join(original.dataDir, file)));
    const copy = open(copyDir);
    expect(await copy.session.restore()).toMatchObject({ staff: { id: STAFF.service.id }, offline: false });

    // … so the original's refresh token is a used one: the server ends the whole login.
    const error = await errorOf(original.session.accessToken({ rejected: stale }));
    expect(error.code).toBe('SESSION_ENDED');
    expect(error.message).toContain('sikkerhetshensyn');
    expect(original.session.state()).toEqual({ staff: null, offline: false, demoLogins, canRemember: true });
    expect(original.changes.at(-1)?.staff).toBeNull();
    expect(await original.secrets.read()).toBeNull();
    expect(existsSync(authFiles(original.dataDir).identity)).toBe(false);
    expect(await errorOf(original.session.accessToken())).toMatchObject({ code: 'NOT_SIGNED_IN' });

    // The copy's login was the same one: it is over too.
    // The sync engine reports the refused token; the renewal then finds the login over.
    const copyToken = await copy.session.accessToken();
    expect(codeOf(await whoami(copyToken))).toBe('UNAUTHENTICATED');
    expect(await errorOf(copy.session.accessToken({ rejected: copyToken }))).toMatchObject({ code: 'SESSION_ENDED' });
    expect(copy.session.state().staff).toBeNull();

    // A start that finds a used refresh token stored begins signed out.
    const again = await signedIn('service');
    const used = await again.secrets.read();
    await again.session.accessToken({ rejected: await again.session.accessToken() });
    await again.secrets.write(used ?? '');
    expect((await open(again.dataDir).session.restore()).staff).toBeNull();
    expect(existsSync(authFiles(again.dataDir).secret)).toBe(false);
  });

  it('logs out: ends the login on the server and clears the local secret and identity, keeping client ids', async () => {
    const { session, secrets, changes, dataDir } = await signedIn('consultant');
    const token = await session.accessToken();
    const refreshToken = await secrets.read();
    expect(await session.logout()).toEqual({ staff: null, offline: false, demoLogins, canRemember: true });
    expect(changes.at(-1)?.staff).toBeNull();
    expect(readdirSync(dataDir)).toEqual(['auth-client-ids.json']);
    expect(session.clientId()).toBeNull();
    expect(codeOf(await whoami(token))).toBe('UNAUTHENTICATED');
    const refreshed = await call({ port }, 'POST', '/v1/auth/refresh', { body: { refreshToken } });
    expect(refreshed.status).toBe(401);
    expect((await open(dataDir).session.restore()).staff).toBeNull();
  });

  it('logs out while the server is down: local secrets go all the same', async () => {
    const { session, dataDir } = await signedIn('consultant');
    await stopService();
    expect((await session.logout()).staff).toBeNull();
    expect(readdirSync(dataDir)).toEqual(['auth-client-ids.json']);
    await startAgain();
    expect((await open(dataDir).session.restore()).staff).toBeNull();
  });
});
