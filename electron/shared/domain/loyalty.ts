import { z } from 'zod';
import { loyaltyTierSchema } from '../sync/rows';
import { reasonSchema } from './reasonText';

/**
 * Loyalty tiers (domain.md, "Customers"): silver, gold, platinum. A tier changes only by hand,
 * by the customer's consultant, with a reason. The suggestion below is advice from the last 12
 * months' orders; nothing ever applies it by itself.
 */

/** A loyalty tier. */
export type LoyaltyTier = z.infer<typeof loyaltyTierSchema>;

/** The tiers, lowest first. */
export const LOYALTY_TIERS: readonly LoyaltyTier[] = loyaltyTierSchema.options;

/** The longest reason a tier change may carry. */
export const TIER_REASON_MAX = 500;

/** A tier change's reason: required, trimmed, at most {@link TIER_REASON_MAX} characters. */
export const tierReasonSchema = reasonSchema('Skriv en begrunnelse for endringen.', TIER_REASON_MAX);

/** What a tier asks of the last 12 months: at least this many orders and this order value. */
export const tierThresholdSchema = z.strictObject({
  minOrders: z.number().int().nonnegative().max(1_000_000),
  minValueOre: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/** The thresholds of gold and platinum (silver asks nothing); platinum's are at least gold's. */
export const tierThresholdsSchema = z
  .strictObject({ gold: tierThresholdSchema, platinum: tierThresholdSchema })
  .refine((t) => t.platinum.minOrders >= t.gold.minOrders && t.platinum.minValueOre >= t.gold.minValueOre, {
    error: 'Platinum must ask at least as much as gold.',
  });

/** Tier thresholds. */
export type TierThresholds = z.infer<typeof tierThresholdsSchema>;

/**
 * The default thresholds: gold from 6 orders and NOK 500 000 a year, platinum from 12 orders and
 * NOK 1 200 000. Set near the medians of each tier's last 12 months in the seeded size M (gold
 * 7 orders and NOK 625 000, platinum 14 and NOK 1.18 m, silver 3 and NOK 257 000), so a
 * suggestion that differs points at a customer ordering like another tier. Configurable on the
 * service (docs/business-settings.md).
 */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  gold: { minOrders: 6, minValueOre: 50_000_000 },
  platinum: { minOrders: 12, minValueOre: 120_000_000 },
};

/** A customer's ordering over the last 12 months. */
export interface OrderStats {
  orders: number;
  /** Σ qty × unit price of the orders' lines that were not cancelled, in øre. */
  valueOre: number;
}

/** The suggested tier and the facts it rests on. */
export interface TierSuggestion extends OrderStats {
  tier: LoyaltyTier;
}

/** The highest tier whose thresholds `stats` meet (both the count and the value). */
export function suggestTier(stats: OrderStats, thresholds: TierThresholds): TierSuggestion {
  const meets = (t: { minOrders: number; minValueOre: number }): boolean => stats.orders >= t.minOrders && stats.valueOre >= t.minValueOre;
  const tier: LoyaltyTier = meets(thresholds.platinum) ? 'platinum' : meets(thresholds.gold) ? 'gold' : 'silver';
  return { tier, orders: stats.orders, valueOre: stats.valueOre };
}

/** Tier names as staff read them (nb). */
export const TIER_NB: Readonly<Record<LoyaltyTier, string>> = { silver: 'sølv', gold: 'gull', platinum: 'platina' };

/**
 * NOK as the explanation says it: "NOK 1,2 mill." from a million, "NOK 250 000" below, so a
 * glance tells the size (e.g. "42 ordrer, NOK 1,2 mill. siste 12 mnd. → gull").
 */
export function formatNokShort(ore: number): string {
  const nok = ore / 100;
  if (nok >= 1_000_000) {
    const millions = Math.floor(nok / 100_000) / 10;
    return `NOK ${millions.toLocaleString('nb-NO', { minimumFractionDigits: millions % 1 === 0 ? 0 : 1, maximumFractionDigits: 1 })} mill.`;
  }
  return `NOK ${Math.round(nok).toLocaleString('nb-NO').replace(/\s/g, ' ')}`;
}

/** The suggestion in words: "42 ordrer, NOK 1,2 mill. siste 12 mnd. → gull". */
export function explainSuggestion(suggestion: TierSuggestion): string {
  const orders = suggestion.orders === 1 ? '1 ordre' : `${suggestion.orders} ordrer`;
  return `${orders}, ${formatNokShort(suggestion.valueOre)} siste 12 mnd. → ${TIER_NB[suggestion.tier]}`;
}

/** What a tier change would do, given the tier the staff member saw (`fromTier`). */
export type TierDecision =
  | { outcome: 'change' }
  /** The customer already has the tier asked for: a retry, or a colleague did the same. */
  | { outcome: 'already' }
  /** The tier moved on since the staff member looked: their change rests on a stale tier. */
  | { outcome: 'changed_meanwhile'; current: LoyaltyTier };

/** Decides a tier change from `fromTier` to `toTier` on a customer who has `current` now. */
export function decideSetTier(current: LoyaltyTier, fromTier: LoyaltyTier, toTier: LoyaltyTier): TierDecision {
  if (current === toTier) return { outcome: 'already' };
  if (current !== fromTier) return { outcome: 'changed_meanwhile', current };
  return { outcome: 'change' };
}
