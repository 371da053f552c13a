import type BetterSqlite3 from 'better-sqlite3';
import { ACKED_SEQ_KEY } from '../sync/outboxQueue';

// What this staff member's queued actions concern, for the "pending" markers. The outbox has no
// status column: a row is there until a push answers for it. A row at or below the acknowledged
// seq is already in the server's rows (a pull said so), so only rows above it are pending. The
// cache file is the staff member's own, so every row in its outbox is theirs.

/** The outbox reads; exported so a test can check their plans. */
export const pendingActionsSql = {
  acked: 'SELECT value FROM sync_state WHERE key = ?',
  pending: 'SELECT name, args FROM outbox WHERE seq > ? ORDER BY seq',
} as const;

/** The quotes, customers and history entries the queued actions concern. */
export interface PendingActions {
  quoteIds: ReadonlySet<string>;
  /** Ids of staff comments written by a queued `quote.comment`. */
  commentIds: ReadonlySet<string>;
  /** Customers a queued `customer.*` action concerns. */
  customerIds: ReadonlySet<string>;
  /** Tier history entries written by a queued `customer.setTier` (its `changeId`). */
  tierChangeIds: ReadonlySet<string>;
  /** Migration history entries written by a queued `customer.setMigration` (its `eventId`). */
  migrationEventIds: ReadonlySet<string>;
}

/** Reads what the actions not yet accepted by the server concern. The outbox is short: read whole. */
export function readPendingActions(sqlite: BetterSqlite3.Database): PendingActions {
  const acked = Number(sqlite.prepare(pendingActionsSql.acked).pluck().get(ACKED_SEQ_KEY) ?? 0);
  const quoteIds = new Set<string>();
  const commentIds = new Set<string>();
  const customerIds = new Set<string>();
  const tierChangeIds = new Set<string>();
  const migrationEventIds = new Set<string>();
  for (const row of sqlite.prepare(pendingActionsSql.pending).all(Number.isFinite(acked) ? acked : 0) as Array<{ name: string; args: string }>) {
    const args = parseArgs(row.args);
    if (typeof args.quoteId === 'string') quoteIds.add(args.quoteId);
    if (row.name === 'quote.comment' && typeof args.commentId === 'string') commentIds.add(args.commentId);
    if (row.name.startsWith('customer.') && typeof args.customerId === 'string') customerIds.add(args.customerId);
    if (row.name === 'customer.setTier' && typeof args.changeId === 'string') tierChangeIds.add(args.changeId);
    if (row.name === 'customer.setMigration' && typeof args.eventId === 'string') migrationEventIds.add(args.eventId);
  }
  return { quoteIds, commentIds, customerIds, tierChangeIds, migrationEventIds };
}

// Args were checked when queued; a row from another build that does not parse marks nothing.
function parseArgs(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
