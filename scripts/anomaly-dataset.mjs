// The labelled anomaly set behind `npm run bench:anomaly`, generated from fixed seeds (the
// same run always gives the same series and labels): series at 5-minute, hourly and daily
// grain, continuous and count-valued at several levels (one with mostly zeros), a ratio with
// its volume, each with planted spikes, dips, level shifts and variance changes.
// Invariant: planted anomalies sit after the first 15% (NAB's probationary period) and at
// least a NAB window apart, so each label has its own window.
import { createRandom } from '@kpi/forecast';

const poisson = (rnd, lambda) => {
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rnd.normal()));
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = rnd.uniform();
  while (u > cdf && k < 10_000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
};

/** Families: grain, length, points per day, kind, level, cycles (period → relative amplitude). */
export const FAMILIES = [
  {
    name: 'daily, continuous',
    grain: 'day',
    n: 730,
    kind: 'gauss',
    level: 1000,
    noise: 0.05,
    cycles: { 7: 0.2 },
  },
  { name: 'daily, counts ~40', grain: 'day', n: 730, kind: 'count', level: 40, cycles: { 7: 0.3 } },
  { name: 'daily, counts ~3', grain: 'day', n: 730, kind: 'count', level: 3, cycles: { 7: 0.3 } },
  { name: 'daily, counts ~0.3 (mostly zeros)', grain: 'day', n: 730, kind: 'count', level: 0.3, cycles: {} },
  {
    name: 'daily, ratio with volume',
    grain: 'day',
    n: 730,
    kind: 'ratio',
    level: 0.04,
    volume: 2000,
    cycles: { 7: 0.3 },
  },
  {
    name: 'hourly, continuous',
    grain: 'hour',
    n: 24 * 7 * 10,
    kind: 'gauss',
    level: 500,
    noise: 0.04,
    cycles: { 24: 0.4, 168: 0.1 },
  },
  { name: 'hourly, counts ~8', grain: 'hour', n: 24 * 7 * 10, kind: 'count', level: 8, cycles: { 24: 0.6 } },
  {
    name: '5-minute, continuous',
    grain: 'minute5',
    n: 288 * 12,
    kind: 'gauss',
    level: 200,
    noise: 0.05,
    cycles: { 288: 0.5 },
  },
  {
    name: '5-minute, counts ~2',
    grain: 'minute5',
    n: 288 * 12,
    kind: 'count',
    level: 2,
    cycles: { 288: 0.6 },
  },
];

export const PER_FAMILY = 6;

const shape = (cycles, t) => {
  let f = 1;
  for (const [m, a] of Object.entries(cycles))
    f *= 1 + a * Math.sin((2 * Math.PI * (t % Number(m))) / Number(m));
  return f;
};

/** Anomaly kinds a family can carry (dips and variance changes need room below / noise to change). */
const kindsFor = (fam) =>
  fam.kind === 'count' && fam.level < 1 ? ['spike', 'shift'] : ['spike', 'dip', 'shift', 'variance'];

export const generateSeries = (fam, seed) => {
  const rnd = createRandom(seed);
  const { n } = fam;
  const count = 2 + Math.floor(rnd.uniform() * 3);
  const windowLen = Math.floor((0.1 * n) / count);
  const kinds = kindsFor(fam);
  const labels = [];
  // spread labels over the scored 85%, each in its own slot, away from the slot edges
  const slot = Math.floor((0.83 * n) / count);
  for (let i = 0; i < count; i++) {
    const from = Math.floor(0.16 * n) + i * slot + windowLen;
    const at = from + Math.floor(rnd.uniform() * Math.max(1, slot - 2 * windowLen));
    labels.push({ index: at, kind: kinds[Math.floor(rnd.uniform() * kinds.length)] });
  }
  const values = new Array(n);
  const weights = fam.kind === 'ratio' ? new Array(n) : undefined;
  let levelFactor = 1;
  let noiseFactor = 1;
  const bump = new Map();
  for (const l of labels) {
    const size = 7 + 3 * rnd.uniform();
    if (l.kind === 'spike' || l.kind === 'dip')
      bump.set(l.index, { sign: l.kind === 'spike' ? 1 : -1, size });
  }
  for (let t = 0; t < n; t++) {
    for (const l of labels)
      if (l.index === t) {
        if (l.kind === 'shift') levelFactor *= rnd.uniform() < 0.5 ? 0.6 : 1.6;
        if (l.kind === 'variance') noiseFactor = noiseFactor > 1 ? 1 : 4;
      }
    const mean = fam.level * levelFactor * shape(fam.cycles, t);
    const b = bump.get(t);
    if (fam.kind === 'gauss') {
      const sd = fam.level * fam.noise * noiseFactor;
      values[t] = mean + sd * rnd.normal() + (b ? b.sign * b.size * sd : 0);
    } else if (fam.kind === 'count') {
      // variance changes in counts: the rate itself starts to wander (overdispersion)
      const rate = noiseFactor > 1 ? mean * Math.max(0.05, 1 + 0.8 * rnd.normal()) : mean;
      let v = poisson(rnd, rate);
      if (b) v = b.sign > 0 ? v + Math.ceil(b.size * Math.sqrt(Math.max(mean, 1)) + 3) : 0;
      values[t] = v;
    } else {
      const vol = Math.max(50, Math.round(fam.volume * shape(fam.cycles, t) * (1 + 0.1 * rnd.normal())));
      const p = Math.min(
        0.9,
        Math.max(0.001, mean * (noiseFactor > 1 ? Math.max(0.1, 1 + 0.5 * rnd.normal()) : 1)),
      );
      const sd = Math.sqrt((p * (1 - p)) / vol);
      let r = p + sd * rnd.normal();
      if (b) r += b.sign * b.size * sd;
      values[t] = Math.max(0, r);
      weights[t] = vol;
    }
  }
  return { values, ...(weights ? { weights } : {}), labels, grain: fam.grain };
};

/** The whole labelled set: PER_FAMILY series per family, seeds fixed. */
export const anomalyDataset = () =>
  FAMILIES.flatMap((fam, f) =>
    Array.from({ length: PER_FAMILY }, (_, i) => ({
      id: `${fam.grain}-${fam.kind}-${fam.level}-${i}`,
      family: fam.name,
      ...generateSeries(fam, 1000 * (f + 1) + i),
    })),
  );
