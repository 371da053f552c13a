import { describe, expect, it } from 'vitest';
import { readMigrationCustomers } from '../../../../electron/core/queries/migrationCustomers';
import { progressOf, readMigrationOverview } from '../../../../electron/core/queries/migrationOverview';
import { migrationCustomerRowSchema, migrationOverviewSchema } from '../../../../electron/shared/ipc/customers';
import type { BusinessSettings } from '../../../../electron/shared/protocol/settings';
import type { TestChange } from '../outbox/outboxFixture';
import { ARNE, customer, migrationEvent, useCustomerWorld } from './customersFixture';

// migration.overview and migration.customers on a real cache file: counts per branch and state,
// progress against the plan, who is stuck since when, and the list a bulk switch-on picks from.

const NOW = new Date('2026-11-21T12:00:00Z');
const SETTINGS: BusinessSettings = {
  tierThresholds: { gold: { minOrders: 12, minValueOre: 25_000_000 }, platinum: { minOrders: 36, minValueOre: 100_000_000 } },
  migrationPlan: { start: '2026-11-01', end: '2026-11-29' },
};
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0): string => new Date(NOW.getTime() - days * DAY - extraMs).toISOString();

const WORLD: TestChange[] = [
  ['put', 'customers', customer('c1', { name: 'Aktivert En AS', migration_state: 'activated', old_shop_access: false })],
  ['put', 'customers', customer('c2', { name: 'Aktivert To AS', migration_state: 'old_shop_reactivated' })],
  // Invited 8 days ago, the invitation resent yesterday: still stuck since the switch.
  ['put', 'customers', customer('c3', { name: 'Invitert Lenge AS', migration_state: 'switched_on' })],
  // Invited 7 days ago less a minute: not yet over 7 days.
  ['put', 'customers', customer('c4', { name: 'Invitert Nylig AS', migration_state: 'switched_on' })],
  // Form 3 days ago (after an earlier switch-off and on): stuck, since the form.
  ['put', 'customers', customer('c5', { name: 'Skjema Sendt AS', migration_state: 'form_submitted' })],
  // Form a day ago: not stuck.
  ['put', 'customers', customer('c6', { name: 'Skjema Nylig AS', migration_state: 'form_submitted' })],
  ['put', 'customers', customer('c7', { name: 'Bergen Ikke Startet AS', branch_id: 'b-bergen' })],
  ['put', 'customers', customer('c8', { name: 'Bergen Invitert AS', branch_id: 'b-bergen', migration_state: 'switched_on' })],
  ['put', 'customers', customer('c9', { name: 'Utsatt AS', migration_state: 'deferred', migration_deferred_until: '2026-12-10' })],
  // Switched on with no event in the cache: nobody can tell since when, so never "stuck".
  ['put', 'customers', customer('c10', { name: 'Uten Historikk AS', migration_state: 'switched_on' })],
  ['put', 'migration_events', migrationEvent('e1', 'c1', 'form_submitted', 'activated', '2026-11-03T10:00:00+00:00')],
  // c2 was activated on 10.11 at 23:30 Oslo time (22:30 UTC), then got the old shop back.
  ['put', 'migration_events', migrationEvent('e2', 'c2', 'form_submitted', 'activated', '2026-11-10T22:30:00Z')],
  ['put', 'migration_events', migrationEvent('e3', 'c2', 'activated', 'old_shop_reactivated', '2026-11-12T10:00:00+00:00')],
  ['put', 'migration_events', migrationEvent('e4', 'c3', 'not_started', 'switched_on', ago(8))],
  ['put', 'migration_events', migrationEvent('e5', 'c3', 'switched_on', 'switched_on', ago(1), { action: 'invitation_resent' })],
  ['put', 'migration_events', migrationEvent('e6', 'c4', 'not_started', 'switched_on', ago(7, -60_000))],
  ['put', 'migration_events', migrationEvent('e7', 'c5', 'not_started', 'switched_on', ago(20))],
  ['put', 'migration_events', migrationEvent('e8', 'c5', 'switched_on', 'not_started', ago(19))],
  ['put', 'migration_events', migrationEvent('e9', 'c5', 'not_started', 'switched_on', ago(10))],
  ['put', 'migration_events', migrationEvent('e10', 'c5', 'switched_on', 'form_submitted', ago(3, 3_600_000))],
  ['put', 'migration_events', migrationEvent('e11', 'c6', 'switched_on', 'form_submitted', ago(1))],
  ['put', 'migration_events', migrationEvent('e12', 'c8', 'not_started', 'switched_on', ago(30), { branch_id: 'b-bergen' })],
];

