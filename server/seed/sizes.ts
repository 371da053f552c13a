/** The seed sizes: S for the demo, M and L for load and sync benchmarks. */
export const seedSizes = ['S', 'M', 'L'] as const;

/** A seed size. */
export type SeedSize = (typeof seedSizes)[number];

/** How much of everything a size makes. */
export interface SizeProfile {
  customers: number;
  /** Exact. */
  orders: number;
  /** Mean lines per order (each order has 1–10). */
  meanLinesPerOrder: number;
  /** Exact number of quotes waiting for staff (requested, in_progress, revision_requested). */
  openQuotes: number;
  products: number;
  /** 6 (Oslo … Tromsø) or 10. */
  branches: 6 | 10;
  customerService: number;
  admins: number;
  /** Rows per table at which buffered rows are written (one insert statement per table). */
  chunkRows: number;
}

/** The profile of each size. */
export const sizeProfiles: Readonly<Record<SeedSize, SizeProfile>> = {
  S: { customers: 500, orders: 5_000, meanLinesPerOrder: 5, openQuotes: 300, products: 600, branches: 6, customerService: 6, admins: 2, chunkRows: 10_000 },
  M: { customers: 20_000, orders: 200_000, meanLinesPerOrder: 5, openQuotes: 1_500, products: 3_000, branches: 10, customerService: 15, admins: 3, chunkRows: 10_000 },
  L: { customers: 50_000, orders: 500_000, meanLinesPerOrder: 6, openQuotes: 3_000, products: 5_000, branches: 10, customerService: 30, admins: 4, chunkRows: 10_000 },
};

/** True when `value` names a size. */
export function isSeedSize(value: string): value is SeedSize {
  return (seedSizes as readonly string[]).includes(value);
}
