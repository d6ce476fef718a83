// Seeded generator of labelled synthetic KPI series (trend, weekly season, noise, injected
// spikes/dips and level shifts) for tuning and testing the detectors. Pure.
// Invariant: the same options and seed give the same series and labels.

import { createRandom } from './random-source.js';

export interface LabelledSeries {
  readonly values: (number | null)[];
  readonly period: number;
  /** Indices of injected point anomalies. */
  readonly anomalies: readonly number[];
  /** First indices of injected level shifts. */
  readonly shifts: readonly number[];
}

export interface SyntheticOptions {
  readonly length?: number;
  readonly period?: number;
  readonly level?: number;
  /** Noise sd relative to the level. */
  readonly noise?: number;
  /** Seasonal amplitude relative to the level. */
  readonly seasonality?: number;
  readonly anomalies?: number;
  /** Anomaly size in noise sds (min; up to 2× this). */
  readonly anomalySize?: number;
  readonly shifts?: number;
  /** Shift size in noise sds. */
  readonly shiftSize?: number;
  /** Share of points blanked out as gaps. */
  readonly gaps?: number;
}

export const generateLabelledSeries = (seed: number, o: SyntheticOptions = {}): LabelledSeries => {
  const rnd = createRandom(seed);
  const n = o.length ?? 180;
  const m = o.period ?? 7;
  const level = o.level ?? 1000;
  const sd = level * (o.noise ?? 0.05);
  const pattern = Array.from(
    { length: m },
    (_, k) => (o.seasonality ?? 0.2) * level * Math.sin((2 * Math.PI * k) / m),
  );
  const slope = (rnd.uniform() - 0.5) * 0.002 * level;
  const shifts: number[] = [];
  for (let i = 0; i < (o.shifts ?? 0); i++) {
    const at = Math.floor(n * (0.25 + 0.5 * ((i + rnd.uniform()) / (o.shifts ?? 1))));
    shifts.push(at);
  }
  const values: (number | null)[] = [];
  let offset = 0;
  for (let t = 0; t < n; t++) {
    if (shifts.includes(t)) offset += (rnd.uniform() < 0.5 ? -1 : 1) * (o.shiftSize ?? 8) * sd;
    values.push(level + slope * t + (pattern[t % m] as number) + offset + sd * rnd.normal());
  }
  const anomalies = new Set<number>();
  while (anomalies.size < (o.anomalies ?? 0)) {
    const t = 3 + Math.floor(rnd.uniform() * (n - 6));
    if (shifts.some((s) => Math.abs(s - t) < 3)) continue;
    anomalies.add(t);
  }
  for (const t of anomalies) {
    const size = (o.anomalySize ?? 6) * (1 + rnd.uniform()) * sd;
    values[t] = (values[t] as number) + (rnd.uniform() < 0.5 ? -size : size);
  }
  for (let t = 0; t < n; t++) if (!anomalies.has(t) && rnd.uniform() < (o.gaps ?? 0)) values[t] = null;
  return { values, period: m, anomalies: [...anomalies].sort((a, b) => a - b), shifts };
};
