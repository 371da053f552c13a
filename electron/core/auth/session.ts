import type { TokenResponse } from '../../shared/protocol/auth';
import type { AuthState } from '../../shared/ipc/contract';
import { getDemoLogins, postLogin, postLogout, postRefresh, serverReachable, type AuthEndpoint, type AuthFailure } from './client';
import { AuthError, invalidCredentials, notSignedIn, offline as offlineError, rateLimited, serverError, sessionEnded } from './errors';
import { authFiles, clientIdFor, readIdentity, removeIdentity, writeIdentity } from './files';
import type { SecretStore } from './secretStore';

/** The signed-in staff member as the renderer sees them. */
export type SessionStaff = NonNullable<AuthState['staff']>;

/** What the session needs from whoever starts it. */
export interface AuthSessionOptions {
  /** Base URL of the staff service. */
  baseUrl: string;
  /** The app's data folder: the last identity and the client ids live there. */
  dataDir: string;
  /** Where the refresh token is kept between starts. */
  secrets: SecretStore;
  now?: () => Date;
  /** No answer within this time counts as offline. Default 10 s. */
  timeoutMs?: number;
  /** Renew the access token when less than this is left (at most a quarter of its life). Default 60 s. */
  refreshMarginMs?: number;
  /** Where failures that are not the staff member's to act on go (a secret that cannot be stored …). */
  reportError?: (error: unknown) => void;
}

/**
 * The staff login of this installation, main side. Tokens live only in here (and the refresh
 * token in `secrets`); what leaves it is {@link AuthState}, which holds no token.
 */
export interface AuthSession {
  /** Who is signed in now, with no I/O. Before {@link restore} ends: nobody. */
  state(): AuthState;
  /**
   * At startup: the stored login, renewed when the server answers, else `offline: true` with the
   * stored staff member so the app works from its cache. Runs once; later calls share it.
   * Never rejects for the server's sake (a refused login ends signed out).
   */
  restore(): Promise<AuthState>;
  /** Logs in; throws AuthError INVALID_CREDENTIALS, RATE_LIMITED, OFFLINE or SERVER_ERROR. */
  login(username: string, password: string): Promise<AuthState>;
  /** Clears every local secret and the stored identity, then ends the login on the server if it answers. */
  logout(): Promise<AuthState>;
  /**
   * A valid access token, renewed with the refresh token shortly before it expires; concurrent
   * callers share one renewal. `rejected`: the server refused this token (401 TOKEN_EXPIRED,
   * e.g. a wrong clock), so get a new one unless that already happened. Throws AuthError
   * OFFLINE (still signed in), SESSION_ENDED (now signed out), NOT_SIGNED_IN or SERVER_ERROR.
   */
  accessToken(options?: { rejected?: string }): Promise<string>;
  /** The signed-in staff member's client id on this installation (protocol.md, push); null when signed out. */
  clientId(): string | null;
  /** Asks the server again which demo logins to offer (best effort; [] when it does not answer). */
  refreshDemoLogins(): Promise<AuthState>;
  /** Calls `listener` with the new state whenever {@link state} changes; returns the unsubscribe. */
  onChange(listener: (state: AuthState) => void): () => void;
}

interface AccessToken {
  token: string;
  expiresAtMs: number;
  lifetimeMs: number;
}

