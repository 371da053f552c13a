import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { shipResponseSchema, shopOrderSchema, type ShipResponse, type ShopOrder } from '../../../electron/shared/protocol/shop';
import type { Database, DbConfig } from '../../../server/db';
import type { ShopOptions } from '../../../server/shop';
import { seedStaff, startClockedInstance, type ClockedInstance } from './authFixture';
import { call, expectStatus, type Answer, type Listening } from './httpFixture';

/** The keys test instances are started with. */
export const SHOP_KEY = 'test-shop-key-0123456789abcdefghij';
/** The warehouse's key in test instances. */
export const WAREHOUSE_KEY = 'test-warehouse-key-0123456789abcdefghij';

/** A service instance whose shop clock the test moves (staff auth keeps real time). */
export interface ShopInstance extends ClockedInstance {
  /** Moves the shop and warehouse clock forward by whole days. */
  advanceDays(days: number): void;
}

/** Opens and migrates `config`, starts the app with the test keys (unless `shop` says otherwise). */
export async function startShopInstance(config: DbConfig, shop: ShopOptions = { shopKey: SHOP_KEY, warehouseKey: WAREHOUSE_KEY }): Promise<ShopInstance> {
  const instance = await startClockedInstance(config, (now) => ({ auth: { secret: '' }, shop: { ...shop, now } }));
  return {
    ...instance,
    advanceDays(days) {
      instance.advance(days * 86_400);
    },
  };
}

/** The seeded customers: one per tier; Oslo and Bergen. */
export const CUSTOMERS = {
  silver: { id: 'sc-silver', number: '200001', tier: 'silver', branch: 'br-oslo', migration: 'switched_on' },
  gold: { id: 'sc-gold', number: '200002', tier: 'gold', branch: 'br-oslo', migration: 'form_submitted' },
  platinum: { id: 'sc-plat', number: '200003', tier: 'platinum', branch: 'br-bergen', migration: 'not_started' },
} as const;

/** A key of {@link CUSTOMERS}. */
export type CustomerKey = keyof typeof CUSTOMERS;

/** The seeded products: two ordinary, one bulky, one no longer sold. */
export const PRODUCTS = {
  downlight: { id: 'sp-down', article: 'DL-10001', price: 39_900, bulky: false, active: true },
  panel: { id: 'sp-panel', article: 'PN-20001', price: 125_000, bulky: false, active: true },
  mast: { id: 'sp-mast', article: 'MS-30001', price: 1_890_000, bulky: true, active: true },
  retired: { id: 'sp-old', article: 'OL-40001', price: 10_000, bulky: false, active: false },
} as const;

/** The ids of a customer's addresses and users as seeded. */
export function ids(customer: CustomerKey) {
  const { id } = CUSTOMERS[customer];
  return { billing: `${id}-bill`, delivery: `${id}-lev`, business: `${id}-forr`, user: `${id}-u1`, otherUser: `${id}-u2` };
}

/** Staff (authFixture's), the customers with addresses and users, and the products. */
export async function seedShopWorld(db: Kysely<Database>): Promise<void> {
  await seedStaff(db);
  for (const [key, customer] of Object.entries(CUSTOMERS) as Array<[CustomerKey, (typeof CUSTOMERS)[CustomerKey]]>) {
    const orgs: Record<CustomerKey, string> = { silver: '923609016', gold: '974760673', platinum: '982463718' };
    await db
      .insertInto('customers')
      .values({
        id: customer.id,
        customer_number: customer.number,
        org_number: orgs[key],
        name: `Lys ${key} AS`,
        loyalty_tier: customer.tier,
        consultant_id: customer.branch === 'br-oslo' ? 'st-kons' : null,
        branch_id: customer.branch,
        migration_state: customer.migration,
        migration_deferred_until: null,
        old_shop_access: true,
        phone: null,
        email: null,
        created_at: '2024-01-01T00:00:00Z',
      })
      .execute();
    const a = ids(key);
    const address = { customer_id: customer.id, branch_id: customer.branch, name: null, line2: null, country: 'NO' };
    await db
      .insertInto('addresses')
      .values([
        { ...address, id: a.billing, kind: 'billing', line1: 'Fakturavegen 1', postal_code: '0150', city: 'Oslo' },
        { ...address, id: a.delivery, kind: 'delivery', line1: 'Byggeplassen 7', postal_code: '0484', city: 'Oslo' },
        { ...address, id: a.business, kind: 'business', line1: 'Storgata 2', postal_code: '0155', city: 'Oslo' },
      ])
      .execute();
    const user = { customer_id: customer.id, branch_id: customer.branch, role: 'purchaser' as const, old_shop_username: null, new_shop_activated_at: null };
    await db
      .insertInto('company_users')
      .values([
        { ...user, id: a.user, email: `innkjop@${key}.test`, name: 'Ina Innkjøper' },
        { ...user, id: a.otherUser, email: `leder@${key}.test`, name: 'Leif Leder' },
      ])
      .execute();
  }
  await db
    .insertInto('products')
    .values(
      Object.values(PRODUCTS).map((p) => ({
        id: p.id,
        article_number: p.article,
        name_nb: `Produkt ${p.article}`,
        category: 'belysning',
        list_price_ore: p.price,
        cost_price_ore: Math.round(p.price / 2),
        bulky: p.bulky,
        active: p.active,
      })),
    )
    .execute();
}

