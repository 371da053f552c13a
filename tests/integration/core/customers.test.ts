import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/core/auth';
import { createCore, type Core } from '../../../electron/core/core';
import { DEFAULT_TIER_THRESHOLDS } from '../../../electron/shared/domain/loyalty';
import { osloDate } from '../../../electron/shared/domain/calendar';
import type { CustomerDetail, CustomerSearch, MigrationOverview, TierSuggestionList } from '../../../electron/shared/ipc/customers';
import type { BusinessSettings } from '../../../electron/shared/protocol/settings';
import type { AuthInstance } from '../server/authFixture';
import { BACKENDS } from '../server/backends';
import { OSLO, PUSH_PASSWORD, PUSH_STAFF, usePushWorld } from '../server/pushFixture';

// The customer and migration calls through the real core and its router, against the real
// service: the cache is pulled from it, the business settings fetched from GET /v1/sync/settings,
// and a tier change and a bulk switch-on go out through the outbox and come back applied.

describe.each(BACKENDS)('the customer calls through the core (%s)', (kind) => {
  let instance: AuthInstance;
  usePushWorld(kind, (world) => ({ instance } = world));
  let dataDir: string;
  let core: Core;
  const changed: string[][] = [];

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await core.router.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async function synced(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await call<{ hasData: boolean; activity: string; queueDepth: number }>('sync.syncNow', {});
      if (status.hasData && status.activity === 'idle' && status.queueDepth === 0) return;
      if (Date.now() > deadline) throw new Error(`not synced: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    const db = instance.db;
    await db.insertInto('products').values({ id: 'cp-1', article_number: 'CP-1', name_nb: 'Downlight', category: 'belysning', list_price_ore: 49_900, cost_price_ore: 21_000, bulky: false, active: true }).execute();
    await db
      .insertInto('company_users')
      .values({ id: 'cu-per', customer_id: 'pc-oslo', branch_id: OSLO, email: 'per.innkjop@lysogstrom.no', name: 'Per Innkjøper', role: 'admin', old_shop_username: 'perinn', new_shop_activated_at: null })
      .execute();
    await db.insertInto('addresses').values({ id: 'ca-bus', customer_id: 'pc-oslo', branch_id: OSLO, kind: 'business', name: null, line1: 'Storgata 1', line2: null, postal_code: '0155', city: 'Oslo', country: 'NO' }).execute();
    const placed = new Date(Date.now() - 30 * 86_400_000).toISOString();
    await db
      .insertInto('orders')
      .values({ id: 'co-1', order_number: 'CO-1', customer_id: 'pc-oslo', branch_id: OSLO, payment_method: 'invoice', partial_delivery: false, bulky_surcharge_ore: 0, placed_at: placed })
      .execute();
    await db
      .insertInto('order_lines')
      .values([
        { id: 'col-1', order_id: 'co-1', branch_id: OSLO, line_no: 1, product_id: 'cp-1', qty: 4, cancelled_qty: 1, unit_price_ore: 49_900, status: 'open' },
        { id: 'col-2', order_id: 'co-1', branch_id: OSLO, line_no: 2, product_id: 'cp-1', qty: 2, cancelled_qty: 2, unit_price_ore: 49_900, status: 'cancelled' },
      ])
      .execute();
    // A gold customer without orders: the suggestions list it for silver.
    await sql`insert into customers (id, customer_number, org_number, name, branch_id, loyalty_tier) values ('pc-gold', '900003', '923609016', 'Gull Uten Ordre AS', ${OSLO}, 'gold')`.execute(db);
    dataDir = mkdtempSync(join(tmpdir(), 'lysdesk-customers-'));
    core = createCore({
      appName: 'Lysdesk',
      appVersion: '0.0.0-test',
      runtime: 'browser-host',
      serverUrl: instance.url,
      dataDir,
      secrets: new MemorySecretStore(),
      healthIntervalMs: 0,
      sync: { pullEveryMs: 0, pokes: false },
    });
    core.events.subscribe((name, payload) => {
      if (name === 'data.changed') changed.push((payload as { tables: string[] }).tables);
    });
  });
  afterAll(async () => {
    await core?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers null before sign-in, and the default settings', async () => {
    expect(await call('customers.search', { query: '' })).toBeNull();
    expect(await call('customers.get', { customerId: 'pc-oslo' })).toBeNull();
    expect(await call('migration.overview', { branchId: null })).toBeNull();
    const settings = await call<BusinessSettings & { fetchedAt: string | null }>('settings.get', {});
    expect(settings).toMatchObject({ tierThresholds: DEFAULT_TIER_THRESHOLDS, fetchedAt: null });
    expect(settings.migrationPlan.start).toBe(osloDate(new Date()));
  });

  it('searches the branch’s customers, shows one whole, and keeps the settings the service gave', async () => {
    await call('auth.login', { username: PUSH_STAFF.kari.username, password: PUSH_PASSWORD });
    await synced();
    const search = await call<CustomerSearch>('customers.search', { query: 'lys strøm' });
    expect(search.rows.map((row) => [row.id, row.city, row.branchName])).toEqual([['pc-oslo', 'Oslo', 'Oslo']]);
    expect((await call<CustomerSearch>('customers.search', { query: 'per.innkjop@lysogstrom.no' })).rows.map((row) => row.matchedEmail)).toEqual(['per.innkjop@lysogstrom.no']);
    // Kari is an Oslo consultant: Bergen's customer never reaches her cache.
    expect((await call<CustomerSearch>('customers.search', { query: '' })).rows.map((row) => row.id).sort()).toEqual(['pc-gold', 'pc-oslo']);

    const detail = await call<CustomerDetail>('customers.get', { customerId: 'pc-oslo' });
    expect(detail.users.map((user) => user.email)).toEqual(['per.innkjop@lysogstrom.no']);
    expect(detail.orders).toMatchObject({ total: 1, last12Months: 1, value12MonthsOre: 3 * 49_900, open: 1 });
    expect(detail.tierSuggestion).toMatchObject({ tier: 'silver', orders: 1, valueOre: 3 * 49_900 });

    const settings = await call<BusinessSettings & { fetchedAt: string | null }>('settings.get', {});
    expect(settings.fetchedAt).not.toBeNull();
    expect(settings.tierThresholds).toEqual(DEFAULT_TIER_THRESHOLDS);

    const suggestions = await call<TierSuggestionList>('customers.tierSuggestions', { branchId: OSLO });
    expect(suggestions.rows.map((row) => [row.customerId, row.loyaltyTier, row.suggestion.tier])).toEqual([['pc-gold', 'gold', 'silver']]);
  });

  it('changes a tier at once (pending), sends it, and shows the server’s entry afterwards', async () => {
    const changeId = randomUUID();
    await call('mutation.submit', { name: 'customer.setTier', args: { customerId: 'pc-oslo', changeId, fromTier: 'silver', toTier: 'gold', reason: 'Avtalt med kunden' } });
    const pending = await call<CustomerDetail>('customers.get', { customerId: 'pc-oslo' });
    expect(pending.customer).toMatchObject({ loyaltyTier: 'gold' });
    expect(pending.tierHistory[0]).toMatchObject({ id: changeId, toTier: 'gold', changedByName: 'Kari Konsulent' });
    await synced();
    const after = await call<CustomerDetail>('customers.get', { customerId: 'pc-oslo' });
    expect(after.customer).toMatchObject({ loyaltyTier: 'gold', pending: false });
    expect(after.tierHistory.map((entry) => [entry.id, entry.pending])).toEqual([[changeId, false]]);
    const row = await instance.db.selectFrom('customers').select('loyalty_tier').where('id', '=', 'pc-oslo').executeTakeFirstOrThrow();
    expect(row.loyalty_tier).toBe('gold');
  });

  it('switches customers on in bulk with one notification, and the overview follows', async () => {
    await call('auth.logout', {});
    await call('auth.login', { username: PUSH_STAFF.branch.username, password: PUSH_PASSWORD });
    await synced();
    const before = await call<MigrationOverview>('migration.overview', { branchId: OSLO });
    expect(before.counts).toEqual([{ branchId: OSLO, branchName: 'Oslo', state: 'not_started', count: 2 }]);
    changed.length = 0;
    const answer = await call<{ results: Array<{ seq?: number; code?: string }> }>('mutation.submitMany', {
      mutations: [
        { name: 'customer.setMigration', args: { customerId: 'pc-oslo', eventId: randomUUID(), action: 'switchOn' } },
        { name: 'customer.setMigration', args: { customerId: 'pc-bergen', eventId: randomUUID(), action: 'switchOn' } },
        { name: 'customer.setMigration', args: { customerId: 'pc-gold', eventId: randomUUID(), action: 'switchOn' } },
      ],
    });
    // Bergen's customer is not in an Oslo branch member's cache.
    expect(answer.results.map((result) => result.code ?? 'queued')).toEqual(['queued', 'NOT_FOUND', 'queued']);
    expect(changed).toEqual([['customers', 'migration_events']]);
    const rows = await call<{ rows: Array<{ customerId: string; pending: boolean }> }>('migration.customers', { states: ['switched_on'], branchId: OSLO, query: '' });
    expect(rows.rows.map((row) => [row.customerId, row.pending])).toEqual([
      ['pc-gold', true],
      ['pc-oslo', true],
    ]);
    await synced();
    const server = await instance.db.selectFrom('customers').select(['id', 'migration_state']).where('branch_id', '=', OSLO).orderBy('id').execute();
    expect(server).toEqual([
      { id: 'pc-gold', migration_state: 'switched_on' },
      { id: 'pc-oslo', migration_state: 'switched_on' },
    ]);
    const after = await call<MigrationOverview>('migration.overview', { branchId: OSLO });
    expect(after.counts).toEqual([{ branchId: OSLO, branchName: 'Oslo', state: 'switched_on', count: 2 }]);
    expect(after.stuck).toEqual([]);
  });
});
