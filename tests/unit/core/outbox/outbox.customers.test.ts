import { describe, expect, it } from 'vitest';
import { readCustomerDetail } from '../../../../electron/core/queries/customerDetail';
import { readCustomerSearch } from '../../../../electron/core/queries/customerSearch';
import { readMigrationCustomers } from '../../../../electron/core/queries/migrationCustomers';
import { readMigrationOverview } from '../../../../electron/core/queries/migrationOverview';
import { Outbox } from '../../../../electron/core/sync/outbox';
import { defaultBusinessSettings } from '../../../../electron/core/sync/settings';
import { localEffects, type LocalEffects } from '../../../../electron/shared/sync/localEffects';
import { ARNE, customer, KARI, migrationEvent, useCustomerWorld, type CustomerWorld } from '../queries/customersFixture';
import type { TestChange } from './outboxFixture';

// The customer mutations through the real outbox on a real cache file: the local effect shows at
// once in the customer and migration reads (pending), survives a pull, and a rejection undoes it
// exactly; submitMany queues a bulk switch-on in one transaction, leaving out what is refused.

const NOW = new Date('2026-11-21T12:00:00Z');
const AT = '2026-11-21T11:00:00.000Z';
const SETTINGS = defaultBusinessSettings(NOW);

const C1 = customer('c1', { name: 'Lys og Strøm AS', loyalty_tier: 'silver' });
const WORLD: TestChange[] = [
  ['put', 'customers', C1],
  ['put', 'customers', customer('c2', { name: 'Bygg AS' })],
  ['put', 'customers', customer('c3', { name: 'Aktiv AS', migration_state: 'activated', old_shop_access: false })],
  ['put', 'customers', customer('c4', { name: 'Bergen AS', branch_id: 'b-bergen' })],
];

function detail(world: CustomerWorld, id: string): NonNullable<ReturnType<typeof readCustomerDetail>> {
  const answer = readCustomerDetail(world.cache.sqlite, id, SETTINGS, NOW);
  if (answer === null) throw new Error(`no customer ${id}`);
  return answer;
}

const rows = (world: CustomerWorld, sql: string): unknown[] => world.cache.sqlite.prepare(sql).all();

