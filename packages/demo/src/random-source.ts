// Deterministic randomness for the demo. Pure. Two tools: `hashSeed` mixes integers into a
// 32-bit seed (counter-based: the same inputs always give the same value, so two datasets
// can agree on a number without sharing state), and `createRng`, a small reseedable
// mulberry32-style stream that allocates nothing per draw.

/** A 32-bit avalanche mix (xorshift-multiply rounds). */
const mix32 = (x: number): number => {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
};

/** Mixes any number of integers into one 32-bit unsigned seed. */
export const hashSeed = (...parts: readonly number[]): number => {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix32(h ^ Math.imul((p | 0) ^ 0x5bd1e995, 0x2c1b3c6d));
  return h;
};

/** Mixes a string into a 32-bit seed part (FNV-1a). */
export const hashText = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

export interface Rng {
  /** Restarts the stream from `seed`. */
  reset(seed: number): void;
  /** Uniform in [0, 1). */
  next(): number;
  /** Approximately standard normal (sum of four uniforms, bounded at about +-3.5). */
  normal(): number;
  /** Multiplicative noise with mean 1: max(floor, 1 + sd * normal). */
  noise(sd: number): number;
  /** A heavy right tail with median 1: exp(sd * normal). */
  skew(sd: number): number;
  /** Rounds x to an integer whose mean is x (stochastic rounding). */
  round(x: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(xs: readonly T[]): T;
}

const SQRT3 = Math.sqrt(3);

export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => (next() + next() + next() + next() - 2) * SQRT3;
  return {
    reset: (s) => {
      state = s >>> 0;
    },
    next,
    normal,
    noise: (sd) => Math.max(0.05, 1 + sd * normal()),
    skew: (sd) => Math.exp(sd * normal()),
    round: (x) => Math.floor(x + next()),
    int: (n) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
};
