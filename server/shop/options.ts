import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { checkConfiguredKey, loadSideKey, type Side } from './keys';
import { DEFAULT_PRICING, type Pricing } from './pricing';

/** How the shop and warehouse sides may be configured; everything has a default. */
export interface ShopOptions {
  /** The webshop's bearer key; default env SHOP_API_KEY, else one generated and kept in service_meta. */
  shopKey?: string;
  /** The warehouse's bearer key; default env WAREHOUSE_API_KEY, else one kept in service_meta. */
  warehouseKey?: string;
  /** The clock; tests inject one to reach the return and warranty windows without waiting. */
  now?: () => Date;
  /** Tier discounts and the bulky surcharge; default {@link DEFAULT_PRICING}. */
  pricing?: Partial<Pricing>;
}

/** What the shop and warehouse routes need. */
export interface ShopDeps {
  db: Kysely<Database>;
  now(): Date;
  pricing: Pricing;
  /** The bearer key of `side`, loaded on first use. */
  key(side: Side): Promise<string>;
}

/**
 * Dependencies over `db` with `options` or their defaults. A configured key that is too short
 * throws here, so the service refuses to start rather than run with a guessable key.
 */
export function createShopDeps(db: Kysely<Database>, options: ShopOptions = {}): ShopDeps {
  const configured: Record<Side, string | undefined> = {
    shop: checkConfiguredKey('shop', options.shopKey ?? process.env.SHOP_API_KEY),
    warehouse: checkConfiguredKey('warehouse', options.warehouseKey ?? process.env.WAREHOUSE_API_KEY),
  };
  const loaded = new Map<Side, Promise<string>>();
  return {
    db,
    now: options.now ?? (() => new Date()),
    pricing: { ...DEFAULT_PRICING, ...options.pricing },
    key(side) {
      let key = loaded.get(side);
      if (key === undefined) {
        // A failed load (database briefly away) is retried on the next request.
        key = loadSideKey(db, side, configured[side]).catch((error: unknown) => {
          loaded.delete(side);
          throw error;
        });
        loaded.set(side, key);
      }
      return key;
    },
  };
}
