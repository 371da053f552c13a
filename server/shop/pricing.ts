import type { z } from 'zod';
import { answerUnitPriceOre } from '../../electron/shared/domain/quoteAnswer';
import type { loyaltyTierSchema } from '../../electron/shared/sync/rows';
import { BULKY_SURCHARGE_ORE, TIER_DISCOUNT_BP } from '../seed/context';

/** A loyalty tier. */
export type LoyaltyTier = z.infer<typeof loyaltyTierSchema>;

/** What prices are made of: each tier's discount and the bulky-goods surcharge. */
export interface Pricing {
  /** Discount per tier in basis points (1 % = 100). */
  tierDiscountBp: Readonly<Record<LoyaltyTier, number>>;
  /** Charged once per order that has a bulky item, on its first invoice. */
  bulkySurchargeOre: number;
}

/**
 * The prices the seeded history was made with (server/seed/context.ts), so new quotes and
 * orders agree with the old ones; configurable per service (ShopOptions.pricing).
 */
export const DEFAULT_PRICING: Pricing = { tierDiscountBp: { ...TIER_DISCOUNT_BP }, bulkySurchargeOre: BULKY_SURCHARGE_ORE };

/** The largest amount one invoice can hold (invoices.amount_ore is a 32-bit integer). */
export const MAX_AMOUNT_ORE = 2_147_483_647;

// One rounding rule for the shop, the staff's quote editor and the server's quote.answer: the
// shop's quote view and checkout price a line exactly as the consultant saw it priced.
export { discountedPriceOre } from '../../electron/shared/domain/quoteAnswer';

/** The prices of a quote line as the database holds them. */
export interface QuoteLinePrices {
  list_price_ore: number;
  tier_discount_bp: number;
  extra_discount_bp: number;
  offered_price_ore: number | null;
}

/** The unit price a quote line charges (the shared `answerUnitPriceOre` on a database row). */
export function quoteUnitPriceOre(line: QuoteLinePrices): number {
  return answerUnitPriceOre({
    qty: 1,
    listPriceOre: line.list_price_ore,
    tierDiscountBp: line.tier_discount_bp,
    extraDiscountBp: line.extra_discount_bp,
    offeredPriceOre: line.offered_price_ore,
  });
}
