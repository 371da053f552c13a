import { healthResponseSchema } from '../shared/protocol/health';
import type { CoreStatus } from '../shared/ipc/contract';

/** The server part of the core status. */
export type ServerStatus = CoreStatus['server'];

/**
 * Asks the shop backend's `/v1/health`. Any failure (refused, timeout, wrong shape) counts as
 * unreachable: the status bar only needs to know whether the service answers as it should.
 */
export async function checkServerHealth(serverUrl: string, timeoutMs: number, now: () => Date): Promise<ServerStatus> {
  const checkedAt = now().toISOString();
  try {
    const response = await fetch(new URL('/v1/health', serverUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await response.json();
    const health = healthResponseSchema.safeParse(body);
    if (response.ok && health.success) {
      return { url: serverUrl, reachable: true, version: health.data.version, db: health.data.db, checkedAt };
    }
  } catch {
    // Falls through to "unreachable".
  }
  return { url: serverUrl, reachable: false, version: null, db: null, checkedAt };
}

/** True when two server statuses would read the same in the status bar. */
export function sameServerStatus(a: ServerStatus, b: ServerStatus): boolean {
  return a.reachable === b.reachable && a.version === b.version && a.db === b.db && a.url === b.url;
}
