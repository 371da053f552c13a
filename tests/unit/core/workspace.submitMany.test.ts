import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/cache/open';
import { PageWriter } from '../../../electron/core/sync/ingest';
import { openWorkspace, type Workspace } from '../../../electron/core/workspace';
import type { SyncStatus } from '../../../electron/shared/ipc/contract';
import type { SyncTableName } from '../../../electron/shared/sync/rows';
import { page, type TestChange } from './outbox/outboxFixture';
import { customer, PEOPLE } from './queries/customersFixture';

// A bulk switch-on through the workspace: one durable write for the whole batch and one
// notification of it, whatever its length; the engine behind it has no service to reach.

describe('Workspace.submitMany', () => {
  const folders: string[] = [];
  const open: Workspace[] = [];
  afterEach(async () => {
    for (const workspace of open.splice(0)) await workspace.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('queues the batch and tells the renderer once: one data change, one status with the new queue depth', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-workspace-'));
    folders.push(dataDir);
    const seeded = openCache({ file: join(dataDir, 'cache-s-arne.sqlite') });
    const writer = new PageWriter(seeded.sqlite);
    const customers = Array.from({ length: 30 }, (_, i) => customer(`c${i + 1}`));
    writer.apply(page(writer, [...PEOPLE, ...customers.map((row): TestChange => ['put', 'customers', row])], { snapshot: true }));
    await seeded.close();

    const changes: SyncTableName[][] = [];
    const statuses: SyncStatus[] = [];
    const workspace = openWorkspace({
      dataDir,
      // Nothing listens here: every cycle fails at once and waits (retryDelay) before the next.
      baseUrl: 'http://127.0.0.1:9',
      staff: { id: 's-arne', role: 'branch', branchId: 'b-oslo' },
      clientId: '00000000-0000-4000-8000-000000000001',
      accessToken: () => Promise.resolve('token'),
      onStatus: (status) => statuses.push(status),
      onTablesChanged: (tables) => changes.push(tables),
      now: () => new Date('2026-11-21T12:00:00Z'),
      sync: { pullEveryMs: 0, pokes: false, retryDelay: () => 3_600_000 },
    });
    open.push(workspace);
    await workspace.syncNow();
    changes.length = 0;
    statuses.length = 0;

    const answer = workspace.submitMany([
      ...customers.map((row) => ({ name: 'customer.setMigration', args: { customerId: row.id, eventId: `e-${row.id}`, action: 'switchOn' } })),
      { name: 'customer.setMigration', args: { customerId: 'nobody', eventId: 'e-x', action: 'switchOn' } },
    ]);
    expect(answer.results.filter((result) => 'seq' in result)).toHaveLength(30);
    expect(answer.results.at(-1)).toMatchObject({ code: 'NOT_FOUND' });
    expect(changes).toEqual([['customers', 'migration_events']]);
    expect(statuses.map((status) => status.queueDepth)).toEqual([30]);
    expect(workspace.status().queueDepth).toBe(30);
  });

  it('sends nothing and says nothing changed when every mutation is refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-workspace-'));
    folders.push(dataDir);
    const changes: SyncTableName[][] = [];
    const workspace = openWorkspace({
      dataDir,
      baseUrl: 'http://127.0.0.1:9',
      staff: { id: 's-arne', role: 'branch', branchId: 'b-oslo' },
      clientId: '00000000-0000-4000-8000-000000000001',
      accessToken: () => Promise.resolve('token'),
      onStatus: () => undefined,
      onTablesChanged: (tables) => changes.push(tables),
      now: () => new Date('2026-11-21T12:00:00Z'),
      sync: { pullEveryMs: 0, pokes: false, retryDelay: () => 3_600_000 },
    });
    open.push(workspace);
    await workspace.syncNow();
    expect(workspace.submitMany([{ name: 'customer.setMigration', args: { customerId: 'nobody', eventId: 'e', action: 'switchOn' } }]).results).toMatchObject([{ code: 'NOT_FOUND' }]);
    expect(changes).toEqual([]);
    expect(workspace.status().queueDepth).toBe(0);
  });
});
