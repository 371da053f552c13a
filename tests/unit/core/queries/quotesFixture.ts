import type BetterSqlite3 from 'better-sqlite3';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import type { CacheRow } from '../../../../electron/core/cache/schema';
import { ACKED_SEQ_KEY } from '../../../../electron/core/sync/outboxQueue';
import type { QuoteQueueFilter } from '../../../../electron/shared/ipc/quotes';
import { quoteStatusSchema, type SyncTableName } from '../../../../electron/shared/sync/rows';

// Rows for the quote query tests, written straight into a real cache file (real migrations) in
// the stored form the pull writes. Every helper fills what a test does not care about.

/** Inserts `row` into `table` (its keys are the columns). */
export function insert<T extends SyncTableName>(sqlite: BetterSqlite3.Database, table: T, row: CacheRow<T>): void {
  const columns = Object.keys(row);
  sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
}

/** A quote row with defaults: requested, unassigned, in Oslo, due 24 h after it was requested. */
export function quoteRow(id: string, values: Partial<CacheRow<'quotes'>> & { due_at: string }): CacheRow<'quotes'> {
  const requested = new Date(Date.parse(values.due_at) - 24 * 3_600_000).toISOString();
  return {
    id,
    quote_number: `T-${id}`,
    customer_id: 'c-oslo',
    branch_id: 'b-oslo',
    project_list_id: null,
    status: 'requested',
    requested_at: requested,
    assignee_id: null,
    answered_at: null,
    valid_until: null,
    message_to_customer: null,
    decline_reason: null,
    order_id: null,
    unread_customer_comments: 0,
    updated_at: requested,
    ...values,
  };
}

/** A quote line with defaults (no discounts, no offered price). */
export function lineRow(id: string, quoteId: string, position: number, values: Partial<CacheRow<'quote_lines'>> = {}): CacheRow<'quote_lines'> {
  return {
    id,
    quote_id: quoteId,
    branch_id: 'b-oslo',
    position,
    product_id: 'p-1',
    article_number: 'A-1',
    name: 'Downlight',
    qty: 1,
    list_price_ore: 10_000,
    tier_discount_bp: 0,
    extra_discount_bp: 0,
    offered_price_ore: null,
    ...values,
  };
}

/** Queues `name` with `args` in the outbox as the outbox itself stores it. */
export function queue(sqlite: BetterSqlite3.Database, seq: number, name: string, args: Record<string, unknown>): void {
  sqlite
    .prepare("INSERT INTO outbox (seq, name, args, created_at, actor) VALUES (?, ?, ?, '2026-11-21T11:00:00.000Z', ?)")
    .run(seq, name, JSON.stringify(args), JSON.stringify({ id: 's-kari', role: 'consultant', branchId: 'b-oslo' }));
}

/** Marks the outbox acknowledged up to `seq` (a pull said the server has those). */
export function acknowledge(sqlite: BetterSqlite3.Database, seq: number): void {
  sqlite.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)').run(ACKED_SEQ_KEY, String(seq));
}

/** Staff of the small world: Kari is "me". */
export const STAFF: Array<CacheRow<'staff'>> = [
  { id: 's-kari', name: 'Kari Konsulent', role: 'consultant', branch_id: 'b-oslo', active: 1 },
  { id: 's-ola', name: 'Ola Konsulent', role: 'consultant', branch_id: 'b-oslo', active: 1 },
  { id: 's-oyvind', name: 'Øyvind Ørje', role: 'consultant', branch_id: 'b-oslo', active: 1 },
  { id: 's-aase', name: 'Åse Ås', role: 'consultant', branch_id: 'b-oslo', active: 1 },
  { id: 's-aerlig', name: 'Ærlig Ærø', role: 'admin', branch_id: null, active: 1 },
  { id: 's-berit', name: 'Berit Bergen', role: 'consultant', branch_id: 'b-bergen', active: 1 },
  { id: 's-anders', name: 'Anders Admin', role: 'admin', branch_id: null, active: 1 },
  { id: 's-gone', name: 'Gunnar Gått', role: 'consultant', branch_id: 'b-oslo', active: 0 },
  { id: 's-gone-admin', name: 'Gro Gått', role: 'admin', branch_id: null, active: 0 },
  { id: 's-avd', name: 'Arne Avdeling', role: 'branch', branch_id: 'b-oslo', active: 1 },
  { id: 's-siri', name: 'Siri Service', role: 'customer_service', branch_id: null, active: 1 },
];

