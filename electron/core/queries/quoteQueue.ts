import type BetterSqlite3 from 'better-sqlite3';
import type { QuoteStatus } from '../../shared/domain/quotes';
import type { QuoteQueue, QuoteQueueFilter, QuoteQueueRow } from '../../shared/ipc/quotes';
import { readPendingActions } from './pendingActions';
import { instantOf, isoOf, QUEUE_DEFAULT_STATUSES, seconds, WAITING_STATUSES } from './quoteSql';

// The quote queue, read from the cache. A staff member's cache holds only the quotes they may
// see, so scope "all" needs no permission filter here. Rows are read as arrays and built here:
// for 100 000 rows that takes half the time better-sqlite3 needs to build objects itself.

/**
 * How line count and list value are read, both from quote_lines' covering index (quote_id,
 * position, list_price_ore, qty), never from the table:
 * - `each`: two aggregates per listed quote, one index seek each. Cheapest for short lists
 *   (mine: a few dozen quotes, and the detail's one), whatever the size of the cache.
 * - `grouped`: one pass over the whole index, grouped by quote, joined by an automatic index.
 *   About half the cost of `each` when the list holds most of 100 000 quotes (all, unassigned).
 */
export type LineFigures = 'each' | 'grouped';

const lineColumns: Record<LineFigures, readonly [string, string]> = {
  each: ['(SELECT count(*) FROM quote_lines l WHERE l.quote_id = q.id)', '(SELECT coalesce(sum(l.list_price_ore * l.qty), 0) FROM quote_lines l WHERE l.quote_id = q.id)'],
  grouped: ['coalesce(g.line_count, 0)', 'coalesce(g.list_value, 0)'],
};

const lineJoin: Record<LineFigures, string> = {
  each: '',
  grouped: `
  LEFT JOIN (SELECT quote_id, count(*) AS line_count, sum(list_price_ore * qty) AS list_value FROM quote_lines GROUP BY quote_id) g ON g.quote_id = q.id`,
};

/** The queue's columns, in the order {@link toQueueRow} reads them; the detail starts with them. */
export function queueColumns(lines: LineFigures): string {
  return [
    'q.id',
    'q.quote_number',
    'q.customer_id',
    // A quote can arrive before its customer (no foreign keys in the cache): shown, not dropped.
    "coalesce(c.name, '')",
    "coalesce(c.customer_number, '')",
    "coalesce(c.loyalty_tier, 'silver')",
    'q.branch_id',
    "coalesce(b.name, '')",
    ...lineColumns[lines],
    isoOf('q.requested_at'),
    isoOf('q.due_at'),
    'q.status',
    'q.assignee_id',
    's.name',
    'q.unread_customer_comments',
  ].join(', ');
}

/** The tables {@link queueColumns} read from. */
export function queueFrom(lines: LineFigures): string {
  return `quotes q
  LEFT JOIN customers c ON c.id = q.customer_id
  LEFT JOIN branches b ON b.id = q.branch_id
  LEFT JOIN staff s ON s.id = q.assignee_id${lineJoin[lines]}`;
}

/** A queue row as {@link queueColumns} reads it. */
export type QueueTuple = [
  id: string,
  quoteNumber: string,
  customerId: string,
  customerName: string,
  customerNumber: string,
  loyaltyTier: QuoteQueueRow['loyaltyTier'],
  branchId: string,
  branchName: string,
  lineCount: number,
  listValueOre: number,
  requestedAt: string,
  dueAt: string,
  status: QuoteQueueRow['status'],
  assigneeId: string | null,
  assigneeName: string | null,
  unreadComments: number,
];

/** How many columns a {@link QueueTuple} has (the type keeps the two equal). */
export const QUEUE_TUPLE_LENGTH: QueueTuple['length'] = 16;

/** The contract's row from a {@link QueueTuple}. */
export function toQueueRow(row: QueueTuple, pending: ReadonlySet<string>): QuoteQueueRow {
  return {
    id: row[0],
    quoteNumber: row[1],
    customerId: row[2],
    customerName: row[3],
    customerNumber: row[4],
    loyaltyTier: row[5],
    branchId: row[6],
    branchName: row[7],
    lineCount: row[8],
    listValueOre: row[9],
    requestedAt: row[10],
    dueAt: row[11],
    status: row[12],
    assigneeId: row[13],
    assigneeName: row[14],
    unreadComments: row[15],
    pending: pending.has(row[0]),
  };
}

/** A statement and its parameters. */
export interface Statement {
  sql: string;
  params: Array<string | number>;
}

/**
 * The queue's statement for `filter`, as staff member `me` at `now`; exported so a test can
 * check the plan of every combination. Only fixed SQL pieces vary; every value is a parameter.
 */
export function quoteQueueStatement(filter: QuoteQueueFilter, me: string, now: Date): Statement {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (filter.scope === 'mine') {
    where.push('q.assignee_id = ?');
    params.push(me);
  } else if (filter.scope === 'unassigned') {
    where.push('q.assignee_id IS NULL');
  }
  const chosen = filter.statuses.length > 0 ? [...new Set(filter.statuses)] : QUEUE_DEFAULT_STATUSES;
  // Breached: past due and still waiting for us (an answered quote is the customer's turn). The
  // two state lists are intersected here, so the index sees one; an empty `IN ()` matches nothing.
  const waiting: readonly QuoteStatus[] = WAITING_STATUSES;
  const statuses = filter.breachedOnly ? chosen.filter((status) => waiting.includes(status)) : chosen;
  where.push(`q.status IN (${statuses.map(() => '?').join(', ')})`);
  params.push(...statuses);
  if (filter.breachedOnly) {
    where.push(`${instantOf('q.due_at')} < ?`);
    params.push(seconds(now));
  }
  if (filter.branchId !== null) {
    where.push('q.branch_id = ?');
    params.push(filter.branchId);
  }
  const lines: LineFigures = filter.scope === 'mine' ? 'each' : 'grouped';
  return {
    sql: `SELECT ${queueColumns(lines)} FROM ${queueFrom(lines)} WHERE ${where.join(' AND ')} ORDER BY ${instantOf('q.due_at')}, q.id`,
    params,
  };
}

/** The queue for `filter`: due soonest first; `me` is the signed-in staff member. */
export function readQuoteQueue(sqlite: BetterSqlite3.Database, filter: QuoteQueueFilter, me: string, now: Date): QuoteQueue {
  const { sql, params } = quoteQueueStatement(filter, me, now);
  // Both reads run in one synchronous turn on the workspace's only connection: no write can
  // come between the pending markers and the rows.
  const pending = readPendingActions(sqlite).quoteIds;
  const tuples = sqlite.prepare(sql).raw(true).all(...params) as QueueTuple[];
  return { rows: tuples.map((tuple) => toQueueRow(tuple, pending)), asOf: now.toISOString() };
}
