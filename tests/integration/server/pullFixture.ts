import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { pullLineSchema, SYNC_SCHEMA_VERSION, type PullLine } from '../../../electron/shared/protocol/sync';
import { buildServer } from '../../../server/app';
import { hashPassword } from '../../../server/auth';
import { migrate, openDatabase, type Database, type DbConfig } from '../../../server/db';
import type { ChangeFeed } from '../../../server/sync/events';
import { listenPglite, listenPostgres } from '../../../server/sync/eventsFeeds';
import type { EventsRouteOptions } from '../../../server/sync/eventsRoute';
import type { PullRouteOptions } from '../../../server/sync/pullRoute';
import { accessTokenFor, listenOnLoopback, rawRequest, type Listening, type ListeningService, type RawAnswer } from './httpFixture';

/** A service instance on a test database, wired with the real change feed of its engine. */
export interface SyncInstance extends ListeningService {
  db: Kysely<Database>;
  feed: ChangeFeed;
}

/** The password of every staff member seeded here. */
export const SYNC_PASSWORD = 'alt som er synlig';

/** Staff for pull and event tests: both branch-bound roles in A, a consultant in B, and the all-seeing roles. */
export const SYNC_STAFF = {
  consultantA: { id: 'sy-kons-a', username: 'kons-a@sync', role: 'consultant', branchId: 'sy-a' },
  branchA: { id: 'sy-avd-a', username: 'avd-a@sync', role: 'branch', branchId: 'sy-a' },
  consultantB: { id: 'sy-kons-b', username: 'kons-b@sync', role: 'consultant', branchId: 'sy-b' },
  service: { id: 'sy-ks', username: 'ks@sync', role: 'customer_service', branchId: null },
  admin: { id: 'sy-adm', username: 'adm@sync', role: 'admin', branchId: null },
} as const;

/** A key of {@link SYNC_STAFF}. */
export type SyncStaffKey = keyof typeof SYNC_STAFF;

/** Branch A and branch B. */
export const BRANCH_A = 'sy-a';
/** The other branch. */
export const BRANCH_B = 'sy-b';

/** Opens and migrates `config`, builds the app with its engine's change feed, listens on loopback. */
export async function startSyncInstance(
  config: DbConfig,
  options: { pull?: PullRouteOptions; events?: Omit<EventsRouteOptions, 'feed'> } = {},
): Promise<SyncInstance> {
  const { db, feed, closeDb } = await openWithFeed(config);
  await migrate(db);
  const app = buildServer({
    db,
    dbKind: config.kind,
    version: '0.0.0-test',
    logLevel: 'silent',
    // '' = the secret kept in the database, shared by every instance on it.
    auth: { secret: '' },
    ...(options.pull !== undefined && { pull: options.pull }),
    events: { ...options.events, feed },
  });
  const service = await listenOnLoopback(app, closeDb);
  await feed.ready();
  return { ...service, db, feed };
}

// PGlite's listen needs the PGlite object itself: the handle carries it on that engine.
async function openWithFeed(config: DbConfig): Promise<{ db: Kysely<Database>; feed: ChangeFeed; closeDb: () => Promise<void> }> {
  const handle = await openDatabase(config);
  const closeDb = (): Promise<void> => handle.close();
  if (config.kind === 'postgres') return { db: handle.db, feed: listenPostgres(config.url, () => undefined, { min: 50, max: 500 }), closeDb };
  if (handle.pglite === undefined) throw new Error('openDatabase gave a PGlite handle without its engine');
  return { db: handle.db, feed: listenPglite(handle.pglite, handle.db), closeDb };
}

/**
 * Two branches, {@link SYNC_STAFF}, and in each branch a customer with a row in every synced
 * table, plus a contact message without a branch. Run once per database.
 */
