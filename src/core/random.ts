/**
 * Seeded pseudo-random numbers for synthetic data and benchmarks. Same seed, same sequence, on every
 * platform: only 32-bit integer arithmetic (Math.imul) is used. Never Math.random.
 */

/** A generator of floats uniform in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a small, fast 32-bit generator with a full 2^32 period, good enough for sampling
 * (not for cryptography).
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hashes a string to 32 bits (FNV-1a), to derive independent sub-seeds from names. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A generator for one named stream under a base seed, e.g. `streamFor(seed, 'villages:6201001')`,
 * so that each commune's draws do not depend on how many draws other communes made.
 */
export function streamFor(seed: number, name: string): Random {
  return mulberry32((hashString(name) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/** Integer uniform in [min, max] (inclusive). */
export function randInt(rnd: Random, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

/** Standard normal deviate (Box–Muller, one of the pair). */
export function randNormal(rnd: Random): number {
  const u = 1 - rnd();
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Picks an element of a non-empty array uniformly. */
export function pick<T>(rnd: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty array; give at least one item');
  return items[Math.floor(rnd() * items.length)];
}
