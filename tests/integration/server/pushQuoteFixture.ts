import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { EffectRows } from '../../../electron/shared/sync/localEffects';
import type { SyncRow, SyncTableName } from '../../../electron/shared/sync/rows';
import { hashPassword } from '../../../server/auth';
import type { Database, DbKind } from '../../../server/db';
import { insertStaff } from './authFixture';
import { useTestDatabases } from './backends';
import type { Listening } from './httpFixture';
import { pullAll } from './pullFixture';
import { loginAll, OSLO, PUSH_PASSWORD, seedPushWorld, type PushStaffKey } from './pushFixture';
import { startShopInstance, type ShopInstance } from './shopFixture';

// Quote lines for the push world (pushFixture.ts seeds no products): what quote.answer answers;
// and a push world with the shop side, for the quote-work suites.

/** The products quote lines of the push world are made of: list and cost price in øre. */
export const PUSH_PRODUCTS = {
  downlight: { id: 'pp-down', article: 'DL-1001', listOre: 49_900, costOre: 21_000 },
  panel: { id: 'pp-panel', article: 'PN-2001', listOre: 125_000, costOre: 80_000 },
  odd: { id: 'pp-odd', article: 'OD-3001', listOre: 333, costOre: 100 },
} as const;

/** A key of {@link PUSH_PRODUCTS}. */
export type PushProductKey = keyof typeof PUSH_PRODUCTS;

/** Inserts {@link PUSH_PRODUCTS} unless they are there. */
export async function ensurePushProducts(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('products')
    .values(
      Object.values(PUSH_PRODUCTS).map((p) => ({
        id: p.id,
        article_number: p.article,
        name_nb: `Produkt ${p.article}`,
        category: 'belysning',
        list_price_ore: p.listOre,
        cost_price_ore: p.costOre,
        bulky: false,
        active: true,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** One line to add: product, quantity and the customer's tier discount (basis points). */
export interface LineSpec {
  product: PushProductKey;
  qty: number;
  tierBp?: number;
}

/** Adds `lines` to quote `quoteId` of `branchId` (positions 1, 2, …); returns their ids in order. */
export async function addQuoteLines(db: Kysely<Database>, quoteId: string, branchId: string, lines: readonly LineSpec[]): Promise<string[]> {
  await ensurePushProducts(db);
  const rows = lines.map((line, index) => {
    const product = PUSH_PRODUCTS[line.product];
    return {
      id: `${quoteId}-l${index + 1}-${randomUUID().slice(0, 4)}`,
      quote_id: quoteId,
      branch_id: branchId,
      position: index + 1,
      product_id: product.id,
      article_number: product.article,
      name: `Produkt ${product.article}`,
      qty: line.qty,
      list_price_ore: product.listOre,
      tier_discount_bp: line.tierBp ?? 0,
      extra_discount_bp: 0,
      offered_price_ore: null,
    };
  });
  if (rows.length > 0) await db.insertInto('quote_lines').values(rows).execute();
  return rows.map((row) => row.id);
}

/** The quote's lines as the database has them, in position order. */
export async function quoteLineRows(db: Kysely<Database>, quoteId: string) {
  return db.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute();
}

/** A service with the shop side (for the customer's view of a quote) seeded with the push world. */
export interface QuoteWorkWorld {
  instance: ShopInstance;
  tokens: Record<PushStaffKey, string>;
}

/** A consultant of Oslo who no longer works here (for reassign refusals). */
export const INACTIVE_STAFF = { id: 'ps-old', username: 'old@push', name: 'Sluttet Selger', role: 'consultant', branchId: OSLO } as const;

/**
 * The hooks of a quote-work suite on `kind`: a fresh database, a service with the shop side on
 * it, the push world (plus an inactive consultant, the products and addresses for a checkout),
 * every staff member logged in (handed to `ready`), closed after the suite.
 */
export function useQuoteWorkWorld(kind: DbKind, ready: (world: QuoteWorkWorld) => void): void {
  const databases = useTestDatabases(kind);
  let instance: ShopInstance | undefined;
  beforeAll(async () => {
    instance = await startShopInstance(databases.config());
    await seedPushWorld(instance.db);
    await insertStaff(instance.db, [INACTIVE_STAFF], await hashPassword(PUSH_PASSWORD), { inactive: [INACTIVE_STAFF.id] });
    await ensurePushProducts(instance.db);
    const address = { customer_id: 'pc-oslo', branch_id: OSLO, name: null, line2: null, country: 'NO', city: 'Oslo' };
    await instance.db
      .insertInto('addresses')
      .values([
        { ...address, id: OSLO_BILLING, kind: 'billing', line1: 'Fakturavegen 1', postal_code: '0150' },
        { ...address, id: OSLO_DELIVERY, kind: 'delivery', line1: 'Byggeplassen 7', postal_code: '0484' },
      ])
      .execute();
    ready({ instance, tokens: await loginAll(instance) });
  });
  afterAll(async () => {
    await instance?.close();
  });
}

/** The billing address of the Oslo customer (seeded by {@link useQuoteWorkWorld}). */
export const OSLO_BILLING = 'pa-oslo-bill';
/** Its delivery address. */
export const OSLO_DELIVERY = 'pa-oslo-lev';

/** The cursor after pulling everything `token` sees now. */
export async function currentCursor(instance: Listening, token: string): Promise<string> {
  return (await pullAll(instance, token)).cursor;
}

/**
 * The rows put by pulling from `cursor` (or a full snapshot without one) as `token`, by
 * `table:id` (the last put of a key wins).
 */
export async function pulledSince(instance: Listening, token: string, cursor?: string): Promise<Map<string, Record<string, unknown>>> {
  const { pages } = await pullAll(instance, token, cursor);
  const rows = new Map<string, Record<string, unknown>>();
  for (const line of pages.flat()) if (line.t === 'put') rows.set(`${line.table}:${String(line.row.id)}`, line.row);
  return rows;
}

/** An in-memory {@link EffectRows} over wire rows, for running a local effect on what a pull brought. */
export class MemoryRows implements EffectRows {
  readonly rows = new Map<string, unknown>();
  constructor(entries: Iterable<[string, unknown]> = []) {
    for (const [key, row] of entries) this.rows.set(key, structuredClone(row));
  }
  get<T extends SyncTableName>(table: T, id: string): SyncRow<T> | undefined {
    return this.rows.get(`${table}:${id}`) as SyncRow<T> | undefined;
  }
  put<T extends SyncTableName>(table: T, row: SyncRow<T>): void {
    this.rows.set(`${table}:${row.id}`, structuredClone(row));
  }
  list<T extends SyncTableName>(table: T, column: keyof SyncRow<T> & string, value: string): Array<SyncRow<T>> {
    return [...this.rows.entries()]
      .filter(([key, row]) => key.startsWith(`${table}:`) && (row as Record<string, unknown>)[column] === value)
      .map(([, row]) => row as SyncRow<T>);
  }
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * `row` with every timestamp as epoch milliseconds and without `version`: the pull writes times
 * as PostgreSQL does (`+00:00`, microseconds), the database layer as `toISOString`.
 */
export function comparable(row: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (row === undefined) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'version') continue;
    result[key] = typeof value === 'string' && ISO_TIME.test(value) ? Math.floor(Date.parse(value)) : value;
  }
  return result;
}