/** Creates the session; call {@link AuthSession.restore} once at startup. */
export function createAuthSession(options: AuthSessionOptions): AuthSession {
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets;
  const files = authFiles(options.dataDir);
  const origin = new URL(options.baseUrl).origin;
  const endpoint: AuthEndpoint = { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000 };
  // Logout and the demo list must not hold the screen up for long.
  const quick: AuthEndpoint = { ...endpoint, timeoutMs: Math.min(endpoint.timeoutMs, 5_000) };
  const marginMs = options.refreshMarginMs ?? 60_000;
  const report = options.reportError ?? ((error: unknown) => console.error('[auth]', error));
  const listeners = new Set<(state: AuthState) => void>();

  let staff: SessionStaff | null = null;
  let offline = false;
  let demoLogins: AuthState['demoLogins'] = [];
  let refreshToken: string | null = null;
  let access: AccessToken | null = null;
  let clientId: string | null = null;
  // Bumped by every login and sign-out: an answer to a request of an earlier login is dropped.
  let epoch = 0;
  let refreshing: Promise<string> | null = null;
  let restoring: Promise<AuthState> | null = null;

  function state(): AuthState {
    return {
      staff: staff === null ? null : { ...staff },
      offline: staff !== null && offline,
      demoLogins: demoLogins.map((login) => ({ ...login })),
      canRemember: secrets.canPersist,
    };
  }

  let lastEmitted = JSON.stringify(state());
  function emitIfChanged(): void {
    const current = state();
    const text = JSON.stringify(current);
    if (text === lastEmitted) return;
    lastEmitted = text;
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (error) {
        report(error);
      }
    }
  }

  // Local writes that fail must not undo a login the server accepted: it then lasts until quit.
  async function persist(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      report(error);
    }
  }

  function accept(tokens: TokenResponse, username: string): void {
    staff = { id: tokens.staff.id, username, name: tokens.staff.name, role: tokens.staff.role, branchId: tokens.staff.branchId };
    refreshToken = tokens.refreshToken;
    const lifetimeMs = tokens.expiresIn * 1000;
    access = { token: tokens.accessToken, expiresAtMs: now().getTime() + lifetimeMs, lifetimeMs };
    offline = false;
  }

  function saveIdentity(signedIn: SessionStaff): Promise<void> {
    return persist(() => writeIdentity(files.identity, { version: 1, serverOrigin: origin, staff: signedIn, signedInAt: now().toISOString() }));
  }

  /** Forgets the login here: identity first, so a crash in between leaves an orphan secret (dropped at restore), never a staff member without one. */
  async function signOutLocally(): Promise<void> {
    epoch++;
    refreshing = null;
    staff = null;
    offline = false;
    access = null;
    refreshToken = null;
    clientId = null;
    await persist(() => removeIdentity(files.identity));
    await persist(() => secrets.clear());
  }

  async function loadDemoLogins(): Promise<void> {
    const answer = await getDemoLogins(quick);
    demoLogins = answer.ok ? answer.value.map(({ username, role }) => ({ username, role })) : [];
  }

  async function settleRestore(): Promise<void> {
    if (restoring === null) return;
    try {
      await restoring;
    } catch {
      // restore() reports its own failure to its caller.
    }
  }

  async function readSecret(): Promise<string | null> {
    try {
      return await secrets.read();
    } catch (error) {
      report(error);
      return null;
    }
  }

  async function doRestore(): Promise<AuthState> {
    const demo = loadDemoLogins();
    try {
      await restoreStoredLogin();
    } finally {
      await demo;
      emitIfChanged();
    }
    return state();
  }

  async function restoreStoredLogin(): Promise<void> {
    const identity = await readIdentity(files.identity);
    const secret = await readSecret();
    if (identity === null || identity.serverOrigin !== origin) {
      // A secret without its identity, or of another server, is never presented to this one.
      if (identity !== null) await persist(() => removeIdentity(files.identity));
      if (secret !== null) await persist(() => secrets.clear());
      return;
    }
    staff = identity.staff;
    clientId = await clientIdFor(files.clientIds, identity.staff.id);
    // Until the server has renewed the login, the app works from its cache.
    offline = true;
    refreshToken = secret;
    try {
      await refreshShared();
    } catch (error) {
      // OFFLINE and SERVER_ERROR keep the stored login; SESSION_ENDED has signed out already.
      if (!(error instanceof AuthError)) report(error);
    }
  }

  function refreshShared(): Promise<string> {
    if (refreshing !== null) return refreshing;
    const started: Promise<string> = renew().finally(() => {
      if (refreshing === started) refreshing = null;
    });
    refreshing = started;
    return started;
  }

  async function renew(): Promise<string> {
    const startEpoch = epoch;
    const signedIn = staff;
    if (signedIn === null) throw notSignedIn();
    const token = refreshToken;
    if (token === null) {
      // Nothing to renew with (no keychain here: the login lasted until the app quit). Only a
      // server that answers can tell; offline the staff member keeps working from the cache.
      const reachable = await serverReachable(endpoint);
      if (epoch !== startEpoch) return afterEpochChange();
      if (!reachable) return goOffline(undefined);
      await signOutLocally();
      emitIfChanged();
      throw sessionEnded('refused');
    }
    const answer = await postRefresh(endpoint, token);
    if (epoch !== startEpoch) return afterEpochChange();
    if (answer.ok) {
      accept(answer.value, signedIn.username);
      // The old token is spent on the server now: the new one must be what a restart finds.
      await persist(() => secrets.write(answer.value.refreshToken));
      const renewed = staff;
      if (renewed !== null && JSON.stringify(renewed) !== JSON.stringify(signedIn)) await saveIdentity(renewed);
      emitIfChanged();
      return answer.value.accessToken;
    }
    if (answer.status === 0) return goOffline(answer);
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      // Reused (the login was revoked for safety), expired, revoked, or the account deactivated.
      await signOutLocally();
      emitIfChanged();
      throw sessionEnded(answer.code === 'TOKEN_REUSED' ? 'reused' : 'refused');
    }
    throw serverError(answer.status, answer.code);
  }

  function goOffline(failure: AuthFailure | undefined): never {
    offline = true;
    emitIfChanged();
    throw offlineError('refresh', failure?.message);
  }

  // A login or logout happened while the request was out: its answer belongs to a login that is over.
  function afterEpochChange(): Promise<string> {
    if (staff === null) throw notSignedIn();
    return accessToken();
  }

  async function accessToken(tokenOptions: { rejected?: string } = {}): Promise<string> {
    await settleRestore();
    if (staff === null) throw notSignedIn();
    const current = access;
    if (current !== null && current.token !== tokenOptions.rejected) {
      const left = current.expiresAtMs - now().getTime();
      if (left > Math.min(marginMs, current.lifetimeMs / 4)) return current.token;
    }
    return refreshShared();
  }

  async function login(username: string, password: string): Promise<AuthState> {
    await settleRestore();
    const name = username.trim();
    const answer = await postLogin(endpoint, name, password);
    if (!answer.ok) throw loginError(answer);
    // First, so a data folder that cannot be written fails the login before anything changed.
    const newClientId = await clientIdFor(files.clientIds, answer.value.staff.id);
    const previous = { accessToken: access?.token ?? null, refreshToken };
    epoch++;
    refreshing = null;
    accept(answer.value, name);
    clientId = newClientId;
    const signedIn = staff;
    if (signedIn !== null) await saveIdentity(signedIn);
    await persist(() => secrets.write(answer.value.refreshToken));
    // Not expected (the login screen shows only when signed out), but a login it replaces ends too.
    if (previous.accessToken !== null || previous.refreshToken !== null) await postLogout(quick, previous);
    emitIfChanged();
    return state();
  }

  async function logout(): Promise<AuthState> {
    await settleRestore();
    const tokens = { accessToken: access?.token ?? null, refreshToken };
    // Local secrets go first, whatever the network does.
    await signOutLocally();
    if (tokens.accessToken !== null || tokens.refreshToken !== null) {
      const answer = await postLogout(quick, tokens);
      // Offline the login simply runs out on the server (its refresh token is gone from here).
      if (!answer.ok && answer.status !== 0) report(new Error(`logout: ${answer.code} ${answer.message}`));
    }
    await loadDemoLogins();
    emitIfChanged();
    return state();
  }

  return {
    state,
    restore() {
      restoring ??= doRestore();
      return restoring;
    },
    login,
    logout,
    accessToken,
    clientId: () => clientId,
    async refreshDemoLogins() {
      await loadDemoLogins();
      emitIfChanged();
      return state();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function loginError(failure: AuthFailure): AuthError {
  if (failure.status === 0) return offlineError('login', failure.message);
  if (failure.status === 429 || failure.code === 'RATE_LIMITED') return rateLimited(failure.retryAfterSeconds ?? 60);
  // 400: a username the server cannot even look up (e.g. a control character) exists nowhere.
  if (failure.status === 401 || failure.status === 400) return invalidCredentials();
  return serverError(failure.status, failure.code);
}