/** A new project list of `customer` holding `items` (product key → qty); returns its id. */
export async function createProjectList(db: Kysely<Database>, customer: CustomerKey, items: Partial<Record<keyof typeof PRODUCTS, number>>): Promise<string> {
  const id = `pl-${randomUUID()}`;
  const { id: customerId, branch } = CUSTOMERS[customer];
  await db.insertInto('project_lists').values({ id, customer_id: customerId, branch_id: branch, name: `Prosjekt ${id.slice(3, 9)}`, created_by_user_id: null, created_at: new Date().toISOString() }).execute();
  // Ids in insertion order, so quote lines come in the order the items are listed here.
  const rows = Object.entries(items).map(([product, qty], index) => ({
    id: `${id}-${String(index).padStart(3, '0')}`,
    project_list_id: id,
    branch_id: branch,
    product_id: PRODUCTS[product as keyof typeof PRODUCTS].id,
    qty: qty ?? 1,
  }));
  if (rows.length > 0) await db.insertInto('project_list_items').values(rows).execute();
  return id;
}

/** A request to the shop side with its key (or `key`). */
export function shop(instance: Listening, method: 'GET' | 'POST', path: string, body?: unknown, key: string = SHOP_KEY): Promise<Answer> {
  return call(instance, method, path, { ...(body !== undefined && { body }), token: key });
}

/** A request to the warehouse side with its key (or `key`). */
export function warehouse(instance: Listening, method: 'GET' | 'POST', path: string, body?: unknown, key: string = WAREHOUSE_KEY): Promise<Answer> {
  return call(instance, method, path, { ...(body !== undefined && { body }), token: key });
}

/** A checkout for `customer` with its seeded addresses. */
export function checkout(customer: CustomerKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const a = ids(customer);
  return { paymentMethod: 'invoice', billingAddressId: a.billing, deliveryAddressId: a.delivery, ...extra };
}

/** The tables the shop and warehouse write (audit_log and service_meta aside). */
export const DOMAIN_TABLES = [
  'customers',
  'company_users',
  'quotes',
  'quote_lines',
  'quote_comments',
  'quote_events',
  'orders',
  'order_lines',
  'shipments',
  'invoices',
  'returns',
  'return_lines',
  'contact_messages',
  'migration_events',
] as const;

/** Row counts of {@link DOMAIN_TABLES}, plus a checksum of the state columns writes change. */
export async function domainCounts(db: Kysely<Database>): Promise<Record<string, string>> {
  const selects = DOMAIN_TABLES.map((table) => sql`(select count(*) from ${sql.table(table)})::text as ${sql.ref(table)}`);
  const result = await sql<Record<string, string>>`select ${sql.join(selects)},
    (select string_agg(id || ':' || status || ':' || coalesce(shipment_id, ''), ',' order by id) from order_lines) as line_states,
    (select string_agg(id || ':' || status || ':' || unread_customer_comments, ',' order by id) from quotes) as quote_states,
    (select string_agg(id || ':' || migration_state, ',' order by id) from customers) as migration_states,
    (select string_agg(id || ':' || coalesce(delivered_at::text, ''), ',' order by id) from shipments) as deliveries`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('count query returned nothing');
  return row;
}

/** Places an order for `customer` through the shop (lines: product key → qty); expects 201. */
export async function placeOrder(
  instance: Listening,
  customer: CustomerKey,
  lines: Partial<Record<keyof typeof PRODUCTS, number>>,
  extra: Record<string, unknown> = {},
  key: string = SHOP_KEY,
): Promise<ShopOrder> {
  const body = {
    customerNumber: CUSTOMERS[customer].number,
    ...checkout(customer),
    lines: Object.entries(lines).filter(([, qty]) => qty !== 0).map(([product, qty]) => ({ articleNumber: PRODUCTS[product as keyof typeof PRODUCTS].article, qty })),
    ...extra,
  };
  return shopOrderSchema.parse(expectStatus(await shop(instance, 'POST', '/v1/shop/orders', body, key), 201));
}

/** Ships `lineIds` of `orderId` through the warehouse; expects 201. */
export async function shipLines(instance: Listening, orderId: string, lineIds: string[], key: string = WAREHOUSE_KEY): Promise<ShipResponse> {
  const body = { orderId, lineIds, carrier: 'Bring', trackingNumber: `70${randomUUID().replaceAll('-', '').slice(0, 15)}` };
  return shipResponseSchema.parse(expectStatus(await warehouse(instance, 'POST', '/v1/warehouse/shipments', body, key), 201));
}

/** Marks shipment `shipmentId` delivered; expects 200. */
export async function deliverShipment(instance: Listening, shipmentId: string, key: string = WAREHOUSE_KEY): Promise<void> {
  expectStatus(await warehouse(instance, 'POST', `/v1/warehouse/shipments/${shipmentId}/deliver`, {}, key), 200);
}