describe('customer.setTier through the outbox', () => {
  const worlds = useCustomerWorld();

  it('changes the tier at once with a pending history entry, keeps it over a pull, and a rejection undoes it', () => {
    const world = worlds.open(WORLD);
    const before = rows(world, 'SELECT * FROM customers ORDER BY id');
    const { seq, tables } = world.outbox.submit('customer.setTier', { customerId: 'c1', changeId: 'tc-1', fromTier: 'silver', toTier: 'gold', reason: 'Avtalt' }, KARI, AT);
    expect(tables).toEqual(['customers', 'loyalty_tier_changes']);
    expect(detail(world, 'c1').customer).toMatchObject({ loyaltyTier: 'gold', pending: true });
    expect(detail(world, 'c1').tierHistory).toEqual([{ id: 'tc-1', at: AT, fromTier: 'silver', toTier: 'gold', reason: 'Avtalt', changedByName: 'Kari Konsulent', pending: true }]);

    // The server renames the customer meanwhile: the pull brings the new name, the effect stays on top.
    world.pull([['put', 'customers', { ...C1, name: 'Lys & Strøm AS' }]]);
    expect(detail(world, 'c1').customer).toMatchObject({ name: 'Lys & Strøm AS', loyaltyTier: 'gold', pending: true });
    expect(readCustomerSearch(world.cache.sqlite, { query: 'lys strøm' }, NOW).rows.map((row) => [row.id, row.loyaltyTier])).toEqual([['c1', 'gold']]);

    world.outbox.applyResults([{ seq, status: 'rejected', code: 'TIER_CHANGED_MEANWHILE', message: 'Endret av en annen.' }]);
    expect(detail(world, 'c1').customer).toMatchObject({ name: 'Lys & Strøm AS', loyaltyTier: 'silver', pending: false });
    expect(detail(world, 'c1').tierHistory).toEqual([]);
    expect(world.outbox.listNeedsAttention()).toMatchObject([{ seq, code: 'TIER_CHANGED_MEANWHILE', object: { table: 'customers', id: 'c1' } }]);
    expect(rows(world, 'SELECT * FROM outbox_base')).toEqual([]);
    world.pull([['put', 'customers', C1]]);
    expect(rows(world, 'SELECT * FROM customers ORDER BY id')).toEqual(before);
    // The search still finds the customer under its name and tier after all the row rewrites.
    expect(readCustomerSearch(world.cache.sqlite, { query: 'lys og strøm' }, NOW).rows.map((row) => [row.id, row.loyaltyTier])).toEqual([['c1', 'silver']]);
  });

  it('refuses a change from a tier the customer no longer has, and writes nothing', () => {
    const world = worlds.open(WORLD);
    expect(() => world.outbox.submit('customer.setTier', { customerId: 'c1', changeId: 'tc-1', fromTier: 'gold', toTier: 'platinum', reason: 'x' }, KARI, AT)).toThrow(
      expect.objectContaining({ code: 'TIER_CHANGED_MEANWHILE' }),
    );
    expect(rows(world, 'SELECT * FROM outbox')).toEqual([]);
    expect(detail(world, 'c1').customer.loyaltyTier).toBe('silver');
  });

  it('stops marking the entry pending once the server has applied it', () => {
    const world = worlds.open(WORLD);
    const { seq } = world.outbox.submit('customer.setTier', { customerId: 'c1', changeId: 'tc-1', fromTier: 'silver', toTier: 'gold', reason: 'Avtalt' }, KARI, AT);
    world.outbox.applyResults([{ seq, status: 'applied' }]);
    expect(detail(world, 'c1').customer).toMatchObject({ loyaltyTier: 'gold', pending: false });
    expect(detail(world, 'c1').tierHistory.map((entry) => [entry.id, entry.pending])).toEqual([['tc-1', false]]);
  });
});

describe('customer.setMigration through the outbox', () => {
  const worlds = useCustomerWorld();

  it('switches the customer on at once in every migration read, and a rejection switches it back', () => {
    const world = worlds.open([...WORLD, ['put', 'migration_events', migrationEvent('old', 'c2', 'switched_on', 'not_started', '2026-11-01T10:00:00+00:00')]]);
    const { seq } = world.outbox.submit('customer.setMigration', { customerId: 'c2', eventId: 'ev-1', action: 'switchOn' }, ARNE, AT);
    expect(detail(world, 'c2').customer).toMatchObject({ migrationState: 'switched_on', pending: true });
    expect(detail(world, 'c2').migrationHistory[0]).toEqual({ id: 'ev-1', at: AT, action: 'switch_on', fromState: 'not_started', toState: 'switched_on', reason: null, actorKind: 'staff', actorName: 'Arne Avdeling', pending: true });
    expect(readMigrationCustomers(world.cache.sqlite, { states: ['switched_on'], branchId: null, query: '' }, NOW).rows).toEqual([
      { customerId: 'c2', customerNumber: '900002', name: 'Bygg AS', branchId: 'b-oslo', branchName: 'Oslo', state: 'switched_on', since: AT, deferredUntil: null, pending: true },
    ]);
    expect(readMigrationOverview(world.cache.sqlite, 'b-oslo', SETTINGS, NOW).counts.find((cell) => cell.state === 'switched_on')?.count).toBe(1);

    world.outbox.applyResults([{ seq, status: 'rejected', code: 'MIGRATION_STATE_CONFLICT', message: 'Allerede flyttet.' }]);
    expect(detail(world, 'c2').customer).toMatchObject({ migrationState: 'not_started', pending: false });
    expect(detail(world, 'c2').migrationHistory.map((entry) => entry.id)).toEqual(['old']);
    expect(readMigrationCustomers(world.cache.sqlite, { states: ['switched_on'], branchId: null, query: '' }, NOW).rows).toEqual([]);
  });
});

