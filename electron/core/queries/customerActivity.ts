import type BetterSqlite3 from 'better-sqlite3';
import type { CustomerDetail } from '../../shared/ipc/customers';
import { instantOf, isoOf } from './quoteSql';
import { LINE_VALUE, LIVE_LINE } from './orderStats';

// The customer page's summaries of orders and quotes (customers.get), from the cache. A
// customer's orders are read whole through orders_customer_time_idx, each with its figures from
// order_lines' covering index (migration 0005): a customer has tens of orders, a big one hundreds.

const RECENT = 10;

/** Quotes still in play: not yet accepted, declined or expired. */
const OPEN_QUOTES = "('requested', 'in_progress', 'answered', 'revision_requested')";

/** The statements; exported so a test can check their plans. */
export const customerActivitySql = {
  orders: `SELECT o.id, o.order_number, ${instantOf('o.placed_at')}, ${isoOf('o.placed_at')},
      (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id),
      (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND ${LIVE_LINE}),
      (SELECT coalesce(sum(${LINE_VALUE}), 0) FROM order_lines l WHERE l.order_id = o.id AND ${LIVE_LINE}),
      (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.status IN ('open', 'in_preparation'))
    FROM orders o WHERE o.customer_id = ? ORDER BY ${instantOf('o.placed_at')} DESC, o.id DESC`,
  quotes: `SELECT id, quote_number AS quoteNumber, status, ${isoOf('requested_at')} AS requestedAt, status IN ${OPEN_QUOTES} AS open
    FROM quotes WHERE customer_id = ? ORDER BY ${instantOf('requested_at')} DESC, id DESC`,
} as const;

type OrderTuple = [id: string, orderNumber: string, at: number | null, placedAt: string, lines: number, liveLines: number, valueOre: number, openLines: number];

/** The customer's orders: totals, the last 12 months (from `since`, seconds) and the most recent. */
export function readCustomerOrders(sqlite: BetterSqlite3.Database, customerId: string, since: number): CustomerDetail['orders'] {
  const orders = sqlite.prepare(customerActivitySql.orders).raw(true).all(customerId) as OrderTuple[];
  // As the tier suggestions count (orderStats.ts): orders with a line not cancelled.
  const recent = orders.filter((order) => order[2] !== null && order[2] >= since && order[5] > 0);
  return {
    total: orders.length,
    last12Months: recent.length,
    value12MonthsOre: recent.reduce((sum, order) => sum + order[6], 0),
    open: orders.filter((order) => order[7] > 0).length,
    lastPlacedAt: orders[0]?.[3] ?? null,
    recent: orders.slice(0, RECENT).map((order) => ({ id: order[0], orderNumber: order[1], placedAt: order[3], lineCount: order[4], valueOre: order[6], openLines: order[7] })),
  };
}

/** The customer's quotes: how many, how many still open, and the most recent. */
export function readCustomerQuotes(sqlite: BetterSqlite3.Database, customerId: string): CustomerDetail['quotes'] {
  const quotes = sqlite.prepare(customerActivitySql.quotes).all(customerId) as Array<CustomerDetail['quotes']['recent'][number] & { open: number }>;
  return {
    total: quotes.length,
    open: quotes.filter((quote) => quote.open === 1).length,
    recent: quotes.slice(0, RECENT).map(({ id, quoteNumber, status, requestedAt }) => ({ id, quoteNumber, status, requestedAt })),
  };
}
