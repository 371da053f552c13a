export { loadSideKey, MIN_SIDE_KEY_LENGTH, SIDE_KEY_ENV, SIDE_KEY_META } from './keys';
export type { Side } from './keys';
export { createShopDeps } from './options';
export type { ShopDeps, ShopOptions } from './options';
export { DEFAULT_PRICING } from './pricing';
export type { Pricing } from './pricing';
export { registerShopRoutes, withStatus } from './routes';
