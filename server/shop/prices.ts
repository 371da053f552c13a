import { z } from 'zod';
import { MAX_LINES, shopRefSchema, type ShopPrices } from '../../electron/shared/protocol/shop';
import type { ShopDeps } from './options';
import { discountedPriceOre } from './pricing';
import { conflict, customerByNumber, notFound, parseQuery } from './support';

// The shop's price display: every price the customer sees is the list price less the tier's
// discount, rounded as quotes and orders round it, so a tier change shows on the next request.

const articlesSchema = z
  .string()
  .transform((text) => text.split(','))
  .pipe(z.array(shopRefSchema).min(1).max(MAX_LINES));
const pricesQuerySchema = z.strictObject({ articles: articlesSchema });

/** `GET /v1/shop/customers/:customerNumber/prices?articles=A1,A2`: the customer's prices of those articles. */
export async function customerPrices(deps: ShopDeps, customerNumber: string, query: unknown): Promise<ShopPrices> {
  const { articles } = parseQuery(pricesQuerySchema, query, `Use ?articles=<article number>,<article number>… (1–${MAX_LINES}, comma-separated).`);
  // Each article once, in the order first asked (a list pasted with repeats).
  const wanted = [...new Set(articles)];
  const customer = await customerByNumber(deps.db, customerNumber);
  const products = await deps.db
    .selectFrom('products')
    .select(['article_number', 'list_price_ore', 'active'])
    .where('article_number', 'in', wanted)
    .execute();
  const byArticle = new Map(products.map((product) => [product.article_number, product]));
  const unknown = wanted.filter((article) => !byArticle.has(article));
  if (unknown.length > 0) throw notFound(`Unknown article number(s): ${unknown.join(', ')}. Check them against the catalogue.`);
  const inactive = products.filter((product) => !product.active).map((product) => product.article_number);
  if (inactive.length > 0) throw conflict('PRODUCT_UNAVAILABLE', `No longer sold: ${inactive.join(', ')}. Leave them out.`);
  const tierDiscountBp = deps.pricing.tierDiscountBp[customer.loyalty_tier];
  return {
    customerNumber: customer.customer_number,
    tier: customer.loyalty_tier,
    tierDiscountBp,
    prices: wanted.map((articleNumber) => {
      const listPriceOre = byArticle.get(articleNumber)?.list_price_ore ?? 0;
      return { articleNumber, listPriceOre, priceOre: discountedPriceOre(listPriceOre, tierDiscountBp) };
    }),
  };
}
