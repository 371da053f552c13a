import { describe, expect, it } from 'vitest';
import { readCustomerDetail } from '../../../../electron/core/queries/customerDetail';
import { defaultBusinessSettings } from '../../../../electron/core/sync/settings';
import { customerDetailSchema } from '../../../../electron/shared/ipc/customers';
import type { BusinessSettings } from '../../../../electron/shared/protocol/settings';
import type { TestChange } from '../outbox/outboxFixture';
import { address, ARNE, customer, KARI, line, migrationEvent, order, user, useCustomerWorld, type CustomerWorld } from './customersFixture';

// customers.get on a real cache file: the page's sections, the order figures (the last 12 months
// by Oslo days, cancelled lines left out), the histories newest first with pending entries, and
// the tier suggestion under the settings in force.

const NOW = new Date('2026-11-21T12:00:00Z');
const SETTINGS: BusinessSettings = {
  tierThresholds: { gold: { minOrders: 2, minValueOre: 90_000 }, platinum: { minOrders: 10, minValueOre: 10_000_000 } },
  migrationPlan: { start: '2026-11-01', end: '2027-01-01' },
};

const C1 = customer('c1', { customer_number: '100001', name: 'Lys og Strøm AS', phone: '22 33 44 55', email: 'post@lysogstrom.no', migration_state: 'switched_on' });

const WORLD: TestChange[] = [
  ['put', 'customers', C1],
  ['put', 'customers', customer('c2', { name: 'Annen Kunde AS' })],
  ['put', 'addresses', address('a-del', 'c1', 'Drammen', { kind: 'delivery', name: 'Lager' })],
  ['put', 'addresses', address('a-bill', 'c1', 'Oslo', { kind: 'billing', line1: 'Postboks 12' })],
  ['put', 'addresses', address('a-bus', 'c1', 'Oslo', { line2: '2. etasje' })],
  ['put', 'company_users', user('u-per', 'c1', 'per@lysogstrom.no', { name: 'Per Innkjøper', role: 'admin', old_shop_username: 'perinn001' })],
  ['put', 'company_users', user('u-anne', 'c1', 'anne@lysogstrom.no', { name: 'Anne Ser', role: 'viewer', new_shop_activated_at: '2026-11-10T08:00:00.5+00:00' })],
  // The last 12 months begin at Oslo midnight of 2025-11-21, that is 2025-11-20T23:00Z.
  ['put', 'orders', order('o-old', 'c1', '2025-11-20T22:59:59+00:00')],
  ['put', 'orders', order('o-edge', 'c1', '2025-11-20T23:00:00Z')],
  ['put', 'orders', order('o-new', 'c1', '2026-11-20T10:00:00.123456+00:00')],
  ['put', 'orders', order('o-void', 'c1', '2026-06-01T10:00:00+00:00')],
  ['put', 'orders', order('o-other', 'c2', '2026-06-01T10:00:00+00:00')],
  ['put', 'order_lines', line('o-old', 1, 10, 100_000)],
  ['put', 'order_lines', line('o-edge', 1, 2, 30_000)],
  // Partly cancelled: 3 of 5 still ordered. A cancelled line counts nothing.
  ['put', 'order_lines', line('o-new', 1, 5, 10_000, { cancelled_qty: 2, status: 'open' })],
  ['put', 'order_lines', line('o-new', 2, 1, 99_999, { cancelled_qty: 1, status: 'cancelled' })],
  ['put', 'order_lines', line('o-new', 3, 1, 5_000, { status: 'in_preparation' })],
  ['put', 'order_lines', line('o-void', 1, 4, 50_000, { cancelled_qty: 4, status: 'cancelled' })],
  ['put', 'order_lines', line('o-other', 1, 1, 1_000_000)],
  ['put', 'quotes', { ...quote('q1', '2026-11-01T08:00:00+00:00'), status: 'accepted' }],
  ['put', 'quotes', quote('q2', '2026-11-19T08:00:00+00:00')],
  ['put', 'quotes', { ...quote('q3', '2026-11-10T08:00:00Z'), status: 'answered' }],
  ['put', 'loyalty_tier_changes', { id: 't1', customer_id: 'c1', branch_id: 'b-oslo', from_tier: 'silver', to_tier: 'gold', reason: 'Mange ordrer', changed_by: 's-kari', changed_at: '2025-03-01T10:00:00+00:00' }],
  ['put', 'loyalty_tier_changes', { id: 't2', customer_id: 'c1', branch_id: 'b-oslo', from_tier: 'gold', to_tier: 'silver', reason: 'Færre ordrer', changed_by: 's-gone', changed_at: '2026-03-01T10:00:00+00:00' }],
  ['put', 'migration_events', migrationEvent('m1', 'c1', 'not_started', 'switched_on', '2026-11-02T09:00:00+00:00', { action: 'switch_on', actor_kind: 'staff', actor_id: 's-arne' })],
];

