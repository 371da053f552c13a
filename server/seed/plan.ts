import { DAY, HOUR, type SeedContext, type Tier } from './context';
import type { CompanyKind } from './data/names';
import { weights } from './random';

/** The three states of a quote waiting for staff. */
export type OpenQuoteStatus = 'requested' | 'in_progress' | 'revision_requested';

/** One open quote: its state and how long ago it was requested. */
export interface OpenQuoteSlot {
  status: OpenQuoteStatus;
  ageMs: number;
}

/** What is decided about each customer before any row is written (small typed arrays). */
export interface CustomerPlans {
  count: number;
  tier(index: number): Tier;
  kind(index: number): CompanyKind;
  branch(index: number): number;
  createdMs(index: number): number;
  orders(index: number): number;
  openQuotes(index: number): readonly OpenQuoteSlot[];
}

const tiers: readonly Tier[] = ['silver', 'gold', 'platinum'];
const kinds: readonly CompanyKind[] = ['installer', 'lighting', 'architect', 'facility'];
const tierWeights = weights<Tier>({ silver: 78, gold: 17, platinum: 5 });
const kindWeights = weights<CompanyKind>({ installer: 70, lighting: 8, architect: 10, facility: 12 });
const openStatuses = weights<OpenQuoteStatus>({ requested: 45, in_progress: 35, revision_requested: 20 });
const tierActivity = [1, 2.5, 5] as const;
const kindActivity = [1, 0.8, 0.35, 0.6] as const;

/** How far back orders go. */
export const ORDER_HISTORY_MS = 730 * DAY;

/**
 * Draws tier, kind, branch and age of every customer, then spreads the size's exact order total
 * and open-quote total over them by activity (platinum installers order most; new customers
 * have had less time). Totals are exact, so the counts the brief states hold for every seed.
 */
export function planCustomers(ctx: SeedContext): CustomerPlans {
  const { r, profile, now } = ctx;
  const n = profile.customers;
  const tierOf = new Uint8Array(n);
  const kindOf = new Uint8Array(n);
  const branchOf = new Uint8Array(n);
  const created = new Float64Array(n);
  const weight = new Float64Array(n);
  const branchWeights = weights(Object.fromEntries(ctx.branches.map((branch, index) => [String(index), branch.place.weight])));
  const start = now - 9 * 365 * DAY;
  const span = 9 * 365 * DAY - 14 * DAY;
  for (let i = 0; i < n; i++) {
    tierOf[i] = tiers.indexOf(r.from(tierWeights));
    kindOf[i] = kinds.indexOf(r.from(kindWeights));
    branchOf[i] = Number(r.from(branchWeights));
    // Customer numbers are given in signup order, so creation times rise with the index.
    created[i] = Math.floor(start + ((i + r.next()) / n) * span);
    const ageShare = Math.min(1, Math.max(0.03, (now - (created[i] ?? now)) / ORDER_HISTORY_MS));
    const spread = Math.exp((r.next() + r.next() + r.next() - 1.5) * 1.4);
    weight[i] = spread * ageShare * (tierActivity[tierOf[i] ?? 0] ?? 1) * (kindActivity[kindOf[i] ?? 0] ?? 1);
  }
  const orders = distribute(weight, profile.orders);
  const open = new Map<number, OpenQuoteSlot[]>();
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += weight[i] ?? 0;
  for (const slot of openQuoteSlots(ctx)) {
    const index = lowerBound(cumulative, r.next() * total);
    const list = open.get(index) ?? [];
    list.push(slot);
    open.set(index, list);
  }
  return {
    count: n,
    tier: (i) => tiers[tierOf[i] ?? 0] ?? 'silver',
    kind: (i) => kinds[kindOf[i] ?? 0] ?? 'installer',
    branch: (i) => branchOf[i] ?? 0,
    createdMs: (i) => created[i] ?? start,
    orders: (i) => orders[i] ?? 0,
    openQuotes: (i) => open.get(i) ?? [],
  };
}

/**
 * The queue staff see, spread over the SLA window: about 10 % breached (requested 24–30 h ago),
 * 15 % due within 4 h (20–24 h ago) and the rest fresh (0–20 h), in each state.
 */
function openQuoteSlots(ctx: SeedContext): OpenQuoteSlot[] {
  const { r, profile } = ctx;
  const slots: OpenQuoteSlot[] = [];
  const breached = Math.round(profile.openQuotes * 0.1);
  const dueSoon = Math.round(profile.openQuotes * 0.15);
  for (let k = 0; k < profile.openQuotes; k++) {
    // Kept a minute inside each band so rounding to seconds never moves a quote across it.
    const ageMs =
      k < breached ? r.float(24 * HOUR + 60_000, 30 * HOUR) : k < breached + dueSoon ? r.float(20 * HOUR + 60_000, 24 * HOUR - 60_000) : r.float(60_000, 20 * HOUR - 60_000);
    const status = r.from(openStatuses);
    slots.push({ status, ageMs });
  }
  return slots;
}

// Largest-remainder apportionment: integer shares proportional to `weights` summing to `total`.
function distribute(weights: Float64Array, total: number): Int32Array {
  const out = new Int32Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  const remainders: Array<[number, number]> = [];
  let given = 0;
  weights.forEach((w, i) => {
    const exact = (w / sum) * total;
    out[i] = Math.floor(exact);
    given += out[i] ?? 0;
    remainders.push([exact - Math.floor(exact), i]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - given; k++) {
    const index = remainders[k % remainders.length]?.[1] ?? 0;
    out[index] = (out[index] ?? 0) + 1;
  }
  return out;
}

function lowerBound(cumulative: Float64Array, value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
