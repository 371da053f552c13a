import type BetterSqlite3 from 'better-sqlite3';
import type { CustomerDetail } from '../../shared/ipc/customers';
import type { BusinessSettings } from '../../shared/protocol/settings';
import { readCustomerOrders, readCustomerQuotes } from './customerActivity';
import { tierSuggestionOf, twelveMonthsBefore } from './orderStats';
import { readPendingActions } from './pendingActions';
import { instantOf, isoOf } from './quoteSql';

// One customer as the customer page shows it (customers.get). Histories are newest first, by
// instant and then id (two entries of the same millisecond always come in the same order); an
// entry written by a queued local effect is marked pending. The tier suggestion uses the business
// settings in force (the service's, or the defaults before its first answer).

/** The statements; exported so a test can check their plans. */
export const customerDetailSql = {
  customer: `SELECT c.id, c.customer_number AS customerNumber, c.org_number AS orgNumber, c.name, c.phone, c.email, c.loyalty_tier AS loyaltyTier,
      c.branch_id AS branchId, coalesce(b.name, '') AS branchName, c.consultant_id AS consultantId, s.name AS consultantName,
      c.migration_state AS migrationState, c.migration_deferred_until AS migrationDeferredUntil, c.old_shop_access AS oldShopAccess,
      ${isoOf('c.created_at')} AS createdAt
    FROM customers c LEFT JOIN branches b ON b.id = c.branch_id LEFT JOIN staff s ON s.id = c.consultant_id WHERE c.id = ?`,
  // Business first, then billing, then delivery addresses.
  addresses: `SELECT id, kind, name, line1, line2, postal_code AS postalCode, city, country FROM addresses WHERE customer_id = ?
    ORDER BY CASE kind WHEN 'business' THEN 0 WHEN 'billing' THEN 1 ELSE 2 END, id`,
  users: `SELECT id, name, email, role, old_shop_username AS oldShopUsername, ${isoOf('new_shop_activated_at')} AS newShopActivatedAt
    FROM company_users WHERE customer_id = ? ORDER BY name, id`,
  tierHistory: `SELECT t.id, ${isoOf('t.changed_at')} AS at, t.from_tier AS fromTier, t.to_tier AS toTier, t.reason, coalesce(s.name, '') AS changedByName
    FROM loyalty_tier_changes t LEFT JOIN staff s ON s.id = t.changed_by WHERE t.customer_id = ? ORDER BY ${instantOf('t.changed_at')} DESC, t.id DESC`,
  migrationHistory: `SELECT e.id, ${isoOf('e.at')} AS at, e.action, e.from_state AS fromState, e.to_state AS toState, e.reason, e.actor_kind AS actorKind,
      CASE e.actor_kind WHEN 'staff' THEN s.name WHEN 'customer' THEN u.name END AS actorName
    FROM migration_events e
      LEFT JOIN staff s ON e.actor_kind = 'staff' AND s.id = e.actor_id
      LEFT JOIN company_users u ON e.actor_kind = 'customer' AND u.id = e.actor_id
    WHERE e.customer_id = ? ORDER BY ${instantOf('e.at')} DESC, e.id DESC`,
} as const;

type CustomerRow = Omit<CustomerDetail['customer'], 'pending' | 'oldShopAccess'> & { oldShopAccess: number };

/** Customer `customerId` as its page shows it at `now`, or null when the cache does not hold it. */
export function readCustomerDetail(sqlite: BetterSqlite3.Database, customerId: string, settings: BusinessSettings, now: Date): CustomerDetail | null {
  const customer = sqlite.prepare(customerDetailSql.customer).get(customerId) as CustomerRow | undefined;
  if (customer === undefined) return null;
  const pending = readPendingActions(sqlite);
  const orders = readCustomerOrders(sqlite, customerId, twelveMonthsBefore(now));
  const tierHistory = sqlite.prepare(customerDetailSql.tierHistory).all(customerId) as Array<Omit<CustomerDetail['tierHistory'][number], 'pending'>>;
  const migrationHistory = sqlite.prepare(customerDetailSql.migrationHistory).all(customerId) as Array<Omit<CustomerDetail['migrationHistory'][number], 'pending'>>;
  return {
    customer: { ...customer, oldShopAccess: customer.oldShopAccess === 1, pending: pending.customerIds.has(customerId) },
    addresses: sqlite.prepare(customerDetailSql.addresses).all(customerId) as CustomerDetail['addresses'],
    users: sqlite.prepare(customerDetailSql.users).all(customerId) as CustomerDetail['users'],
    orders,
    quotes: readCustomerQuotes(sqlite, customerId),
    tierHistory: tierHistory.map((entry) => ({ ...entry, pending: pending.tierChangeIds.has(entry.id) })),
    tierSuggestion: tierSuggestionOf({ orders: orders.last12Months, valueOre: orders.value12MonthsOre }, settings.tierThresholds),
    migrationHistory: migrationHistory.map((entry) => ({ ...entry, pending: pending.migrationEventIds.has(entry.id) })),
  };
}
