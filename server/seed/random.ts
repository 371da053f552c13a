/**
 * The seed's only source of randomness: sfc32 (Chris Doty-Humphrey's Small Fast Counter),
 * seeded through splitmix32 so that neighbouring seeds (1, 2, 3 …) give unrelated streams.
 * Same seed, same calls in the same order → the same numbers on every machine and Node version,
 * which `Math.random` cannot promise.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for `seed` (any integer; only its low 32 bits count). */
  constructor(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // The first outputs of a freshly seeded sfc32 are poorly mixed; the reference code skips them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Random.pick: empty list');
    return item;
  }

  /** One element of a non-empty list, the first ones more often (popularity falls off like r²). */
  pickSkewed<T>(items: readonly T[]): T {
    const r = this.next();
    const item = items[Math.floor(r * r * items.length)];
    if (item === undefined) throw new Error('Random.pickSkewed: empty list');
    return item;
  }

  /** One key of a {@link Weights} table, each with probability proportional to its weight. */
  from<K>(table: Weights<K>): K {
    const r = this.next() * table.total;
    const { cumulative, keys } = table;
    for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] ?? 0)) return keys[i] as K;
    return keys[keys.length - 1] as K;
  }

  /** `count` random bytes. */
  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.uint32() & 0xff;
    return out;
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.uint32() % 10);
    return out;
  }
}

/** A discrete distribution, built once (at module level) and drawn from with {@link Random.from}. */
export interface Weights<K> {
  keys: readonly K[];
  cumulative: readonly number[];
  total: number;
}

/** The distribution giving each key of `table` a probability proportional to its value. */
export function weights<K extends string>(table: Readonly<Record<K, number>>): Weights<K> {
  const keys = Object.keys(table) as K[];
  if (keys.length === 0) throw new Error('weights: empty table');
  let total = 0;
  const cumulative = keys.map((key) => (total += table[key]));
  return { keys, cumulative, total };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Row ids: UUIDv7 strings (RFC 9562) whose time is the seed's reference time and whose 12-bit
 * counter field counts up, so ids grow in the order rows are generated. That keeps every
 * primary-key and foreign-key index append-only during a large load (random UUIDs would touch a
 * random index page per row); the 62 random bits come from the seeded generator.
 */
export class IdFactory {
  private count = 0;

  /** Ids "minted" at `referenceMs`, random bits from `random`. */
  constructor(
    private readonly random: Random,
    private readonly referenceMs: number,
  ) {}

  /** The next id. */
  next(): string {
    const n = this.count++;
    const ms = this.referenceMs + Math.floor(n / 4096);
    const counter = n % 4096;
    const high = Math.floor(ms / 65_536);
    const low = ms % 65_536;
    const r1 = this.random.uint32();
    const r2 = this.random.uint32();
    return (
      high.toString(16).padStart(8, '0') +
      '-' +
      low.toString(16).padStart(4, '0') +
      '-7' +
      counter.toString(16).padStart(3, '0') +
      '-' +
      HEX[0x80 | ((r1 >>> 24) & 0x3f)] +
      HEX[(r1 >>> 16) & 0xff] +
      '-' +
      HEX[(r1 >>> 8) & 0xff] +
      HEX[r1 & 0xff] +
      HEX[(r2 >>> 24) & 0xff] +
      HEX[(r2 >>> 16) & 0xff] +
      HEX[(r2 >>> 8) & 0xff] +
      HEX[r2 & 0xff]
    );
  }
}
