import { mkdirSync } from 'node:fs';
import type { AppInfo, CoreStatus, SyncStatus } from '../shared/ipc/contract';
import type { SyncTableName } from '../shared/sync/rows';
import { createAuthSession, type AuthSession, type SecretStore } from './auth';
import { createEventHub, type EventHub } from './events';
import { CoreError, createRouter, type ErrorReporter, type Router } from './router';
import { checkServerHealth, sameServerStatus } from './serverHealth';
import { readCustomerDetail } from './queries/customerDetail';
import { readCustomerSearch } from './queries/customerSearch';
import { readHomeSummary } from './queries/homeSummary';
import { readMigrationCustomers } from './queries/migrationCustomers';
import { readMigrationOverview } from './queries/migrationOverview';
import { readQuoteAssignees } from './queries/quoteAssignees';
import { readQuoteDashboard } from './queries/quoteDashboard';
import { readQuoteDetail } from './queries/quoteDetail';
import { readQuoteQueue } from './queries/quoteQueue';
import { readTierSuggestions } from './queries/tierSuggestions';
import { defaultBusinessSettings, readBusinessSettings } from './sync/settings';
import { openWorkspace, type Workspace, type WorkspaceOptions } from './workspace';

/** What the core needs from whoever starts it (Electron's worker, the browser host, tests). */
export interface CoreOptions {
  appName: string;
  appVersion: string;
  runtime: AppInfo['runtime'];
  /** Base URL of the shop backend's staff service. */
  serverUrl: string;
  /** Where the sign-in files and each staff member's cache live. */
  dataDir: string;
  /** Where the refresh token is kept (safeStorage in Electron, a file in the host and tests). */
  secrets: SecretStore;
  /** Resolves when stored secrets can be read (Electron: app ready); the session is restored then. */
  ready?: Promise<unknown>;
  /** How often to re-check the server; 0 turns the timer off (tests). */
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  /** Sync loop tuning (tests turn the timer off). */
  sync?: WorkspaceOptions['sync'];
  now?: () => Date;
  reportError?: ErrorReporter;
}

/** The running core: the router to bind to a transport, its events, and a way to stop it. */
export interface Core {
  router: Router;
  events: EventHub;
  /** Re-checks the server now and emits `core.statusChanged` if anything changed. */
  refreshStatus(): Promise<CoreStatus>;
  close(): Promise<void>;
}

const signedOutSync: SyncStatus = {
  online: true,
  activity: 'idle',
  snapshot: null,
  hasData: false,
  lastSyncAt: null,
  queueDepth: 0,
  oldestPendingAt: null,
  needsAttention: 0,
  lastError: null,
};

