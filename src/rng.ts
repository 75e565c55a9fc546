// Seeded, forkable random number generator: every random choice in labgen flows from here.

/** 64-bit FNV-1a over a string, folded to 32 bits; used to derive child seeds from labels. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h1 ^= text.charCodeAt(i);
    h1 = Math.imul(h1, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so similar labels give unrelated seeds.
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

/** Combines several parts (run seed, robot id, slot, attempt...) into one 32-bit seed. */
export function deriveSeed(...parts: Array<string | number>): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = hashString(`${typeof part}:${part}`, h);
  return h;
}

export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  uniform(min: number, max: number): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  normal(mean?: number, std?: number): number;
  /** An independent stream whose values depend only on this stream's seed and the label. */
  fork(label: string): Rng;
}

/** mulberry32: small, fast, and good enough for sampling scene parameters. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed: seed >>> 0,
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    normal: (mean = 0, std = 1) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRng(hashString(label, seed >>> 0)),
  };
  return rng;
}