export async function seedSyncWorld(db: Kysely<Database>): Promise<void> {
  const hash = await hashPassword(SYNC_PASSWORD);
  await sql`insert into branches (id, name, city) values (${BRANCH_A}, 'Oslo', 'Oslo'), (${BRANCH_B}, 'Bergen', 'Bergen')`.execute(db);
  for (const staff of Object.values(SYNC_STAFF)) {
    await sql`insert into staff (id, username, name, role, branch_id, password_hash)
      values (${staff.id}, ${staff.username}, ${staff.username}, ${staff.role}, ${staff.branchId}, ${hash})`.execute(db);
  }
  await sql`insert into products (id, article_number, name_nb, category, list_price_ore, cost_price_ore, bulky)
    values ('sy-p1', 'LED-1001', 'Downlight LED 10 W 3000 K', 'downlights', 49900, 21000, false)`.execute(db);
  await seedCustomer(db, 'a', BRANCH_A, SYNC_STAFF.consultantA.id);
  await seedCustomer(db, 'b', BRANCH_B, SYNC_STAFF.consultantB.id);
  await sql`insert into contact_messages (id, category, sender_name, sender_email, subject, body, received_at)
    values ('sy-m-none', 'general', 'Ukjent', 'ukjent@example.no', 'Spørsmål', 'Hei', '2026-01-05T09:00:00Z')`.execute(db);
}

/** A customer `sy-c-<key>` in `branchId` with one row in every customer-owned table. */
export async function seedCustomer(db: Kysely<Database>, key: string, branchId: string, consultantId: string): Promise<void> {
  const id = (table: string): string => `sy-${table}-${key}`;
  const statements = [
    sql`insert into customers (id, customer_number, org_number, name, consultant_id, branch_id, migration_deferred_until)
      values (${id('c')}, ${`C-${key}`}, '923609016', ${`Kunde ${key} AS`}, ${consultantId}, ${branchId}, '2026-03-01')`,
    sql`insert into company_users (id, customer_id, branch_id, email, name, role) values (${id('u')}, ${id('c')}, ${branchId}, ${`${key}@kunde.no`}, 'Ola', 'admin')`,
    sql`insert into addresses (id, customer_id, branch_id, kind, line1, postal_code, city) values (${id('adr')}, ${id('c')}, ${branchId}, 'business', 'Storgata 1', '0155', 'Oslo')`,
    sql`insert into project_lists (id, customer_id, branch_id, name, created_by_user_id) values (${id('pl')}, ${id('c')}, ${branchId}, 'Kontorbygg', ${id('u')})`,
    sql`insert into project_list_items (id, project_list_id, branch_id, product_id, qty) values (${id('pli')}, ${id('pl')}, ${branchId}, 'sy-p1', 10)`,
    sql`insert into quotes (id, quote_number, customer_id, branch_id, project_list_id, requested_at, due_at, valid_until)
      values (${id('q')}, ${`Q-${key}`}, ${id('c')}, ${branchId}, ${id('pl')}, '2026-01-05T08:00:00Z', '2026-01-06T08:00:00Z', '2026-02-05')`,
    sql`insert into quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore)
      values (${id('ql')}, ${id('q')}, ${branchId}, 1, 'sy-p1', 'LED-1001', 'Downlight', 10, 49900)`,
    sql`insert into quote_comments (id, quote_id, branch_id, author_kind, author_user_id, body) values (${id('qc')}, ${id('q')}, ${branchId}, 'customer', ${id('u')}, 'Haster')`,
    sql`insert into quote_events (id, quote_id, branch_id, actor_kind, kind, detail) values (${id('qe')}, ${id('q')}, ${branchId}, 'customer', 'requested', '{"via":"shop"}')`,
    sql`insert into orders (id, order_number, customer_id, branch_id, payment_method, placed_at, requested_delivery_date)
      values (${id('o')}, ${`O-${key}`}, ${id('c')}, ${branchId}, 'invoice', '2026-01-07T10:00:00Z', '2026-01-20')`,
    sql`insert into shipments (id, order_id, branch_id, carrier, tracking_number, shipped_at) values (${id('s')}, ${id('o')}, ${branchId}, 'Bring', 'TRK1', '2026-01-08T10:00:00Z')`,
    sql`insert into order_lines (id, order_id, branch_id, line_no, product_id, qty, unit_price_ore, status, shipment_id)
      values (${id('ol')}, ${id('o')}, ${branchId}, 1, 'sy-p1', 5, 49900, 'shipped', ${id('s')})`,
    sql`insert into invoices (id, invoice_number, shipment_id, order_id, branch_id, amount_ore, issued_at)
      values (${id('i')}, ${`F-${key}`}, ${id('s')}, ${id('o')}, ${branchId}, 249500, '2026-01-08T10:00:00Z')`,
    sql`insert into returns (id, return_number, order_id, customer_id, branch_id, kind, requested_at)
      values (${id('r')}, ${`R-${key}`}, ${id('o')}, ${id('c')}, ${branchId}, 'return', '2026-01-10T10:00:00Z')`,
    sql`insert into return_lines (id, return_id, branch_id, order_line_id, qty) values (${id('rl')}, ${id('r')}, ${branchId}, ${id('ol')}, 1)`,
    sql`insert into contact_messages (id, customer_id, order_id, branch_id, category, sender_name, sender_email, subject, body, received_at)
      values (${id('m')}, ${id('c')}, ${id('o')}, ${branchId}, 'order_change', 'Ola', ${`${key}@kunde.no`}, 'Endring', 'Kan dere levere fredag?', '2026-01-07T12:00:00Z')`,
    sql`insert into loyalty_tier_changes (id, customer_id, branch_id, from_tier, to_tier, reason, changed_by)
      values (${id('t')}, ${id('c')}, ${branchId}, 'silver', 'gold', 'Stor omsetning', ${consultantId})`,
    sql`insert into migration_events (id, customer_id, branch_id, action, from_state, to_state, actor_kind, actor_id)
      values (${id('e')}, ${id('c')}, ${branchId}, 'switch_on', 'not_started', 'switched_on', 'staff', ${consultantId})`,
  ];
  for (const statement of statements) await statement.execute(db);
}