function quote(id: string, requestedAt: string): Extract<TestChange, ['put', 'quotes', unknown]>[2] {
  return {
    id,
    quote_number: `T-${id}`,
    customer_id: 'c1',
    branch_id: 'b-oslo',
    project_list_id: null,
    status: 'requested',
    requested_at: requestedAt,
    due_at: requestedAt,
    assignee_id: null,
    answered_at: null,
    valid_until: null,
    message_to_customer: null,
    decline_reason: null,
    order_id: null,
    unread_customer_comments: 0,
    updated_at: requestedAt,
  };
}

function detail(world: CustomerWorld, id = 'c1', settings: BusinessSettings = SETTINGS): NonNullable<ReturnType<typeof readCustomerDetail>> {
  const answer = readCustomerDetail(world.cache.sqlite, id, settings, NOW);
  if (answer === null) throw new Error('no customer');
  expect(customerDetailSchema.safeParse(answer).success).toBe(true);
  return answer;
}

describe('customers.get', () => {
  const worlds = useCustomerWorld();

  it('answers null for a customer the cache does not hold', () => {
    expect(readCustomerDetail(worlds.open(WORLD).cache.sqlite, 'nobody', SETTINGS, NOW)).toBeNull();
  });

  it('gives the customer with branch and consultant, its addresses (business, billing, delivery) and its users', () => {
    const answer = detail(worlds.open(WORLD));
    expect(answer.customer).toEqual({
      id: 'c1',
      customerNumber: '100001',
      orgNumber: '923609016',
      name: 'Lys og Strøm AS',
      phone: '22 33 44 55',
      email: 'post@lysogstrom.no',
      loyaltyTier: 'silver',
      branchId: 'b-oslo',
      branchName: 'Oslo',
      consultantId: 's-kari',
      consultantName: 'Kari Konsulent',
      migrationState: 'switched_on',
      migrationDeferredUntil: null,
      oldShopAccess: true,
      createdAt: '2024-01-05T08:00:00.000Z',
      pending: false,
    });
    expect(answer.addresses.map((a) => [a.id, a.kind])).toEqual([
      ['a-bus', 'business'],
      ['a-bill', 'billing'],
      ['a-del', 'delivery'],
    ]);
    expect(answer.addresses[0]).toEqual({ id: 'a-bus', kind: 'business', name: null, line1: 'Storgata 1', line2: '2. etasje', postalCode: '0155', city: 'Oslo', country: 'NO' });
    expect(answer.users).toEqual([
      { id: 'u-anne', name: 'Anne Ser', email: 'anne@lysogstrom.no', role: 'viewer', oldShopUsername: null, newShopActivatedAt: '2026-11-10T08:00:00.500Z' },
      { id: 'u-per', name: 'Per Innkjøper', email: 'per@lysogstrom.no', role: 'admin', oldShopUsername: 'perinn001', newShopActivatedAt: null },
    ]);
  });

  it('counts orders: the last 12 months from Oslo midnight a year ago, the value of what is still ordered', () => {
    const { orders } = detail(worlds.open(WORLD));
    expect(orders).toEqual({
      total: 4,
      // o-edge (at the boundary) and o-new; o-old is a second too early, o-void was cancelled whole.
      last12Months: 2,
      value12MonthsOre: 2 * 30_000 + 3 * 10_000 + 1 * 5_000,
      open: 1,
      lastPlacedAt: '2026-11-20T10:00:00.123Z',
      recent: [
        { id: 'o-new', orderNumber: 'O-o-new', placedAt: '2026-11-20T10:00:00.123Z', lineCount: 3, valueOre: 35_000, openLines: 2 },
        { id: 'o-void', orderNumber: 'O-o-void', placedAt: '2026-06-01T10:00:00.000Z', lineCount: 1, valueOre: 0, openLines: 0 },
        { id: 'o-edge', orderNumber: 'O-o-edge', placedAt: '2025-11-20T23:00:00.000Z', lineCount: 1, valueOre: 60_000, openLines: 0 },
        { id: 'o-old', orderNumber: 'O-o-old', placedAt: '2025-11-20T22:59:59.000Z', lineCount: 1, valueOre: 1_000_000, openLines: 0 },
      ],
    });
  });

  it('keeps the ten most recent orders and quotes, newest first', () => {
    const many: TestChange[] = Array.from({ length: 12 }, (_, i) => ['put', 'orders', order(`m${String(i).padStart(2, '0')}`, 'c2', `2026-10-${String(i + 1).padStart(2, '0')}T10:00:00Z`)]);
    const answer = detail(worlds.open([...WORLD, ...many]), 'c2');
    expect(answer.orders.total).toBe(13);
    expect(answer.orders.recent.map((o) => o.id)).toEqual(['m11', 'm10', 'm09', 'm08', 'm07', 'm06', 'm05', 'm04', 'm03', 'm02']);
  });

  it('summarises quotes: how many, how many still open, newest first', () => {
    const { quotes } = detail(worlds.open(WORLD));
    expect(quotes).toEqual({
      total: 3,
      open: 2,
      recent: [
        { id: 'q2', quoteNumber: 'T-q2', status: 'requested', requestedAt: '2026-11-19T08:00:00.000Z' },
        { id: 'q3', quoteNumber: 'T-q3', status: 'answered', requestedAt: '2026-11-10T08:00:00.000Z' },
        { id: 'q1', quoteNumber: 'T-q1', status: 'accepted', requestedAt: '2026-11-01T08:00:00.000Z' },
      ],
    });
  });

  it('suggests a tier from the 12-month figures under the thresholds in force, with its explanation', () => {
    const world = worlds.open(WORLD);
    expect(detail(world).tierSuggestion).toEqual({ tier: 'gold', orders: 2, valueOre: 95_000, explanation: '2 ordrer, NOK 950 siste 12 mnd. → gull' });
    // Under the default thresholds two orders are silver.
    expect(detail(world, 'c1', defaultBusinessSettings(NOW)).tierSuggestion).toMatchObject({ tier: 'silver', orders: 2 });
  });

  it('lists tier changes newest first with who made them, and marks the one still queued', () => {
    const world = worlds.open(WORLD);
    world.outbox.submit('customer.setTier', { customerId: 'c1', changeId: 't-mine', fromTier: 'silver', toTier: 'gold', reason: 'Avtalt med kunden' }, KARI, '2026-11-21T11:00:00.000Z');
    const answer = detail(world);
    expect(answer.customer).toMatchObject({ loyaltyTier: 'gold', pending: true });
    expect(answer.tierHistory).toEqual([
      { id: 't-mine', at: '2026-11-21T11:00:00.000Z', fromTier: 'silver', toTier: 'gold', reason: 'Avtalt med kunden', changedByName: 'Kari Konsulent', pending: true },
      // A staff member the cache does not know (left the company) shows without a name.
      { id: 't2', at: '2026-03-01T10:00:00.000Z', fromTier: 'gold', toTier: 'silver', reason: 'Færre ordrer', changedByName: '', pending: false },
      { id: 't1', at: '2025-03-01T10:00:00.000Z', fromTier: 'silver', toTier: 'gold', reason: 'Mange ordrer', changedByName: 'Kari Konsulent', pending: false },
    ]);
    expect(detail(world, 'c2').customer.pending).toBe(false);
  });

  it('lists migration events newest first with the actor’s name, the queued one pending', () => {
    const world = worlds.open(WORLD);
    world.pull([
      ['put', 'customers', { ...C1, migration_state: 'form_submitted' }],
      ['put', 'migration_events', migrationEvent('m2', 'c1', 'switched_on', 'form_submitted', '2026-11-03T09:00:00+00:00', { action: 'form_submitted', actor_id: 'u-per' })],
    ]);
    world.outbox.submit('customer.setMigration', { customerId: 'c1', eventId: 'm-mine', action: 'resendActivation' }, ARNE, '2026-11-21T11:30:00.000Z');
    expect(detail(world).migrationHistory).toEqual([
      { id: 'm-mine', at: '2026-11-21T11:30:00.000Z', action: 'activation_resent', fromState: 'form_submitted', toState: 'form_submitted', reason: null, actorKind: 'staff', actorName: 'Arne Avdeling', pending: true },
      { id: 'm2', at: '2026-11-03T09:00:00.000Z', action: 'form_submitted', fromState: 'switched_on', toState: 'form_submitted', reason: null, actorKind: 'customer', actorName: 'Per Innkjøper', pending: false },
      { id: 'm1', at: '2026-11-02T09:00:00.000Z', action: 'switch_on', fromState: 'not_started', toState: 'switched_on', reason: null, actorKind: 'staff', actorName: 'Arne Avdeling', pending: false },
    ]);
  });
});
