import { explainSuggestion, suggestTier, type OrderStats, type TierThresholds } from '../../shared/domain/loyalty';
import type { CustomerDetail } from '../../shared/ipc/customers';
import { addMonths, osloDate, osloDayStart } from './osloDays';
import { seconds } from './quoteSql';

// How the customer figures count orders, shared by the customer page and the tier suggestions
// so the two never disagree. A line's value is what is still ordered of it, (qty − cancelled_qty)
// × unit price, and a cancelled line counts nothing (domain.md: only what ships is charged). An
// order counts when at least one of its lines is not cancelled: an order cancelled whole was
// not an order in the end.

/** An order line that is not cancelled (alias `l`). */
export const LIVE_LINE = "l.status <> 'cancelled'";

/** What is still ordered of line `l`, in øre. */
export const LINE_VALUE = '(l.qty - l.cancelled_qty) * l.unit_price_ore';

/**
 * The value of order `o` from its live lines, from order_lines' covering index alone; NULL when
 * every line is cancelled (so `count()` of it counts the orders that count).
 */
export const ORDER_VALUE = `(SELECT sum(${LINE_VALUE}) FROM order_lines l WHERE l.order_id = o.id AND ${LIVE_LINE})`;

/**
 * Where the last 12 months begin at `now`, in the unit of instantOf: Oslo midnight of the same
 * date a year ago (the 29th of February a year on is the 28th).
 */
export function twelveMonthsBefore(now: Date): number {
  return seconds(osloDayStart(addMonths(osloDate(now), -12)));
}

/** The tier `stats` suggest under `thresholds`, with its explanation. */
export function tierSuggestionOf(stats: OrderStats, thresholds: TierThresholds): CustomerDetail['tierSuggestion'] {
  const suggestion = suggestTier(stats, thresholds);
  return { tier: suggestion.tier, orders: suggestion.orders, valueOre: suggestion.valueOre, explanation: explainSuggestion(suggestion) };
}
