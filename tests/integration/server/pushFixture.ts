import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { pushResponseSchema, SYNC_SCHEMA_VERSION, type PushResponse } from '../../../electron/shared/protocol/sync';
import type { QuoteStatus } from '../../../electron/shared/domain/quotes';
import type { MutationArgs, MutationName } from '../../../electron/shared/sync/mutations';
import { hashPassword } from '../../../server/auth';
import type { Database, DbKind } from '../../../server/db';
import { insertStaff, startAuthInstance, type AuthInstance } from './authFixture';
import { useTestDatabases } from './backends';
import { accessTokenFor, call, expectStatus, send, type Answer, type Listening } from './httpFixture';

/** The password of every staff member seeded here. */
export const PUSH_PASSWORD = 'lysende tilbud hver dag';

/** Staff for push tests: two consultants in Oslo (to race), one in Bergen, and one of each other role. */
export const PUSH_STAFF = {
  kari: { id: 'ps-kari', username: 'kari@push', name: 'Kari Konsulent', role: 'consultant', branchId: 'pb-oslo' },
  ola: { id: 'ps-ola', username: 'ola@push', name: 'Ola Konsulent', role: 'consultant', branchId: 'pb-oslo' },
  berit: { id: 'ps-berit', username: 'berit@push', name: 'Berit Bergen', role: 'consultant', branchId: 'pb-bergen' },
  branch: { id: 'ps-avd', username: 'avd@push', name: 'Arne Avdeling', role: 'branch', branchId: 'pb-oslo' },
  service: { id: 'ps-ks', username: 'ks@push', name: 'Siri Service', role: 'customer_service', branchId: null },
  admin: { id: 'ps-adm', username: 'adm@push', name: 'Anders Admin', role: 'admin', branchId: null },
} as const;

/** A key of {@link PUSH_STAFF}. */
export type PushStaffKey = keyof typeof PUSH_STAFF;

/** The two branches' ids. */
export const OSLO = 'pb-oslo';
/** Bergen, the "foreign" branch for Oslo's staff. */
export const BERGEN = 'pb-bergen';

/** Branches, {@link PUSH_STAFF} and one customer per branch. */
export async function seedPushWorld(db: Kysely<Database>): Promise<void> {
  const hash = await hashPassword(PUSH_PASSWORD);
  await db
    .insertInto('branches')
    .values([
      { id: OSLO, name: 'Oslo', city: 'Oslo' },
      { id: BERGEN, name: 'Bergen', city: 'Bergen' },
    ])
    .execute();
  await insertStaff(db, Object.values(PUSH_STAFF), hash);
  await sql`insert into customers (id, customer_number, org_number, name, branch_id) values
    ('pc-oslo', '900001', '923609016', 'Lys og Strøm AS', ${OSLO}),
    ('pc-bergen', '900002', '974760673', 'Bergen Elektro AS', ${BERGEN})`.execute(db);
}

let quoteCounter = 0;

/** Inserts a quote of `branchId` in `status`; returns its id. */
export async function createQuote(
  db: Kysely<Database>,
  options: { branchId?: string; status?: QuoteStatus; assigneeId?: string | null; answered?: boolean } = {},
): Promise<string> {
  quoteCounter += 1;
  const id = `pq-${quoteCounter}-${randomUUID().slice(0, 8)}`;
  const branchId = options.branchId ?? OSLO;
  const requestedAt = new Date(Date.now() - 3_600_000);
  const dueAt = new Date(requestedAt.getTime() + 24 * 3_600_000);
  await db
    .insertInto('quotes')
    .values({
      id,
      quote_number: `T-${id}`,
      customer_id: branchId === OSLO ? 'pc-oslo' : 'pc-bergen',
      branch_id: branchId,
      project_list_id: null,
      status: options.status ?? 'requested',
      requested_at: requestedAt.toISOString(),
      due_at: dueAt.toISOString(),
      assignee_id: options.assigneeId ?? null,
      answered_at: options.answered === true ? new Date().toISOString() : null,
      valid_until: null,
      message_to_customer: null,
      decline_reason: options.status === 'declined' ? 'Utgått vare' : null,
      order_id: null,
      unread_customer_comments: 2,
      updated_at: requestedAt.toISOString(),
    })
    .execute();
  return id;
}

