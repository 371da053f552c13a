import type { SimClient } from './client';

/** What an action did: a line to print, or why it found nothing to do right now. */
export type ActionResult = { done: string } | { skip: string };

/** One kind of event the simulator drives. */
export interface SimAction {
  /** Printed at the start of the event's line, e.g. `quote.request`. */
  name: string;
  /** How often, relative to the others. */
  weight: number;
  run(ctx: SimContext): Promise<ActionResult>;
}

/** What actions share: the client, randomness, and memory of this run. */
export interface SimContext {
  client: SimClient;
  /** A float in [0, 1). */
  random(): number;
  /** Orders this run already asked returns for, so it does not ask twice for the same goods. */
  returnedOrders: Set<string>;
}

/** A random element of `items` (which must not be empty). */
export function pick<T>(ctx: SimContext, items: readonly T[]): T {
  const item = items[Math.floor(ctx.random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A whole number from `min` to `max`, both included. */
export function int(ctx: SimContext, min: number, max: number): number {
  return min + Math.floor(ctx.random() * (max - min + 1));
}

/** True with probability `p`. */
export function chance(ctx: SimContext, p: number): boolean {
  return ctx.random() < p;
}

/** A key of `weights` drawn in proportion to its weight. */
export function weighted<K extends string>(ctx: SimContext, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  let roll = ctx.random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    roll -= w;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1]?.[0] as K;
}

/** A PRNG (mulberry32) for `seed`, so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Today's date in Norway, `YYYY-MM-DD`, `days` from now. */
export function osloDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + days * 86_400_000));
}
