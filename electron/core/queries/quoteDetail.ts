import type BetterSqlite3 from 'better-sqlite3';
import type { QuoteDetail } from '../../shared/ipc/quotes';
import { readPendingActions } from './pendingActions';
import { QUEUE_TUPLE_LENGTH, queueColumns, queueFrom, toQueueRow, type QueueTuple } from './quoteQueue';
import { instantOf, isoOf } from './quoteSql';

// One quote with its lines, thread and history, for the detail pane. Thread and history are
// ordered by instant (their times come in more than one ISO spelling), then by id so two entries
// of the same millisecond always come in the same order; times go out in one spelling (isoOf).

/** The detail's statements; exported so a test can check every plan uses an index. */
export const quoteDetailSql = {
  quote: `SELECT ${queueColumns('each')}, pl.name, ${isoOf('q.answered_at')}, q.valid_until, q.message_to_customer, q.decline_reason, q.order_id
    FROM ${queueFrom('each')} LEFT JOIN project_lists pl ON pl.id = q.project_list_id WHERE q.id = ?`,
  lines: `SELECT l.id, l.position, l.product_id AS productId, l.article_number AS articleNumber, l.name, l.qty, l.list_price_ore AS listPriceOre,
      p.cost_price_ore AS costPriceOre, l.tier_discount_bp AS tierDiscountBp, l.extra_discount_bp AS extraDiscountBp, l.offered_price_ore AS offeredPriceOre
    FROM quote_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.quote_id = ? ORDER BY l.position, l.id`,
  // A customer's comment is signed by the company user, a staff comment by the staff member.
  comments: `SELECT k.id, k.author_kind AS authorKind,
      coalesce(CASE k.author_kind WHEN 'staff' THEN s.name ELSE u.name END, '') AS authorName, k.body, ${isoOf('k.created_at')} AS createdAt
    FROM quote_comments k LEFT JOIN staff s ON s.id = k.author_staff_id LEFT JOIN company_users u ON u.id = k.author_user_id
    WHERE k.quote_id = ? ORDER BY ${instantOf('k.created_at')}, k.id`,
  events: `SELECT e.id, ${isoOf('e.at')} AS at, e.actor_kind AS actorKind,
      CASE e.actor_kind WHEN 'staff' THEN s.name WHEN 'customer' THEN u.name END AS actorName, e.kind, e.detail
    FROM quote_events e
      LEFT JOIN staff s ON e.actor_kind = 'staff' AND s.id = e.actor_id
      LEFT JOIN company_users u ON e.actor_kind = 'customer' AND u.id = e.actor_id
    WHERE e.quote_id = ? ORDER BY ${instantOf('e.at')}, e.id`,
} as const;

type QuoteTuple = [...QueueTuple, string | null, string | null, string | null, string | null, string | null, string | null];
type CommentRow = Omit<QuoteDetail['comments'][number], 'pending'>;
type EventRow = Omit<QuoteDetail['events'][number], 'detail'> & { detail: string };

/** The quote `quoteId` as the detail pane shows it, or null when the cache does not hold it. */
export function readQuoteDetail(sqlite: BetterSqlite3.Database, quoteId: string): QuoteDetail | null {
  const tuple = sqlite.prepare(quoteDetailSql.quote).raw(true).get(quoteId) as QuoteTuple | undefined;
  if (tuple === undefined) return null;
  const pending = readPendingActions(sqlite);
  const queueRow = toQueueRow(tuple.slice(0, QUEUE_TUPLE_LENGTH) as QueueTuple, pending.quoteIds);
  const [projectListName, answeredAt, validUntil, messageToCustomer, declineReason, orderId] = tuple.slice(QUEUE_TUPLE_LENGTH) as Array<string | null>;
  const comments = sqlite.prepare(quoteDetailSql.comments).all(quoteId) as CommentRow[];
  const events = sqlite.prepare(quoteDetailSql.events).all(quoteId) as EventRow[];
  return {
    quote: {
      ...queueRow,
      projectListName: projectListName ?? null,
      answeredAt: answeredAt ?? null,
      validUntil: validUntil ?? null,
      messageToCustomer: messageToCustomer ?? null,
      declineReason: declineReason ?? null,
      orderId: orderId ?? null,
    },
    lines: sqlite.prepare(quoteDetailSql.lines).all(quoteId) as QuoteDetail['lines'],
    // Only a staff comment can be ours and still queued.
    comments: comments.map((comment) => ({ ...comment, pending: comment.authorKind === 'staff' && pending.commentIds.has(comment.id) })),
    events: events.map((event) => ({ ...event, detail: parseDetail(event.detail) })),
  };
}

// Stored as JSON text of an object (checked when pulled); anything else shows as no detail.
function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