/** Logs `who` in; returns the access token. */
export function tokenFor(instance: Listening, who: SyncStaffKey): Promise<string> {
  return accessTokenFor(instance, SYNC_STAFF[who].username, SYNC_PASSWORD);
}

// The pull and event tests send their requests through these.
export { rawRequest, type RawAnswer } from './httpFixture';

/** A parsed pull response. */
export interface PullAnswer extends RawAnswer {
  lines: PullLine[];
}

/** `GET /v1/sync/pull` as `token`; lines are checked against the protocol's line schema. */
export async function pullOnce(
  instance: Listening,
  token: string,
  options: { cursor?: string; clientId?: string; gzip?: boolean; schemaVersion?: string } = {},
): Promise<PullAnswer> {
  const query = new URLSearchParams({ schemaVersion: options.schemaVersion ?? String(SYNC_SCHEMA_VERSION) });
  if (options.cursor !== undefined) query.set('cursor', options.cursor);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'accept-encoding': options.gzip === true ? 'gzip' : 'identity' };
  if (options.clientId !== undefined) headers['x-client-id'] = options.clientId;
  const answer = await rawRequest(instance, 'GET', `/v1/sync/pull?${query.toString()}`, { headers });
  if (answer.status !== 200 || answer.aborted) return { ...answer, lines: [] };
  const text = (answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body).toString('utf8');
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => pullLineSchema.parse(JSON.parse(line)));
  return { ...answer, lines };
}

/** Pulls page after page while `more` is true; returns every page (each checked to be complete). */
export async function pullAll(instance: Listening, token: string, cursor?: string): Promise<{ pages: PullLine[][]; cursor: string }> {
  const pages: PullLine[][] = [];
  let next = cursor;
  for (;;) {
    const answer = await pullOnce(instance, token, next === undefined ? {} : { cursor: next });
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${answer.body.toString('utf8')}`);
    const end = answer.lines.at(-1);
    if (end?.t !== 'end') throw new Error('pull response without end line');
    pages.push(answer.lines);
    next = end.cursor;
    if (!end.more) return { pages, cursor: end.cursor };
    if (pages.length > 1_000) throw new Error('pull never finished');
  }
}

/** `table:id` of every put in `lines`. */
export function putKeys(lines: readonly PullLine[]): string[] {
  return lines.flatMap((line) => (line.t === 'put' ? [`${line.table}:${String(line.row.id)}`] : []));
}

/** `table:id` of every del in `lines`. */
export function delKeys(lines: readonly PullLine[]): string[] {
  return lines.flatMap((line) => (line.t === 'del' ? [`${line.table}:${line.id}`] : []));
}

/** The end line's cursor. */
export function cursorOf(lines: readonly PullLine[]): string {
  const end = lines.at(-1);
  if (end?.t !== 'end') throw new Error('no end line');
  return end.cursor;
}
