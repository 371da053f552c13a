import { z } from 'zod';
import { loyaltyTierSchema, quoteStatusSchema } from '../sync/rows';

// The quote queue's calls (issue 5): what the renderer reads from the cache through the core.
// Writes are mutations (`mutation.submit` with quote.claim, quote.answer, …), not calls here.

const id = z.string().min(1).max(100);
const count = z.number().int().nonnegative();

/** Which quotes the queue shows. */
export const quoteQueueFilterSchema = z.strictObject({
  /** Mine: assigned to me; unassigned: nobody's; all: every quote I may see. */
  scope: z.enum(['mine', 'unassigned', 'all']),
  /** Empty: the open ones (requested, in_progress, answered, revision_requested). */
  statuses: z.array(quoteStatusSchema).max(7),
  branchId: id.nullable(),
  /** Only open quotes past their 24-hour due time. */
  breachedOnly: z.boolean(),
});

/** One row of the queue. */
export const quoteQueueRowSchema = z.strictObject({
  id,
  quoteNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerNumber: z.string(),
  loyaltyTier: loyaltyTierSchema,
  branchId: z.string(),
  branchName: z.string(),
  lineCount: count,
  /** Σ list price × qty, before any discount. */
  listValueOre: count,
  requestedAt: z.string(),
  dueAt: z.string(),
  status: quoteStatusSchema,
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Customer comments not read by staff yet. */
  unreadComments: count,
  /** A queued (not yet pushed) action of this staff member concerns the quote. */
  pending: z.boolean(),
});

/** `quotes.queue`'s answer. */
export const quoteQueueSchema = z.strictObject({ rows: z.array(quoteQueueRowSchema), asOf: z.string() });

/** A line of a quote, with what the editor needs to price it. */
export const quoteDetailLineSchema = z.strictObject({
  id,
  position: z.number().int(),
  productId: z.string(),
  articleNumber: z.string(),
  name: z.string(),
  qty: z.number().int().positive(),
  listPriceOre: count,
  /** The product's cost price; null when the product is not in the cache. */
  costPriceOre: count.nullable(),
  tierDiscountBp: count,
  extraDiscountBp: count,
  offeredPriceOre: count.nullable(),
});

/** A message in the quote's thread. */
export const quoteDetailCommentSchema = z.strictObject({
  id,
  authorKind: z.enum(['customer', 'staff']),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  /** Written here and not yet accepted by the server. */
  pending: z.boolean(),
});

/** An entry of the quote's history: who did what, when. */
export const quoteDetailEventSchema = z.strictObject({
  id,
  at: z.string(),
  actorKind: z.enum(['customer', 'staff', 'system']),
  actorName: z.string().nullable(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** `quotes.get`'s answer: the quote with its lines, thread and history. */
export const quoteDetailSchema = z.strictObject({
  quote: quoteQueueRowSchema.extend({
    projectListName: z.string().nullable(),
    answeredAt: z.string().nullable(),
    validUntil: z.string().nullable(),
    messageToCustomer: z.string().nullable(),
    declineReason: z.string().nullable(),
    orderId: z.string().nullable(),
  }),
  lines: z.array(quoteDetailLineSchema),
  comments: z.array(quoteDetailCommentSchema),
  events: z.array(quoteDetailEventSchema),
});

/** One day of the dashboard's answer-time chart (Oslo days, oldest first). */
export const quoteDashboardDaySchema = z.strictObject({
  date: z.iso.date(),
  answered: count,
  medianAnswerMinutes: z.number().nonnegative().nullable(),
});

/** `quotes.getDashboard`: the home screen's quote card. */
export const quoteDashboardSchema = z.strictObject({
  openRequests: count,
  dueWithin4h: count,
  /** Quotes whose due time passed today (Oslo) without an answer by then. */
  breachedToday: count,
  /** Median of answered_at − requested_at over quotes answered in the last 7 days; null if none. */
  medianAnswerMinutes7d: z.number().nonnegative().nullable(),
  days: z.array(quoteDashboardDaySchema).length(7),
  asOf: z.string(),
});

/** The quote calls of the IPC contract (merged into `ipcCalls`). */
export const quoteCalls = {
  'quotes.queue': { input: quoteQueueFilterSchema, output: quoteQueueSchema.nullable() },
  'quotes.get': { input: z.strictObject({ quoteId: id }), output: quoteDetailSchema.nullable() },
  'quotes.getDashboard': { input: z.strictObject({}), output: quoteDashboardSchema.nullable() },
  /** Staff who can take quotes (for the admin's reassign menu). */
  'quotes.listAssignees': { input: z.strictObject({ branchId: id }), output: z.array(z.strictObject({ id, name: z.string() })) },
} as const;

export type QuoteQueueFilter = z.infer<typeof quoteQueueFilterSchema>;
export type QuoteQueueRow = z.infer<typeof quoteQueueRowSchema>;
export type QuoteQueue = z.infer<typeof quoteQueueSchema>;
export type QuoteDetail = z.infer<typeof quoteDetailSchema>;
export type QuoteDashboard = z.infer<typeof quoteDashboardSchema>;
