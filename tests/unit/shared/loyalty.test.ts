import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIER_THRESHOLDS,
  decideSetTier,
  explainSuggestion,
  formatNokShort,
  LOYALTY_TIERS,
  suggestTier,
  tierReasonSchema,
  tierThresholdsSchema,
  type TierThresholds,
} from '../../../electron/shared/domain/loyalty';
import { mutationArgs } from '../../../electron/shared/sync/mutations';

const THRESHOLDS: TierThresholds = { gold: { minOrders: 24, minValueOre: 50_000_000 }, platinum: { minOrders: 60, minValueOre: 200_000_000 } };

describe('tier suggestion', () => {
  it('suggests the highest tier whose count and value are both met', () => {
    expect(suggestTier({ orders: 42, valueOre: 120_000_000 }, THRESHOLDS).tier).toBe('gold');
    expect(suggestTier({ orders: 60, valueOre: 200_000_000 }, THRESHOLDS).tier).toBe('platinum');
    // Many small orders are not enough on their own, nor is one big one.
    expect(suggestTier({ orders: 100, valueOre: 49_999_999 }, THRESHOLDS).tier).toBe('silver');
    expect(suggestTier({ orders: 1, valueOre: 900_000_000 }, THRESHOLDS).tier).toBe('silver');
    expect(suggestTier({ orders: 59, valueOre: 900_000_000 }, THRESHOLDS).tier).toBe('gold');
    expect(suggestTier({ orders: 0, valueOre: 0 }, THRESHOLDS).tier).toBe('silver');
  });

  it('never suggests a lower tier for more orders or more value (monotone)', () => {
    const rank = (stats: { orders: number; valueOre: number }) => LOYALTY_TIERS.indexOf(suggestTier(stats, DEFAULT_TIER_THRESHOLDS).tier);
    fc.assert(
      fc.property(fc.nat(500), fc.nat(5_000_000_000), fc.nat(50), fc.nat(100_000_000), (orders, value, moreOrders, moreValue) => {
        expect(rank({ orders: orders + moreOrders, valueOre: value + moreValue })).toBeGreaterThanOrEqual(rank({ orders, valueOre: value }));
      }),
    );
  });

  it('explains itself in Norwegian, as the issue shows it', () => {
    expect(explainSuggestion({ tier: 'gold', orders: 42, valueOre: 120_000_000 })).toBe('42 ordrer, NOK 1,2 mill. siste 12 mnd. → gull');
    expect(explainSuggestion({ tier: 'silver', orders: 1, valueOre: 2_505_000 })).toBe('1 ordre, NOK 25 050 siste 12 mnd. → sølv');
    expect(explainSuggestion({ tier: 'platinum', orders: 80, valueOre: 300_000_000 })).toBe('80 ordrer, NOK 3 mill. siste 12 mnd. → platina');
  });

  it('rounds millions down to one decimal, so a suggestion never looks bigger than it is', () => {
    expect(formatNokShort(199_999_999)).toBe('NOK 1,9 mill.');
    expect(formatNokShort(100_000_000)).toBe('NOK 1 mill.');
    expect(formatNokShort(99_999_999)).toBe('NOK 1 000 000');
    expect(formatNokShort(0)).toBe('NOK 0');
  });

  it('refuses thresholds where platinum asks less than gold', () => {
    expect(tierThresholdsSchema.safeParse(DEFAULT_TIER_THRESHOLDS).success).toBe(true);
    const upsideDown = { gold: { minOrders: 40, minValueOre: 10 }, platinum: { minOrders: 30, minValueOre: 10 } };
    expect(tierThresholdsSchema.safeParse(upsideDown).success).toBe(false);
    expect(tierThresholdsSchema.safeParse({ ...DEFAULT_TIER_THRESHOLDS, diamond: DEFAULT_TIER_THRESHOLDS.gold }).success).toBe(false);
  });
});

describe('tier change', () => {
  it('changes from the tier the staff member saw', () => {
    expect(decideSetTier('silver', 'silver', 'gold')).toEqual({ outcome: 'change' });
  });

  it('is a no-op when the customer already has the tier (a retry, or a colleague did the same)', () => {
    expect(decideSetTier('gold', 'silver', 'gold')).toEqual({ outcome: 'already' });
    expect(decideSetTier('gold', 'gold', 'gold')).toEqual({ outcome: 'already' });
  });

  it('is refused when the tier moved on since the staff member looked', () => {
    expect(decideSetTier('platinum', 'silver', 'gold')).toEqual({ outcome: 'changed_meanwhile', current: 'platinum' });
  });

  it('needs a reason: trimmed, not empty, at most 500 characters, in Norwegian when refused', () => {
    expect(tierReasonSchema.parse('  Avtalt med kunden  ')).toBe('Avtalt med kunden');
    const empty = tierReasonSchema.safeParse('   ');
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('Skriv en begrunnelse for endringen.');
    expect(tierReasonSchema.safeParse('x'.repeat(500)).success).toBe(true);
    expect(tierReasonSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });

  it('refuses a reason the database cannot keep (U+0000, other control characters, a lone surrogate)', () => {
    for (const bad of ['Avtale\u0000', 'Avtale\u0007 med kunden', 'Avtale \ud83d', '\udca1 lys']) {
      const result = tierReasonSchema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Begrunnelsen inneholder tegn som ikke kan lagres.');
    }
    // Tabs, line breaks and whole emoji pairs are text.
    expect(tierReasonSchema.safeParse('Avtale\tmed\nkunden 💡').success).toBe(true);
  });

  it('checks the mutation args strictly', () => {
    const schema = mutationArgs['customer.setTier'];
    const args = { customerId: 'c1', changeId: 'h1', fromTier: 'silver', toTier: 'gold', reason: 'Ny rammeavtale' };
    expect(schema.safeParse(args).success).toBe(true);
    expect(schema.safeParse({ ...args, toTier: 'diamond' }).success).toBe(false);
    expect(schema.safeParse({ ...args, reason: '' }).success).toBe(false);
    expect(schema.safeParse({ ...args, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...args, changeId: 'a\u0000b' }).success).toBe(false);
  });
});
