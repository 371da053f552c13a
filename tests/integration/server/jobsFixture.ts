import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { QuoteStatus } from '../../../electron/shared/domain/quotes';
import type { Database } from '../../../server/db';

/** The one branch the job tests' quotes belong to. */
export const JOBS_BRANCH = 'jb-oslo';

const DAY = 86_400_000;

/** A branch and a customer to hang quotes on; a second call on the same database does nothing. */
export async function seedJobsWorld(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('branches')
    .values({ id: JOBS_BRANCH, name: 'Oslo', city: 'Oslo' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await sql`insert into customers (id, customer_number, org_number, name, branch_id)
    values ('jb-c', '910001', '923609016', 'Jobb Elektro AS', ${JOBS_BRANCH})
    on conflict (id) do nothing`.execute(db);
}

/** Inserts a quote in `status`, valid until `validUntil` (YYYY-MM-DD, or null: never answered); returns its id. */
export async function createJobsQuote(db: Kysely<Database>, status: QuoteStatus, validUntil: string | null): Promise<string> {
  const id = `jq-${randomUUID()}`;
  const requestedAt = new Date(Date.now() - 40 * DAY);
  await db
    .insertInto('quotes')
    .values({
      id,
      quote_number: `T-${id.slice(3, 11)}`,
      customer_id: 'jb-c',
      branch_id: JOBS_BRANCH,
      project_list_id: null,
      status,
      requested_at: requestedAt.toISOString(),
      due_at: new Date(requestedAt.getTime() + DAY).toISOString(),
      assignee_id: null,
      answered_at: validUntil === null ? null : requestedAt.toISOString(),
      valid_until: validUntil,
      message_to_customer: null,
      decline_reason: status === 'declined' ? 'Kunden valgte en annen leverandør' : null,
      order_id: null,
      unread_customer_comments: 0,
      updated_at: requestedAt.toISOString(),
    })
    .execute();
  return id;
}

/** The quote's status and sync version. */
export async function quoteState(db: Kysely<Database>, id: string): Promise<{ status: string; version: string }> {
  return db.selectFrom('quotes').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Inserts `count` quotes at once in `status`, valid until `validUntil`; returns their ids. */
export async function createJobsQuotes(db: Kysely<Database>, count: number, status: QuoteStatus, validUntil: string): Promise<string[]> {
  const prefix = `jq-${randomUUID().slice(0, 8)}`;
  const result = await sql<{ id: string }>`
    insert into quotes (id, quote_number, customer_id, branch_id, status, requested_at, due_at, answered_at, valid_until, updated_at)
    select ${prefix} || '-' || n, 'T-' || ${prefix} || '-' || n, 'jb-c', ${JOBS_BRANCH}, ${status},
      now() - interval '40 days', now() - interval '39 days', now() - interval '39 days', ${validUntil}::date, now() - interval '39 days'
    from generate_series(1, ${count}::int) as n
    returning id`.execute(db);
  return result.rows.map((row) => row.id);
}
