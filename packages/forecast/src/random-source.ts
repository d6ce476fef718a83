// Seeded pseudo-random numbers (mulberry32) and standard normal draws. Pure.
// Invariant: the same seed always yields the same sequence, so simulations are reproducible.

export interface RandomSource {
  /** Uniform draw in [0, 1). */
  readonly uniform: () => number;
  /** Standard normal draw. */
  readonly normal: () => number;
}

export const createRandom = (seed: number): RandomSource => {
  let state = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = Number.NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    let u = uniform();
    while (u <= 1e-300) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
};