describe('Outbox.submitMany', () => {
  const worlds = useCustomerWorld();
  const switchOn = (customerId: string, eventId: string): { name: string; args: unknown } => ({ name: 'customer.setMigration', args: { customerId, eventId, action: 'switchOn' } });

  it('queues every mutation with its effect, in order; a refused or malformed one gets its reason and nothing else', () => {
    const world = worlds.open(WORLD);
    const answer = world.outbox.submitMany(
      [
        switchOn('c1', 'e1'),
        // Activated already: the rules refuse a switch-on.
        switchOn('c3', 'e3'),
        { name: 'customer.setMigration', args: { customerId: 'c2', action: 'switchOn' } },
        { name: 'customer.nonsense', args: {} },
        // Another branch: branch staff may not.
        switchOn('c4', 'e4'),
        switchOn('c2', 'e2'),
      ],
      ARNE,
      AT,
    );
    expect(answer.results).toEqual([
      { seq: 1 },
      { code: 'MIGRATION_STATE_CONFLICT', message: expect.stringContaining('900003') as string },
      { code: 'INVALID_ARGS', message: expect.stringContaining('eventId') as string },
      { code: 'INVALID_ARGS', message: expect.stringContaining('customer.nonsense') as string },
      { code: 'FORBIDDEN', message: expect.stringContaining('900004') as string },
      { seq: 2 },
    ]);
    expect(answer.tables).toEqual(['customers', 'migration_events']);
    expect(world.outbox.pending(10).map((entry) => [entry.seq, (entry.args as { customerId: string }).customerId])).toEqual([
      [1, 'c1'],
      [2, 'c2'],
    ]);
    expect(rows(world, 'SELECT customer_id FROM migration_events ORDER BY customer_id')).toEqual([{ customer_id: 'c1' }, { customer_id: 'c2' }]);
    // Only the queued ones left base copies; the refused customers are untouched.
    expect(rows(world, 'SELECT table_name, row_id FROM outbox_base ORDER BY 1, 2')).toEqual([
      { table_name: 'customers', row_id: 'c1' },
      { table_name: 'customers', row_id: 'c2' },
      { table_name: 'migration_events', row_id: 'e1' },
      { table_name: 'migration_events', row_id: 'e2' },
    ]);
    expect(detail(world, 'c3').customer).toMatchObject({ migrationState: 'activated', pending: false });
    expect(world.outbox.stats().queueDepth).toBe(2);
    // Refused ones use up no seq: the next action follows on.
    expect(world.outbox.submit('customer.setMigration', { customerId: 'c1', eventId: 'e5', action: 'resendInvitation' }, ARNE, AT).seq).toBe(3);
  });

  it('queues nothing at all when an effect fails (a bug, not a refusal)', () => {
    const broken: LocalEffects = {
      ...localEffects,
      'customer.setMigration': {
        object: localEffects['customer.setMigration'].object,
        apply: (rows, args, actor, at) => {
          if (args.customerId === 'c2') throw new Error('boom');
          return localEffects['customer.setMigration'].apply(rows, args, actor, at);
        },
      },
    };
    const world = worlds.open(WORLD);
    const outbox = new Outbox(world.cache.sqlite, { effects: broken });
    expect(() => outbox.submitMany([switchOn('c1', 'e1'), switchOn('c2', 'e2')], ARNE, AT)).toThrow('boom');
    expect(rows(world, 'SELECT * FROM outbox')).toEqual([]);
    expect(rows(world, 'SELECT * FROM migration_events')).toEqual([]);
    expect(detail(world, 'c1').customer.migrationState).toBe('not_started');
  });
});
