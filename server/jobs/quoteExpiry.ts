import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { QuoteStatus } from '../../electron/shared/domain/quotes';
import type { Database } from '../db';
import { osloDate } from '../shop/rules';
import { withJobLock } from './lock';

/**
 * The states in which a quote waits on its validity: answered (the customer may check it out),
 * or sent back for a revision nobody has taken yet. A quote someone is working on
 * (`in_progress`) is left alone: the consultant's new answer sets a new validity.
 */
export const EXPIRABLE_QUOTE_STATUSES = ['answered', 'revision_requested'] as const satisfies readonly QuoteStatus[];

/** How many quotes one transaction expires; PGlite serves nothing else while it runs. */
export const EXPIRE_BATCH_SIZE = 200;

/** One quote a run expired. */
export interface ExpiredQuote {
  id: string;
  quoteNumber: string;
  /** Its last valid day, `YYYY-MM-DD`. */
  validUntil: string;
}

/** What {@link expireQuotes} did. */
export interface ExpireQuotesResult {
  expired: ExpiredQuote[];
  /** Another instance was running the job at that moment (its advisory lock), so this run left it. */
  skipped: boolean;
}

/**
 * Expires every quote in {@link EXPIRABLE_QUOTE_STATUSES} whose validity has passed at `now`.
 * "Valid until 31.03" holds to the end of that day in Norway (server/shop/rules.ts), the same rule
 * by which checkout refuses it: a quote expires once the Norwegian date is after `valid_until`.
 * Each quote gets status `expired` and an `expired` event by the system, through plain UPDATE and
 * INSERT, so versions are stamped and pokes go out as for any other change; one audit row each.
 * The comparison is done by the database on the date column, whatever type the driver returns.
 */
export async function expireQuotes(db: Kysely<Database>, now: Date, options: { batchSize?: number } = {}): Promise<ExpireQuotesResult> {
  const batchSize = options.batchSize ?? EXPIRE_BATCH_SIZE;
  const today = osloDate(now);
  const expired: ExpiredQuote[] = [];
  for (;;) {
    const batch = await withJobLock(db, 'expire-quotes', (trx) => expireBatch(trx, today, now, batchSize));
    // Lost to another instance, at the start or between batches: it carries on where this stopped.
    if (!batch.ran) return { expired, skipped: expired.length === 0 };
    expired.push(...batch.result);
    if (batch.result.length < batchSize) return { expired, skipped: false };
  }
}

async function expireBatch(trx: Transaction<Database>, today: string, now: Date, batchSize: number): Promise<ExpiredQuote[]> {
  // FOR UPDATE: a customer's comment or a claim racing with this waits, and a quote that one of
  // them moved out of the expirable states meanwhile is re-checked and dropped here.
  const due = await trx
    .selectFrom('quotes')
    .select(['id', 'quote_number', 'branch_id', 'status', sql<string>`valid_until::text`.as('valid_until')])
    .where('status', 'in', EXPIRABLE_QUOTE_STATUSES)
    .where(sql<boolean>`valid_until < ${today}::date`)
    .orderBy('valid_until')
    .orderBy('id')
    .limit(batchSize)
    .forUpdate()
    .execute();
  if (due.length === 0) return [];
  const at = now.toISOString();
  await trx
    .updateTable('quotes')
    .set({ status: 'expired', updated_at: at })
    .where(
      'id',
      'in',
      due.map((quote) => quote.id),
    )
    .execute();
  await trx
    .insertInto('quote_events')
    .values(
      due.map((quote) => ({
        id: randomUUID(),
        quote_id: quote.id,
        branch_id: quote.branch_id,
        at,
        actor_kind: 'system' as const,
        actor_id: null,
        kind: 'expired' as const,
        detail: sql<Record<string, unknown>>`${JSON.stringify({ from: quote.status, validUntil: quote.valid_until })}::jsonb`,
      })),
    )
    .execute();
  await trx
    .insertInto('audit_log')
    .values(
      due.map((quote) => ({
        at,
        actor_kind: 'system' as const,
        actor_id: null,
        action: 'job.quote.expire',
        object_type: 'quote',
        object_id: quote.id,
        outcome: 'ok' as const,
        detail: JSON.stringify({ number: quote.quote_number, from: quote.status, validUntil: quote.valid_until }),
      })),
    )
    .execute();
  return due.map((quote) => ({ id: quote.id, quoteNumber: quote.quote_number, validUntil: quote.valid_until }));
}
