import type { BranchPlace } from './data/places';
import type { IdFactory, Random } from './random';
import type { SizeProfile } from './sizes';
import type { RowBuffer } from './writer';

/** One minute, hour and day in milliseconds. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Loyalty tier discounts in basis points, as quote lines and order prices use them. */
export const TIER_DISCOUNT_BP = { silver: 500, gold: 1_000, platinum: 1_500 } as const;

/** The bulky-goods surcharge, charged once per order that has a bulky item (domain.md). */
export const BULKY_SURCHARGE_ORE = 49_900;

/** A loyalty tier. */
export type Tier = keyof typeof TIER_DISCOUNT_BP;

/** A staff member other rows point at. */
export interface StaffRef {
  id: string;
  name: string;
}

/** A branch and the staff who serve its customers. */
export interface BranchRef {
  id: string;
  place: BranchPlace;
  consultants: StaffRef[];
  branchStaff: StaffRef[];
}

/** A product as order and quote lines need it. */
export interface ProductRef {
  id: string;
  articleNumber: string;
  name: string;
  listOre: number;
  bulky: boolean;
  qty: readonly [number, number];
}

/** Counters behind the human-readable numbers (order, quote, invoice, return). */
export interface NumberCounters {
  order: number;
  quote: number;
  invoice: number;
  return: number;
}

/** Everything the generators share while one seed runs. */
export interface SeedContext {
  r: Random;
  ids: IdFactory;
  /** The reference time in ms: "now" for the generated world. Nothing lies after it. */
  now: number;
  profile: SizeProfile;
  out: RowBuffer;
  branches: BranchRef[];
  customerService: StaffRef[];
  /** Active products, most popular first. */
  products: ProductRef[];
  counters: NumberCounters;
}

/** `ms` as an ISO-8601 UTC timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The UTC calendar date of `ms`, `YYYY-MM-DD`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `ms` truncated to the whole second, so stored times read cleanly. */
export function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** A time between `from` and `to` (whole seconds), never after the reference time. */
export function between(ctx: SeedContext, from: number, to: number): number {
  const upper = Math.min(to, ctx.now);
  if (upper <= from) return second(Math.min(from, ctx.now));
  return second(ctx.r.float(from, upper));
}

/** ASCII slug for e-mail addresses and domains: "Bjørn Ødegård" → "bjorn-odegard". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replaceAll('&', 'og')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A Norwegian phone number in international form, "+47 55 12 34 56" or "+47 912 34 567". */
export function phoneNumber(r: Random, landlinePrefixes: readonly string[]): string {
  if (r.chance(0.3)) {
    const d = `${r.pick(['4', '9'])}${r.digits(7)}`;
    return `+47 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
  }
  const d = `${r.pick(landlinePrefixes)}${r.digits(6)}`;
  return `+47 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6)}`;
}
