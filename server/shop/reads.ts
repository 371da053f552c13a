import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { ShopAccount, ShopCustomerSummary, ShopProductList, ShopQuoteSummary } from '../../electron/shared/protocol/shop';
import { migrationStateSchema, quoteStatusSchema } from '../../electron/shared/sync/rows';
import type { Database } from '../db';
import type { ShopDeps } from './options';
import { completeDeliveryAt } from './rules';
import { countParam, customerByNumber, parseQuery } from './support';

// The shop's read side: the account page, and random samples for demos and the simulator
// (`?sample=N` picks N at random, so a steady stream of traffic spreads over the whole shop).

const RECENT = 20;
const MAX_SAMPLE = 200;

const customerQuerySchema = z.strictObject({ sample: countParam(MAX_SAMPLE).optional(), migrationState: migrationStateSchema.optional() });
const quoteQuerySchema = z.strictObject({ sample: countParam(MAX_SAMPLE).optional(), status: quoteStatusSchema.optional() });
const productQuerySchema = z.strictObject({ sample: countParam(MAX_SAMPLE).optional() });

/** `GET /v1/shop/customers?sample=N&migrationState=S`: customers picked at random. */
export async function sampleCustomers(deps: ShopDeps, query: unknown): Promise<{ customers: ShopCustomerSummary[] }> {
  const { sample = 20, migrationState } = parseQuery(customerQuerySchema, query, 'Use ?sample=1…200 and optionally &migrationState=<state>.');
  let select = deps.db.selectFrom('customers').select(['customer_number', 'name', 'loyalty_tier', 'migration_state']);
  if (migrationState !== undefined) select = select.where('migration_state', '=', migrationState);
  const rows = await select.orderBy(sql`random()`).limit(sample).execute();
  return { customers: rows.map((row) => ({ customerNumber: row.customer_number, name: row.name, tier: row.loyalty_tier, migrationState: row.migration_state })) };
}

/** `GET /v1/shop/quotes?sample=N&status=S`: quotes picked at random. */
export async function sampleQuotes(deps: ShopDeps, query: unknown): Promise<{ quotes: ShopQuoteSummary[] }> {
  const { sample = 20, status } = parseQuery(quoteQuerySchema, query, 'Use ?sample=1…200 and optionally &status=<quote status>.');
  let select = deps.db
    .selectFrom('quotes')
    .innerJoin('customers', 'customers.id', 'quotes.customer_id')
    .select(['quotes.id', 'quotes.quote_number', 'customers.customer_number', 'quotes.status', 'quotes.valid_until']);
  if (status !== undefined) select = select.where('quotes.status', '=', status);
  const rows = await select.orderBy(sql`random()`).limit(sample).execute();
  return { quotes: rows.map(quoteSummary) };
}

/** `GET /v1/shop/products?sample=N`: active products picked at random. */
export async function sampleProducts(deps: ShopDeps, query: unknown): Promise<ShopProductList> {
  const { sample = 20 } = parseQuery(productQuerySchema, query, 'Use ?sample=1…200.');
  const rows = await deps.db
    .selectFrom('products')
    .select(['article_number', 'name_nb', 'category', 'list_price_ore', 'bulky'])
    .where('active', '=', true)
    .orderBy(sql`random()`)
    .limit(sample)
    .execute();
  return {
    products: rows.map((row) => ({ articleNumber: row.article_number, name: row.name_nb, category: row.category, listPriceOre: row.list_price_ore, bulky: row.bulky })),
  };
}

/** `GET /v1/shop/customers/:number`: the account page with its recent quotes and orders. */
export async function loadAccount(deps: ShopDeps, customerNumber: string): Promise<ShopAccount> {
  const { db } = deps;
  const customer = await customerByNumber(db, customerNumber);
  const facts = await db.selectFrom('customers').select(['org_number', 'old_shop_access']).where('id', '=', customer.id).executeTakeFirstOrThrow();
  const addresses = await db.selectFrom('addresses').selectAll().where('customer_id', '=', customer.id).orderBy('kind').orderBy('id').execute();
  const users = await db.selectFrom('company_users').selectAll().where('customer_id', '=', customer.id).orderBy('name').execute();
  const lists = await db
    .selectFrom('project_lists')
    .select(['project_lists.id', 'project_lists.name'])
    .select((eb) => [
      eb.selectFrom('project_list_items').select(eb.fn.countAll<string>().as('n')).whereRef('project_list_id', '=', 'project_lists.id').as('itemCount'),
      eb
        .selectFrom('quotes')
        .select('quotes.id')
        .whereRef('quotes.project_list_id', '=', 'project_lists.id')
        .where('quotes.status', 'in', ['requested', 'in_progress', 'answered', 'revision_requested'])
        .limit(1)
        .as('openQuoteId'),
    ])
    .where('customer_id', '=', customer.id)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const quotes = await db
    .selectFrom('quotes')
    .select(['id', 'quote_number', 'status', 'valid_until'])
    .select(sql.lit(customer.customer_number).as('customer_number'))
    .where('customer_id', '=', customer.id)
    .orderBy('requested_at', 'desc')
    .limit(RECENT)
    .execute();
  return {
    customerNumber: customer.customer_number,
    name: customer.name,
    tier: customer.loyalty_tier,
    migrationState: customer.migration_state,
    orgNumber: facts.org_number,
    tierDiscountBp: deps.pricing.tierDiscountBp[customer.loyalty_tier],
    oldShopAccess: facts.old_shop_access,
    addresses: addresses.map((a) => ({ id: a.id, kind: a.kind, name: a.name, line1: a.line1, postalCode: a.postal_code, city: a.city })),
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, newShopActivatedAt: u.new_shop_activated_at })),
    projectLists: lists.map((list) => ({ id: list.id, name: list.name, itemCount: Number(list.itemCount ?? 0), openQuoteId: list.openQuoteId ?? null })),
    quotes: quotes.map(quoteSummary),
    orders: await recentOrders(db, customer.id),
  };
}

async function recentOrders(db: Kysely<Database>, customerId: string): Promise<ShopAccount['orders']> {
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'order_number', 'placed_at'])
    .where('customer_id', '=', customerId)
    .orderBy('placed_at', 'desc')
    .limit(RECENT)
    .execute();
  if (orders.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines')
    .leftJoin('shipments', 'shipments.id', 'order_lines.shipment_id')
    .select(['order_lines.order_id', 'order_lines.status', 'shipments.delivered_at'])
    .where('order_lines.order_id', 'in', orders.map((order) => order.id))
    .execute();
  return orders.map((order) => ({
    id: order.id,
    number: order.order_number,
    placedAt: order.placed_at,
    completeDeliveryAt: completeDeliveryAt(
      lines.filter((line) => line.order_id === order.id).map((line) => ({ status: line.status, deliveredAt: line.delivered_at })),
    ),
  }));
}

function quoteSummary(row: { id: string; quote_number: string; customer_number: string; status: ShopQuoteSummary['status']; valid_until: string | null }): ShopQuoteSummary {
  return { id: row.id, number: row.quote_number, customerNumber: row.customer_number, status: row.status, validUntil: row.valid_until };
}