describe('migration.overview', () => {
  const worlds = useCustomerWorld();

  it('counts customers per branch and state, the total and the moved', () => {
    const answer = readMigrationOverview(worlds.open(WORLD).cache.sqlite, null, SETTINGS, NOW);
    expect(migrationOverviewSchema.safeParse(answer).success).toBe(true);
    expect([...answer.counts].sort((a, b) => `${a.branchId}${a.state}`.localeCompare(`${b.branchId}${b.state}`))).toEqual([
      { branchId: 'b-bergen', branchName: 'Bergen', state: 'not_started', count: 1 },
      { branchId: 'b-bergen', branchName: 'Bergen', state: 'switched_on', count: 1 },
      { branchId: 'b-oslo', branchName: 'Oslo', state: 'activated', count: 1 },
      { branchId: 'b-oslo', branchName: 'Oslo', state: 'deferred', count: 1 },
      { branchId: 'b-oslo', branchName: 'Oslo', state: 'form_submitted', count: 2 },
      { branchId: 'b-oslo', branchName: 'Oslo', state: 'old_shop_reactivated', count: 1 },
      { branchId: 'b-oslo', branchName: 'Oslo', state: 'switched_on', count: 3 },
    ]);
    expect(answer.total).toBe(10);
    expect(answer.moved).toBe(2);
    expect(answer.plan).toEqual(SETTINGS.migrationPlan);
  });

  it('names the stuck customers with the time they entered their state and whole days since', () => {
    const answer = readMigrationOverview(worlds.open(WORLD).cache.sqlite, null, SETTINGS, NOW);
    expect(answer.stuck).toEqual([
      { customerId: 'c8', customerNumber: '900008', name: 'Bergen Invitert AS', branchName: 'Bergen', state: 'switched_on', since: ago(30), days: 30 },
      { customerId: 'c3', customerNumber: '900003', name: 'Invitert Lenge AS', branchName: 'Oslo', state: 'switched_on', since: ago(8), days: 8 },
      { customerId: 'c5', customerNumber: '900005', name: 'Skjema Sendt AS', branchName: 'Oslo', state: 'form_submitted', since: ago(3, 3_600_000), days: 3 },
    ]);
  });

  it('draws the progress weekly from the plan’s start to its end, moved by Oslo date against the straight line', () => {
    const answer = readMigrationOverview(worlds.open(WORLD).cache.sqlite, null, SETTINGS, NOW);
    expect(answer.progress).toEqual([
      { date: '2026-11-01', moved: 0, planned: 0 },
      { date: '2026-11-08', moved: 1, planned: 3 },
      // c2's activation at 23:30 on the 10th in Oslo counts on the 10th.
      { date: '2026-11-15', moved: 2, planned: 5 },
      // Today (the 21st) is a point of its own, so the moved line reaches it.
      { date: '2026-11-21', moved: 2, planned: 7 },
      { date: '2026-11-22', moved: 2, planned: 8 },
      { date: '2026-11-29', moved: 2, planned: 10 },
    ]);
  });

  it('keeps to one branch when asked', () => {
    const answer = readMigrationOverview(worlds.open(WORLD).cache.sqlite, 'b-bergen', SETTINGS, NOW);
    expect(answer.counts.map((cell) => [cell.state, cell.count]).sort()).toEqual([
      ['not_started', 1],
      ['switched_on', 1],
    ]);
    expect([answer.total, answer.moved]).toEqual([2, 0]);
    expect(answer.stuck.map((row) => row.customerId)).toEqual(['c8']);
    expect(answer.progress.map((point) => point.moved)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('progressOf', () => {
  const plan = { start: '2026-10-01', end: '2026-10-10' };

  it('goes on weekly past the plan’s end up to today, the plan line staying at the total', () => {
    expect(progressOf([], 4, plan, new Date('2026-10-20T12:00:00Z'))).toEqual([
      { date: '2026-10-01', moved: 0, planned: 0 },
      { date: '2026-10-08', moved: 0, planned: 3 },
      { date: '2026-10-15', moved: 0, planned: 4 },
      { date: '2026-10-20', moved: 0, planned: 4 },
    ]);
  });

  it('counts an activation on the day it happened in Oslo, also in summer time', () => {
    // 2026-10-07T22:30Z is 00:30 on the 8th in Oslo (summer time): it counts from the 8th.
    const at = Date.parse('2026-10-07T22:30:00Z') / 1000;
    // Points: the start, today (the 2nd), the end.
    expect(progressOf([at], 1, { start: '2026-10-01', end: '2026-10-08' }, new Date('2026-10-02T12:00:00Z')).map((point) => point.moved)).toEqual([0, 0, 1]);
    expect(progressOf([at], 1, { start: '2026-10-01', end: '2026-10-07' }, new Date('2026-10-02T12:00:00Z')).map((point) => point.moved)).toEqual([0, 0, 0]);
  });
});

describe('migration.customers', () => {
  const worlds = useCustomerWorld();

  it('lists the customers in the chosen states and branch by name, with since and deferral', () => {
    const world = worlds.open(WORLD);
    const answer = readMigrationCustomers(world.cache.sqlite, { states: ['switched_on', 'deferred'], branchId: 'b-oslo', query: '' }, NOW);
    for (const row of answer.rows) expect(migrationCustomerRowSchema.safeParse(row).success).toBe(true);
    expect(answer.rows).toEqual([
      { customerId: 'c3', customerNumber: '900003', name: 'Invitert Lenge AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'switched_on', since: ago(8), deferredUntil: null, pending: false },
      { customerId: 'c4', customerNumber: '900004', name: 'Invitert Nylig AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'switched_on', since: ago(7, -60_000), deferredUntil: null, pending: false },
      { customerId: 'c10', customerNumber: '900010', name: 'Uten Historikk AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'switched_on', since: null, deferredUntil: null, pending: false },
      { customerId: 'c9', customerNumber: '900009', name: 'Utsatt AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'deferred', since: null, deferredUntil: '2026-12-10', pending: false },
    ]);
  });

  it('takes every state without a choice, and narrows by the search words', () => {
    const world = worlds.open(WORLD);
    expect(readMigrationCustomers(world.cache.sqlite, { states: [], branchId: null, query: '' }, NOW).rows).toHaveLength(10);
    expect(readMigrationCustomers(world.cache.sqlite, { states: [], branchId: null, query: 'bergen' }, NOW).rows.map((row) => row.customerId)).toEqual(['c7', 'c8']);
    expect(readMigrationCustomers(world.cache.sqlite, { states: ['switched_on'], branchId: null, query: 'berg inv' }, NOW).rows.map((row) => row.customerId)).toEqual(['c8']);
    expect(readMigrationCustomers(world.cache.sqlite, { states: ['switched_on'], branchId: null, query: '"(*' }, NOW).rows).toHaveLength(4);
  });

  it('marks a customer a queued action concerns, and shows the action’s effect at once', () => {
    const world = worlds.open(WORLD);
    world.outbox.submit('customer.setMigration', { customerId: 'c10', eventId: 'mine', action: 'switchOff' }, ARNE, '2026-11-21T11:00:00.000Z');
    const rows = readMigrationCustomers(world.cache.sqlite, { states: [], branchId: 'b-oslo', query: 'historikk' }, NOW).rows;
    expect(rows).toEqual([{ customerId: 'c10', customerNumber: '900010', name: 'Uten Historikk AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'not_started', since: '2026-11-21T11:00:00.000Z', deferredUntil: null, pending: true }]);
  });
});
