import { describe, expect, it } from 'vitest';
import { readCustomerDetail } from '../../../../electron/core/queries/customerDetail';
import { readTierSuggestions } from '../../../../electron/core/queries/tierSuggestions';
import { tierSuggestionListSchema } from '../../../../electron/shared/ipc/customers';
import type { BusinessSettings } from '../../../../electron/shared/protocol/settings';
import type { TestChange } from '../outbox/outboxFixture';
import { customer, line, order, useCustomerWorld } from './customersFixture';

// customers.tierSuggestions: the customers whose 12-month figures suggest another tier than
// theirs, by name, with the branch filter, under the thresholds in force; the same figures the
// customer page shows.

const NOW = new Date('2026-11-21T12:00:00Z');
const SETTINGS: BusinessSettings = {
  tierThresholds: { gold: { minOrders: 2, minValueOre: 100_000 }, platinum: { minOrders: 3, minValueOre: 1_000_000 } },
  migrationPlan: { start: '2026-11-01', end: '2027-01-01' },
};

// Orders of `customerId`, each one line of `valueOre`, placed in the last 12 months.
function orders(customerId: string, values: number[]): TestChange[] {
  return values.flatMap((value, i): TestChange[] => [
    ['put', 'orders', order(`${customerId}-o${i}`, customerId, `2026-0${i + 1}-15T10:00:00+00:00`)],
    ['put', 'order_lines', line(`${customerId}-o${i}`, 1, 1, value)],
  ]);
}

const WORLD: TestChange[] = [
  // Silver with gold figures: suggested up.
  ['put', 'customers', customer('c1', { name: 'Bygg og Lys AS' })],
  ...orders('c1', [60_000, 60_000]),
  // Gold without orders: suggested down.
  ['put', 'customers', customer('c2', { name: 'Aas Elektro AS', loyalty_tier: 'gold' })],
  // Gold with gold figures: as suggested, not listed.
  ['put', 'customers', customer('c3', { name: 'Cirkel Lys AS', loyalty_tier: 'gold' })],
  ...orders('c3', [50_000, 50_000]),
  // Platinum figures in Bergen, but one order cancelled whole does not count.
  ['put', 'customers', customer('c4', { name: 'Bergen Belysning AS', branch_id: 'b-bergen' })],
  ...orders('c4', [400_000, 400_000, 400_000]),
  ['put', 'orders', order('c4-void', 'c4', '2026-05-01T10:00:00+00:00')],
  ['put', 'order_lines', line('c4-void', 1, 1, 400_000, { cancelled_qty: 1, status: 'cancelled' })],
  // Silver with old orders only (more than 12 months ago): as suggested.
  ['put', 'customers', customer('c5', { name: 'Gammel Kunde AS' })],
  ['put', 'orders', order('c5-o', 'c5', '2025-01-10T10:00:00+00:00')],
  ['put', 'order_lines', line('c5-o', 1, 100, 1_000_000)],
];

describe('customers.tierSuggestions', () => {
  const worlds = useCustomerWorld();

  it('lists the customers whose suggested tier differs from theirs, by name, with the explanation', () => {
    const world = worlds.open(WORLD);
    const answer = readTierSuggestions(world.cache.sqlite, null, SETTINGS, NOW);
    expect(tierSuggestionListSchema.safeParse(answer).success).toBe(true);
    expect(answer.thresholds).toEqual(SETTINGS.tierThresholds);
    expect(answer.rows).toEqual([
      { customerId: 'c2', customerNumber: '900002', name: 'Aas Elektro AS', branchName: 'Oslo', loyaltyTier: 'gold', suggestion: { tier: 'silver', orders: 0, valueOre: 0, explanation: '0 ordrer, NOK 0 siste 12 mnd. → sølv' } },
      {
        customerId: 'c4',
        customerNumber: '900004',
        name: 'Bergen Belysning AS',
        branchName: 'Bergen',
        loyaltyTier: 'silver',
        suggestion: { tier: 'platinum', orders: 3, valueOre: 1_200_000, explanation: '3 ordrer, NOK 12 000 siste 12 mnd. → platina' },
      },
      { customerId: 'c1', customerNumber: '900001', name: 'Bygg og Lys AS', branchName: 'Oslo', loyaltyTier: 'silver', suggestion: { tier: 'gold', orders: 2, valueOre: 120_000, explanation: '2 ordrer, NOK 1 200 siste 12 mnd. → gull' } },
    ]);
  });

  it('keeps to one branch when asked', () => {
    const world = worlds.open(WORLD);
    expect(readTierSuggestions(world.cache.sqlite, 'b-bergen', SETTINGS, NOW).rows.map((row) => row.customerId)).toEqual(['c4']);
    expect(readTierSuggestions(world.cache.sqlite, 'b-oslo', SETTINGS, NOW).rows.map((row) => row.customerId)).toEqual(['c2', 'c1']);
    expect(readTierSuggestions(world.cache.sqlite, 'b-nowhere', SETTINGS, NOW).rows).toEqual([]);
  });

  it('follows the thresholds in force', () => {
    const world = worlds.open(WORLD);
    const strict: BusinessSettings = { ...SETTINGS, tierThresholds: { gold: { minOrders: 5, minValueOre: 0 }, platinum: { minOrders: 50, minValueOre: 0 } } };
    expect(readTierSuggestions(world.cache.sqlite, null, strict, NOW).rows.map((row) => [row.customerId, row.suggestion.tier])).toEqual([
      ['c2', 'silver'],
      ['c3', 'silver'],
    ]);
  });

  it('agrees with the customer page on every customer', () => {
    const world = worlds.open(WORLD);
    const listed = new Map(readTierSuggestions(world.cache.sqlite, null, SETTINGS, NOW).rows.map((row) => [row.customerId, row.suggestion]));
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      const detail = readCustomerDetail(world.cache.sqlite, id, SETTINGS, NOW);
      if (detail === null) throw new Error(id);
      const listedSuggestion = listed.get(id);
      if (listedSuggestion !== undefined) expect(detail.tierSuggestion).toEqual(listedSuggestion);
      else expect(detail.tierSuggestion.tier).toBe(detail.customer.loyaltyTier);
    }
  });
});