/** Two branches, their staff, two customers (one with a company user), two products, a project list. */
export function seedPeople(sqlite: BetterSqlite3.Database): void {
  insert(sqlite, 'branches', { id: 'b-oslo', name: 'Oslo', city: 'Oslo' });
  insert(sqlite, 'branches', { id: 'b-bergen', name: 'Bergen', city: 'Bergen' });
  for (const staff of STAFF) insert(sqlite, 'staff', staff);
  const customer = {
    org_number: '923609016',
    consultant_id: null,
    migration_state: 'not_started',
    migration_deferred_until: null,
    old_shop_access: 0,
    phone: null,
    email: null,
    created_at: '2026-01-05T08:00:00+00:00',
  } as const;
  insert(sqlite, 'customers', { ...customer, id: 'c-oslo', customer_number: '900001', name: 'Lys og Strøm AS', loyalty_tier: 'gold', branch_id: 'b-oslo' });
  insert(sqlite, 'customers', { ...customer, id: 'c-bergen', customer_number: '900002', name: 'Bergen Elektro AS', loyalty_tier: 'platinum', branch_id: 'b-bergen' });
  insert(sqlite, 'company_users', {
    id: 'u-per',
    customer_id: 'c-oslo',
    branch_id: 'b-oslo',
    email: 'per@lysogstrom.no',
    name: 'Per Innkjøper',
    role: 'purchaser',
    old_shop_username: null,
    new_shop_activated_at: null,
  });
  insert(sqlite, 'products', { id: 'p-1', article_number: 'A-1', name_nb: 'Downlight', category: 'downlights', list_price_ore: 10_000, cost_price_ore: 4_200, bulky: 0, active: 1 });
  insert(sqlite, 'products', { id: 'p-2', article_number: 'A-2', name_nb: 'Skinne', category: 'skinner', list_price_ore: 25_000, cost_price_ore: 11_000, bulky: 1, active: 1 });
  insert(sqlite, 'project_lists', { id: 'pl-1', customer_id: 'c-oslo', branch_id: 'b-oslo', name: 'Kontorbygg Lysaker', created_by_user_id: 'u-per', created_at: '2026-11-01T09:00:00+00:00' });
}

/** A fresh cache in `file` with {@link seedPeople} written. */
export function peopleCache(file: string): Cache {
  const cache = openCache({ file });
  seedPeople(cache.sqlite);
  return cache;
}

/** Each step of `EXPLAIN QUERY PLAN` for `sql` with `params`. */
export function planOf(sqlite: BetterSqlite3.Database, sql: string, params: ReadonlyArray<string | number> = []): string[] {
  const count = (sql.match(/\?/g) ?? []).length;
  const bound = params.length === count ? params : Array.from({ length: count }, () => 0);
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...bound) as Array<{ detail: string }>).map((step) => step.detail);
}

const SCOPES = ['mine', 'unassigned', 'all'] as const;
const STATUS_CHOICES: Array<QuoteQueueFilter['statuses']> = [[], ['answered'], ['requested', 'in_progress'], ['accepted', 'declined', 'expired'], [...quoteStatusSchema.options]];
const BRANCHES = [null, 'b-oslo', 'b-bergen'];

/** Combinations of every filter field: each scope, several state choices, branch or none, breached or not. */
export const ALL_FILTERS: QuoteQueueFilter[] = SCOPES.flatMap((scope) =>
  STATUS_CHOICES.flatMap((statuses) => BRANCHES.flatMap((branchId) => [false, true].map((breachedOnly) => ({ scope, statuses, branchId, breachedOnly })))),
);
