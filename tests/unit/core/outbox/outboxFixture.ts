import { afterEach } from 'vitest';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { PageWriter, type PullPage } from '../../../../electron/core/sync/ingest';
import { Outbox, type OutboxOptions } from '../../../../electron/core/sync/outbox';
import type { EffectActor } from '../../../../electron/shared/sync/localEffects';
import type { SyncRow, SyncTableName } from '../../../../electron/shared/sync/rows';
import { useTempFiles } from '../cache/cacheFixture';

// A real cache file per test, filled through the pull's own writer, with an outbox on it.

/** Staff of the unit world: two consultants in Oslo, one in Bergen, an admin. */
export const KARI: EffectActor = { id: 'kari', role: 'consultant', branchId: 'oslo' };
/** The other Oslo consultant. */
export const OLA: EffectActor = { id: 'ola', role: 'consultant', branchId: 'oslo' };
/** A consultant of another branch. */
export const BERIT: EffectActor = { id: 'berit', role: 'consultant', branchId: 'bergen' };
/** Sees and may do everything. */
export const ADMIN: EffectActor = { id: 'adm', role: 'admin', branchId: null };

const NAMES: Record<string, string> = { kari: 'Kari Konsulent', ola: 'Ola Konsulent', berit: 'Berit Bergen', adm: 'Anders Admin' };

/** A staff wire row for `actor`. */
export function staffRow(actor: EffectActor): SyncRow<'staff'> {
  return { id: actor.id, name: NAMES[actor.id] ?? actor.id, role: actor.role, branch_id: actor.branchId, active: true };
}

/** A requested, unassigned quote of Oslo, with `changes` on top. */
export function quoteRow(id: string, changes: Partial<SyncRow<'quotes'>> = {}): SyncRow<'quotes'> {
  return {
    id,
    quote_number: `T-${id}`,
    customer_id: 'c1',
    branch_id: 'oslo',
    project_list_id: null,
    status: 'requested',
    requested_at: '2026-11-20T08:00:00.000Z',
    due_at: '2026-11-21T08:00:00.000Z',
    assignee_id: null,
    answered_at: null,
    valid_until: null,
    message_to_customer: null,
    decline_reason: null,
    order_id: null,
    unread_customer_comments: 2,
    updated_at: '2026-11-20T08:00:00.000Z',
    ...changes,
  };
}

/** A change of a test page: put a wire row, or delete by id. */
export type TestChange = { [T in SyncTableName]: ['put', T, SyncRow<T>] }[SyncTableName] | ['del', SyncTableName, string];

/** A complete pull page of `changes`. */
export function page(writer: PageWriter, changes: readonly TestChange[], options: { snapshot?: boolean; more?: boolean } = {}): PullPage {
  return {
    snapshot: options.snapshot ?? false,
    more: options.more ?? false,
    cursor: 'c',
    changes: changes.map((change) =>
      change[0] === 'put'
        ? { kind: 'put' as const, table: change[1], values: writer.values(change[1], change[2]) }
        : { kind: 'del' as const, table: change[1], id: change[2] },
    ),
  };
}

/** An open cache with an outbox, seeded with staff and quotes `q1`, `q2` (Oslo) and `qb` (Bergen). */
export interface OutboxWorld {
  cache: Cache;
  writer: PageWriter;
  outbox: Outbox;
  /** Applies a pull page with the outbox's rebase inside its transaction. */
  pull(changes: readonly TestChange[], options?: { snapshot?: boolean; more?: boolean }): void;
  /** The cached quote (stored form). */
  quote(id: string): Record<string, unknown> | undefined;
  /** Every row of a local table, for "nothing written" checks. */
  all(table: 'outbox' | 'outbox_base' | 'needs_attention' | 'quote_comments' | 'sync_state'): unknown[];
}

/** Registers temp-file cleanup; `open()` makes a fresh world in each test. */
export function useOutboxWorld(): { open(options?: OutboxOptions): OutboxWorld } {
  const temp = useTempFiles();
  const opened: Cache[] = [];
  // Registered after the temp files' hook, so it runs before it: files close before removal.
  afterEach(() => {
    for (const cache of opened.splice(0)) cache.sqlite.close();
  });
  return {
    open(options = {}) {
      const cache = openCache({ file: temp.file() });
      opened.push(cache);
      const writer = new PageWriter(cache.sqlite);
      const outbox = new Outbox(cache.sqlite, options);
      const seed: TestChange[] = [
        ...[KARI, OLA, BERIT, ADMIN].map((actor): TestChange => ['put', 'staff', staffRow(actor)]),
        ['put', 'quotes', quoteRow('q1')],
        ['put', 'quotes', quoteRow('q2')],
        ['put', 'quotes', quoteRow('qb', { branch_id: 'bergen' })],
      ];
      writer.apply(page(writer, seed, { snapshot: true }));
      return {
        cache,
        writer,
        outbox,
        pull: (changes, pageOptions) => writer.apply(page(writer, changes, pageOptions), outbox.rebase),
        quote: (id) => cache.sqlite.prepare('SELECT * FROM quotes WHERE id = ?').get(id) as Record<string, unknown> | undefined,
        all: (table) => cache.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all(),
      };
    },
  };
}

/** A fixed ISO time, minute `n` of a day. */
export function at(n: number): string {
  return new Date(Date.UTC(2026, 10, 21, 9, n)).toISOString();
}
