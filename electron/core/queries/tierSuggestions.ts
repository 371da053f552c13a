import type BetterSqlite3 from 'better-sqlite3';
import type { TierSuggestionList } from '../../shared/ipc/customers';
import type { BusinessSettings } from '../../shared/protocol/settings';
import type { LoyaltyTier } from '../../shared/domain/loyalty';
import { LINE_VALUE, LIVE_LINE, tierSuggestionOf, twelveMonthsBefore } from './orderStats';
import { instantOf } from './quoteSql';

// The customers whose tier the last 12 months' orders would set otherwise (customers.tierSuggestions):
// advice for the consultant, never applied by itself. The figures come from one walk of
// orders_customer_time_idx (of the branch's customers only, when a branch is chosen) and each
// order's lines from order_lines' covering index (migration 0005): no order or line row is read
// from its table. At size M that is ~100 000 orders and ~540 000 lines of the last 12 months.

/** The statement (with or without a branch); exported so a test can check its plans. */
export function tierSuggestionsSql(branch: boolean): string {
  return `SELECT c.id, c.customer_number, c.name, coalesce(b.name, ''), c.loyalty_tier, coalesce(t.orders, 0), coalesce(t.value, 0)
  FROM customers c
    LEFT JOIN branches b ON b.id = c.branch_id
    LEFT JOIN (
      SELECT customer_id, count(*) AS orders, sum(value) AS value FROM (
        SELECT o.customer_id, sum(${LINE_VALUE}) AS value
        FROM orders o JOIN order_lines l ON l.order_id = o.id AND ${LIVE_LINE}
        WHERE ${instantOf('o.placed_at')} >= ?${branch ? ' AND o.customer_id IN (SELECT id FROM customers WHERE branch_id = ?)' : ''}
        GROUP BY o.customer_id, ${instantOf('o.placed_at')}, o.id
      ) GROUP BY customer_id
    ) t ON t.customer_id = c.id
  ${branch ? 'WHERE c.branch_id = ?' : ''}
  ORDER BY c.name, c.id`;
}

type Tuple = [id: string, customerNumber: string, name: string, branchName: string, tier: LoyaltyTier, orders: number, valueOre: number];

/** The customers (of `branchId`, or all) whose suggested tier differs from theirs, by name. */
export function readTierSuggestions(sqlite: BetterSqlite3.Database, branchId: string | null, settings: BusinessSettings, now: Date): TierSuggestionList {
  const params: Array<string | number> = branchId === null ? [twelveMonthsBefore(now)] : [twelveMonthsBefore(now), branchId, branchId];
  const tuples = sqlite.prepare(tierSuggestionsSql(branchId !== null)).raw(true).all(...params) as Tuple[];
  const rows: TierSuggestionList['rows'] = [];
  for (const [customerId, customerNumber, name, branchName, loyaltyTier, orders, valueOre] of tuples) {
    const suggestion = tierSuggestionOf({ orders, valueOre }, settings.tierThresholds);
    if (suggestion.tier !== loyaltyTier) rows.push({ customerId, customerNumber, name, branchName, loyaltyTier, suggestion });
  }
  return { rows, thresholds: settings.tierThresholds, asOf: now.toISOString() };
}