/**
 * Starts the core. It is plain Node (no Electron), so the same code serves the Electron app (in
 * a worker thread), the browser host used by the end-to-end tests, and the tests.
 */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.healthTimeoutMs ?? 2_000;
  const report = options.reportError ?? (() => undefined);
  // Owner-only: it holds the sign-in files and the caches of what staff may see.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const events = createEventHub();
  let status: CoreStatus = {
    state: 'starting',
    startedAt: now().toISOString(),
    server: { url: options.serverUrl, reachable: false, version: null, db: null, checkedAt: null },
  };

  const auth: AuthSession = createAuthSession({
    baseUrl: options.serverUrl,
    dataDir: options.dataDir,
    secrets: options.secrets,
    now,
    reportError: (error) => report('auth', error),
  });
  const restoring = (options.ready ?? Promise.resolve()).then(() => auth.restore());
  let workspace: Workspace | undefined;
  // Sign-in changes are applied one after another, so two quick changes never open two caches.
  let switching: Promise<void> = Promise.resolve();
  let closed = false;

  function follow(): void {
    switching = switching.then(async () => {
      const staff = closed ? null : auth.state().staff;
      const clientId = auth.clientId();
      if (workspace !== undefined && (staff === null || workspace.staffId !== staff.id)) {
        const old = workspace;
        workspace = undefined;
        await old.close();
      }
      if (staff !== null && workspace === undefined && clientId !== null) {
        workspace = openWorkspace({
          dataDir: options.dataDir,
          baseUrl: options.serverUrl,
          staff,
          clientId,
          accessToken: (rejected) => auth.accessToken(rejected === undefined ? undefined : { rejected }),
          onStatus: (sync) => events.emit('sync.statusChanged', sync),
          onTablesChanged: (tables: SyncTableName[]) => events.emit('data.changed', { tables }),
          now,
          ...(options.sync !== undefined && { sync: options.sync }),
          reportError: report,
        });
      }
      if (workspace === undefined) events.emit('sync.statusChanged', signedOutSync);
    });
    switching = switching.catch((error: unknown) => report('workspace', error));
  }

  auth.onChange((state) => {
    events.emit('auth.changed', state);
    follow();
  });
  void restoring.then(follow, (error: unknown) => report('auth.restore', error));

  async function refreshStatus(): Promise<CoreStatus> {
    const server = await checkServerHealth(options.serverUrl, timeoutMs, now);
    const changed = status.state !== 'ready' || !sameServerStatus(status.server, server);
    const cameBack = server.reachable && !status.server.reachable;
    status = { ...status, state: 'ready', server };
    if (changed) events.emit('core.statusChanged', status);
    if (cameBack) {
      // Back online: a session restored offline gets a fresh token; a login screen its demo logins.
      if (auth.state().staff !== null && auth.state().offline) void auth.accessToken().catch(() => undefined);
      else if (auth.state().staff === null) void auth.refreshDemoLogins().catch(() => undefined);
      // Queued actions go out and changes come in now, not at the end of the retry wait.
      void workspace?.syncNow();
    }
    return status;
  }

  function needWorkspace(): Workspace {
    if (workspace === undefined) throw new CoreError('NOT_SIGNED_IN', 'Du er ikke logget inn. Logg inn for å fortsette.');
    return workspace;
  }

  // Calls that use the workspace wait for sign-in changes in flight, so they see the right one.
  async function current(): Promise<Workspace | undefined> {
    await restoring.catch(() => undefined);
    await switching;
    return workspace;
  }

  // The signed-in staff member's workspace once its cache holds a snapshot; before that a query
  // answers null (the renderer shows "loading"), not an empty list that looks like real data.
  async function withData(): Promise<Workspace | undefined> {
    const open = await current();
    return open === undefined || !open.status().hasData ? undefined : open;
  }

  const router = createRouter(
    {
      'app.getInfo': () => ({ name: options.appName, version: options.appVersion, runtime: options.runtime }),
      'core.getStatus': () => (status.state === 'ready' ? status : refreshStatus()),
      'auth.getState': async () => {
        await restoring.catch(() => undefined);
        return auth.state();
      },
      'auth.login': ({ username, password }) => auth.login(username, password),
      'auth.logout': () => auth.logout(),
      'sync.getStatus': async () => (await current())?.status() ?? signedOutSync,
      'sync.syncNow': async () => {
        const open = await current();
        return open === undefined ? signedOutSync : open.syncNow();
      },
      'sync.listNeedsAttention': async () => (await current())?.listNeedsAttention() ?? [],
      'sync.dismissNeedsAttention': async ({ seq }) => ({ dismissed: (await current())?.dismiss(seq) ?? false }),
      'home.getSummary': async () => {
        const open = await withData();
        return open === undefined ? null : readHomeSummary(open.cache.sqlite, now());
      },
      'quotes.queue': async (filter) => {
        const open = await withData();
        return open === undefined ? null : readQuoteQueue(open.cache.sqlite, filter, open.staffId, now());
      },
      'quotes.get': async ({ quoteId }) => {
        const open = await withData();
        return open === undefined ? null : readQuoteDetail(open.cache.sqlite, quoteId);
      },
      'quotes.getDashboard': async () => {
        const open = await withData();
        return open === undefined ? null : readQuoteDashboard(open.cache.sqlite, now());
      },
      'quotes.listAssignees': async ({ branchId }) => {
        const open = await withData();
        return open === undefined ? [] : readQuoteAssignees(open.cache.sqlite, branchId);
      },
      'mutation.submit': async ({ name, args }) => {
        await current();
        return needWorkspace().submit(name, args);
      },
      'mutation.submitMany': async ({ mutations }) => {
        await current();
        return needWorkspace().submitMany(mutations);
      },
      'customers.search': async (input) => {
        const open = await withData();
        return open === undefined ? null : readCustomerSearch(open.cache.sqlite, input, now());
      },
      'customers.get': async ({ customerId }) => {
        const open = await withData();
        return open === undefined ? null : readCustomerDetail(open.cache.sqlite, customerId, readBusinessSettings(open.cache.sqlite, now()), now());
      },
      'customers.tierSuggestions': async ({ branchId }) => {
        const open = await withData();
        return open === undefined ? null : readTierSuggestions(open.cache.sqlite, branchId, readBusinessSettings(open.cache.sqlite, now()), now());
      },
      'migration.overview': async ({ branchId }) => {
        const open = await withData();
        return open === undefined ? null : readMigrationOverview(open.cache.sqlite, branchId, readBusinessSettings(open.cache.sqlite, now()), now());
      },
      'migration.customers': async (filter) => {
        const open = await withData();
        return open === undefined ? null : readMigrationCustomers(open.cache.sqlite, filter, now());
      },
      // Signed out there is no cache to keep settings in: the defaults, as before the first answer.
      'settings.get': async () => {
        const open = await current();
        return open === undefined ? { ...defaultBusinessSettings(now()), fetchedAt: null } : readBusinessSettings(open.cache.sqlite, now());
      },
    },
    report,
  );

  const intervalMs = options.healthIntervalMs ?? 10_000;
  const timer = intervalMs > 0 ? setInterval(() => void refreshStatus(), intervalMs) : null;
  timer?.unref();

  return {
    router,
    events,
    refreshStatus,
    async close() {
      if (timer) clearInterval(timer);
      closed = true;
      follow();
      await switching;
    },
  };
}
