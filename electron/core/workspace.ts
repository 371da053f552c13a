import { join } from 'node:path';
import type { NeedsAttentionItem, SyncStatus } from '../shared/ipc/contract';
import type { SyncTableName } from '../shared/sync/rows';
import { openCache, type Cache } from './cache/open';
import { startSyncEngine, type SyncEngine } from './sync/engine';
import { Outbox, type SubmitResult } from './sync/outbox';
import { pushOutbox } from './sync/push';

/** The signed-in staff member a workspace belongs to. */
export interface WorkspaceStaff {
  id: string;
  role: 'consultant' | 'branch' | 'customer_service' | 'admin';
  branchId: string | null;
}

/** What a workspace needs from the core. */
export interface WorkspaceOptions {
  dataDir: string;
  baseUrl: string;
  staff: WorkspaceStaff;
  clientId: string;
  accessToken(rejected?: string): Promise<string>;
  onStatus(status: SyncStatus): void;
  onTablesChanged(tables: SyncTableName[]): void;
  now: () => Date;
  sync?: { pullEveryMs?: number; pokes?: boolean; retryDelay?: (attempt: number) => number };
  reportError?: (where: string, error: unknown) => void;
}

/** One staff member's cache, outbox and sync loop, open while they are signed in. */
export interface Workspace {
  readonly staffId: string;
  readonly cache: Cache;
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  submit(name: string, args: unknown): { seq: number };
  /** Queues several actions in one durable write; one notification for all of them. */
  submitMany(mutations: ReadonlyArray<{ name: string; args: unknown }>): { results: SubmitResult[] };
  listNeedsAttention(): NeedsAttentionItem[];
  dismiss(seq: number): boolean;
  close(): Promise<void>;
}

/**
 * Opens the workspace of `options.staff`. Each staff member has a cache file of their own: it
 * holds only rows they may see, and their queued actions, which wait there (also across a
 * logout) until they sign in again and the actions can be sent as them.
 */
export function openWorkspace(options: WorkspaceOptions): Workspace {
  const cache = openCache({ file: join(options.dataDir, `cache-${fileSafe(options.staff.id)}.sqlite`) });
  const outbox = new Outbox(cache.sqlite, { now: options.now, reportError: (seq, error) => options.reportError?.(`outbox seq ${seq}`, error) });
  const engine: SyncEngine = startSyncEngine({
    sqlite: cache.sqlite,
    baseUrl: options.baseUrl,
    clientId: options.clientId,
    accessToken: (rejected) => options.accessToken(rejected),
    outbox: {
      stats: () => outbox.stats(),
      rebase: (page) => outbox.rebase(page),
      acknowledge: (lastSeq) => outbox.acknowledge(lastSeq),
      push: async (target) => (await pushOutbox(outbox, target)).tables,
    },
    onStatus: (status) => options.onStatus(status),
    onTablesChanged: (tables) => options.onTablesChanged(tables),
    now: () => options.now(),
    reportError: (where, error) => options.reportError?.(where, error),
    ...options.sync,
  });
  const actor = { id: options.staff.id, role: options.staff.role, branchId: options.staff.branchId };
  return {
    staffId: options.staff.id,
    cache,
    status: () => engine.status(),
    syncNow: () => engine.syncNow(),
    submit(name, args) {
      const queued = outbox.submit(name, args, actor, options.now().toISOString());
      if (queued.tables.length > 0) options.onTablesChanged(queued.tables);
      engine.actionQueued();
      return { seq: queued.seq };
    },
    submitMany(mutations) {
      const queued = outbox.submitMany(mutations, actor, options.now().toISOString());
      if (queued.tables.length > 0) options.onTablesChanged(queued.tables);
      if (queued.results.some((result) => 'seq' in result)) engine.actionQueued();
      return { results: queued.results };
    },
    listNeedsAttention: () => outbox.listNeedsAttention(),
    dismiss(seq) {
      const dismissed = outbox.dismiss(seq);
      if (dismissed) options.onStatus(engine.status());
      return dismissed;
    },
    async close() {
      await engine.close();
      await cache.close();
    },
  };
}

// Staff ids are the server's (UUIDs or seed ids); anything else is kept out of the file name.
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
