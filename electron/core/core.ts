import type { AppInfo, CoreStatus } from '../shared/ipc/contract';
import { createEventHub, type EventHub } from './events';
import { createRouter, type ErrorReporter, type Router } from './router';
import { checkServerHealth, sameServerStatus } from './serverHealth';

/** What the core needs from whoever starts it (Electron's main process or the browser host). */
export interface CoreOptions {
  appName: string;
  appVersion: string;
  runtime: AppInfo['runtime'];
  /** Base URL of the shop backend's staff service. */
  serverUrl: string;
  /** How often to re-check the server; 0 turns the timer off (tests). */
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  now?: () => Date;
  reportError?: ErrorReporter;
}

/** The running core: the router to bind to a transport, its events, and a way to stop it. */
export interface Core {
  router: Router;
  events: EventHub;
  /** Re-checks the server now and emits `core.statusChanged` if anything changed. */
  refreshStatus(): Promise<CoreStatus>;
  close(): void;
}

/**
 * Starts the core. It is plain Node (no Electron), so the same code serves the Electron app,
 * the browser host used by the end-to-end tests, and the unit tests.
 */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.healthTimeoutMs ?? 2_000;
  const events = createEventHub();
  let status: CoreStatus = {
    state: 'starting',
    startedAt: now().toISOString(),
    server: { url: options.serverUrl, reachable: false, version: null, db: null, checkedAt: null },
  };

  async function refreshStatus(): Promise<CoreStatus> {
    const server = await checkServerHealth(options.serverUrl, timeoutMs, now);
    const changed = status.state !== 'ready' || !sameServerStatus(status.server, server);
    status = { ...status, state: 'ready', server };
    if (changed) events.emit('core.statusChanged', status);
    return status;
  }

  const router = createRouter(
    {
      'app.getInfo': () => ({ name: options.appName, version: options.appVersion, runtime: options.runtime }),
      'core.getStatus': () => (status.state === 'ready' ? status : refreshStatus()),
    },
    options.reportError,
  );

  const intervalMs = options.healthIntervalMs ?? 10_000;
  const timer = intervalMs > 0 ? setInterval(() => void refreshStatus(), intervalMs) : null;
  timer?.unref();

  return {
    router,
    events,
    refreshStatus,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