/** Logs every {@link PUSH_STAFF} member in over HTTP; their access tokens by key. */
export async function loginAll(instance: Listening): Promise<Record<PushStaffKey, string>> {
  const entries = await Promise.all(
    Object.entries(PUSH_STAFF).map(async ([key, staff]) => [key, await accessTokenFor(instance, staff.username, PUSH_PASSWORD)] as const),
  );
  return Object.fromEntries(entries) as Record<PushStaffKey, string>;
}

/** A service seeded with the push world, and the access token of every {@link PUSH_STAFF} member. */
export interface PushWorld {
  instance: AuthInstance;
  tokens: Record<PushStaffKey, string>;
}

/**
 * The hooks every push suite on `kind` starts with: a fresh database, a service on it seeded by
 * {@link seedPushWorld}, every staff member logged in (handed to `ready` in beforeAll), and the
 * service closed after the suite.
 */
export function usePushWorld(kind: DbKind, ready: (world: PushWorld) => void): void {
  const databases = useTestDatabases(kind);
  let instance: AuthInstance | undefined;
  beforeAll(async () => {
    instance = await startAuthInstance(databases.config());
    await seedPushWorld(instance.db);
    ready({ instance, tokens: await loginAll(instance) });
  });
  afterAll(async () => {
    await instance?.close();
  });
}

/** One pushed mutation, made now. */
export function mutation<N extends MutationName>(seq: number, name: N, args: MutationArgs<N>): { seq: number; name: N; args: MutationArgs<N>; at: string } {
  return { seq, name, args, at: new Date().toISOString() };
}

/** POST /v1/sync/push with `body` as the staff member of `token`. */
export function push(instance: Listening, token: string, body: unknown): Promise<Answer> {
  return call(instance, 'POST', '/v1/sync/push', { token, body });
}

/** Pushes `mutations` for `clientId`, expects a 200 and returns the checked answer. */
export async function pushOk(instance: Listening, token: string, clientId: string, mutations: unknown[]): Promise<PushResponse> {
  const answer = await push(instance, token, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations });
  return pushResponseSchema.parse(expectStatus(answer, 200));
}

/** POST /v1/sync/push with a raw body text, as a client with a broken serializer might send. */
export function pushRaw(instance: Listening, token: string, payload: string): Promise<Answer> {
  return send(instance, 'POST', '/v1/sync/push', { text: payload, token });
}

/** The quote's row as the database has it. */
export async function quoteRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('quotes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The quote's history, oldest first. */
export async function quoteEvents(db: Kysely<Database>, quoteId: string) {
  return db.selectFrom('quote_events').selectAll().where('quote_id', '=', quoteId).orderBy('version').execute();
}

const SNAPSHOT_TABLES = ['quotes', 'quote_events', 'quote_comments', 'sync_clients', 'sync_mutation_outcomes', 'audit_log'] as const;

/** Every row of every table a push can write, in a stable order: for "nothing changed" checks. */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of SNAPSHOT_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    result[table] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

/** How many rows the tables a push writes hold. */
export interface RowCounts {
  outcomes: number;
  quotes: number;
  events: number;
  comments: number;
}

/** Row counts of the tables a push writes. */
export async function counts(db: Kysely<Database>): Promise<RowCounts> {
  const result = await sql<{ outcomes: string; quotes: string; events: string; comments: string }>`select
    (select count(*) from sync_mutation_outcomes) as outcomes,
    (select count(*) from quotes) as quotes,
    (select count(*) from quote_events) as events,
    (select count(*) from quote_comments) as comments`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('count query returned nothing');
  return { outcomes: Number(row.outcomes), quotes: Number(row.quotes), events: Number(row.events), comments: Number(row.comments) };
}
