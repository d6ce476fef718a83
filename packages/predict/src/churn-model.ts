// The churn model: logistic regression on past snapshots (recency, frequency, tenure, trend,
// spend), recalibrated (Platt) on the newest labelled snapshot, then applied to today's
// active customers: risk per customer, expected churners next period with an interval,
// revenue at risk, and the segments whose risk rose. Pure.
// The interval holds two uncertainties (law of total variance): who of today's customers
// leaves given the risks (Poisson-binomial), and the risks themselves — the calibration is
// learned from one period's churners, whose own chance variation would otherwise pass into
// every risk unseen; it is measured by refitting the calibration on bootstrap resamples of
// that period (fixed seed).
// Invariants: the model never sees a label from after the day it is trained for (the newest
// training snapshot ends its horizon on the as-of day); an assessment without enough labelled
// history is an issue, never a risk invented from nothing.

import { fail, issue, ok, type Result } from '@kpi/core';
import { auc, brier } from './classifier-metrics.js';
import {
  FEATURES,
  FEATURE_NAMES,
  snapshotAt,
  type ChurnRule,
  type CustomerActivity,
  type FeatureName,
  type Snapshot,
} from './churn-data.js';
import { fitLogistic, logitOf, sigmoid, type LogisticModel } from './logistic-regression.js';
import { createRandom, normalQuantile } from '@kpi/forecast';
import { poissonBinomialInterval, type CountInterval } from './poisson-binomial.js';

export interface ChurnOptions {
  /** The last day with data (day number). */
  readonly asOfDay: number;
  /** Days ahead a risk speaks of ("next period"). */
  readonly horizon: number;
  /** Labelled snapshots to learn from (default 4, one horizon apart). */
  readonly snapshots?: number;
  /** Most training rows (evenly sampled) — keeps a million customers fast. */
  readonly maxRows?: number;
  /** Bootstrap resamples of the calibration for the interval (default 40; 0 = risks taken as known). */
  readonly resamples?: number;
}

export interface SegmentRise {
  readonly segment: string;
  /** Customers of the segment active one horizon ago (the last period's base). */
  readonly customers: number;
  /** Observed churn rate in the horizon before the last, and in the last. */
  readonly rateBefore: number;
  readonly rateNow: number;
  /** Mean predicted risk of the segment's active customers for the next period. */
  readonly riskNext: number;
}

export interface ChurnAssessment {
  readonly asOfDay: number;
  readonly horizon: number;
  readonly model: LogisticModel;
  /** Platt recalibration p = σ(a·z + b) on the newest labelled snapshot. */
  readonly calibration: { readonly a: number; readonly b: number };
  readonly current: Snapshot;
  /** Calibrated risk per customer of `current`. */
  readonly risk: Float64Array;
  /** The labelled snapshot one horizon ago, and the older ones (the baseline of what changed). */
  readonly previous: Snapshot;
  readonly earlier: readonly Snapshot[];
  readonly expected: CountInterval;
  readonly revenueAtRisk: number;
  /** Observed over the last full horizon: of the customers active then, the share gone by the as-of day. */
  readonly lastPeriod: { readonly active: number; readonly churned: number; readonly rate: number };
  /** On the newest labelled snapshot (out of sample for the weights). */
  readonly validation: { readonly auc: number; readonly brier: number; readonly rows: number };
  readonly segments: readonly SegmentRise[];
}

const MIN_ROWS = 50;

const stack = (snaps: readonly Snapshot[], maxRows: number): { x: Float64Array; y: Uint8Array } => {
  const total = snaps.reduce((a, s) => a + s.customers.length, 0);
  const stride = Math.max(1, Math.ceil(total / maxRows));
  const rows = Math.ceil(total / stride);
  const x = new Float64Array(rows * FEATURES);
  const y = new Uint8Array(rows);
  let r = 0;
  let seen = 0;
  for (const s of snaps)
    for (let i = 0; i < s.customers.length; i++, seen++) {
      if (seen % stride !== 0 || r >= rows) continue;
      x.set(s.x.subarray(i * FEATURES, (i + 1) * FEATURES), r * FEATURES);
      y[r] = s.y?.[i] ?? 0;
      r++;
    }
  return { x: x.subarray(0, r * FEATURES), y: y.subarray(0, r) };
};

type Calibration = { readonly a: number; readonly b: number };

/** Platt scaling p = σ(a·z + b): the labels regressed on the model's log-odds. */
const plattOf = (z: Float64Array, y: Uint8Array): Calibration => {
  const platt = fitLogistic(z, y, 1);
  const zs = platt.sds[0] || 1;
  return {
    a: (platt.weights[1] ?? 1) / zs,
    b: (platt.weights[0] ?? 0) - ((platt.weights[1] ?? 1) * (platt.means[0] ?? 0)) / zs,
  };
};

const BOOT_ROWS = 50_000;

/**
 * The variance of the expected count over today's customers that comes from the calibration:
 * the calibration refitted on `resamples` bootstrap resamples (rows with replacement, at most
 * BOOT_ROWS each — a smaller resample scales its variance up by its size ratio).
 */
const calibrationVariance = (
  zNew: Float64Array,
  y: Uint8Array,
  zNow: Float64Array,
  resamples: number,
): number => {
  if (resamples < 2 || zNew.length === 0) return 0;
  const rng = createRandom(20261203);
  const m = Math.min(zNew.length, BOOT_ROWS);
  const scale = m / zNew.length;
  const zb = new Float64Array(m);
  const yb = new Uint8Array(m);
  const sums: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < m; i++) {
      const j = Math.min(zNew.length - 1, Math.floor(rng.uniform() * zNew.length));
      zb[i] = zNew[j] as number;
      yb[i] = y[j] as number;
    }
    let pos = 0;
    for (const v of yb) pos += v;
    if (pos === 0 || pos === m) continue;
    const c = plattOf(zb, yb);
    let sum = 0;
    for (let i = 0; i < zNow.length; i++) sum += sigmoid(c.a * (zNow[i] as number) + c.b);
    sums.push(sum);
  }
  if (sums.length < 2) return 0;
  const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
  return (sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (sums.length - 1)) * scale;
};

/** The Poisson-binomial interval widened by the calibration's variance (normal, continuity-corrected). */
const withCalibration = (pb: CountInterval, extra: number, n: number): CountInterval => {
  if (!(extra > 0)) return pb;
  const sd = Math.sqrt(pb.sd * pb.sd + extra);
  const z = normalQuantile(1 - (1 - pb.level) / 2);
  return {
    ...pb,
    sd,
    low: Math.min(pb.low, Math.max(0, Math.floor(pb.mean - z * sd - 0.5))),
    high: Math.max(pb.high, Math.min(n, Math.ceil(pb.mean + z * sd + 0.5))),
    method: 'normal',
  };
};

const scores = (m: LogisticModel, s: Snapshot): Float64Array => {
  const out = new Float64Array(s.customers.length);
  for (let i = 0; i < out.length; i++) out[i] = logitOf(m, s.x, i);
  return out;
};

/** The feature that pushes a customer's risk up the most (for "why"), from the model's weights. */
export const topReason = (a: ChurnAssessment, row: number): FeatureName => {
  const m = a.model;
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < FEATURES; j++) {
    const v =
      (m.weights[j + 1] ?? 0) *
      (((a.current.x[row * FEATURES + j] as number) - (m.means[j] ?? 0)) / (m.sds[j] || 1));
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return FEATURE_NAMES[best] as FeatureName;
};

const has = (y: Uint8Array | undefined): boolean => {
  if (!y) return false;
  let pos = 0;
  for (const v of y) pos += v;
  return pos > 0 && pos < y.length;
};

/**
 * Segments whose churn rose: the observed churn rate over the last horizon (customers
 * active one horizon ago who left by the as-of day) against the earlier horizons pooled, kept when
 * the rise is clear (a one-sided two-proportion z above 1.64, at least 20 customers in each),
 * largest rise in churners first; with each segment's mean predicted risk for the next period.
 * `segment[c]` indexes `names`; −1 = none.
 */
export const segmentRises = (
  a: Pick<ChurnAssessment, 'current' | 'risk' | 'previous' | 'earlier'>,
  segment: Int32Array,
  names: readonly string[],
): SegmentRise[] => {
  const rate = (snap: Snapshot) => {
    const acc = names.map(() => ({ n: 0, k: 0 }));
    snap.customers.forEach((c, i) => {
      const g = acc[segment[c] ?? -1];
      if (g) {
        g.n++;
        g.k += snap.y?.[i] ?? 0;
      }
    });
    return acc;
  };
  const was = names.map(() => ({ n: 0, k: 0 }));
  for (const snap of a.earlier)
    rate(snap).forEach((g, i) => {
      const w = was[i] as { n: number; k: number };
      w.n += g.n;
      w.k += g.k;
    });
  const now = rate(a.previous);
  const risk = names.map(() => ({ n: 0, s: 0 }));
  a.current.customers.forEach((c, i) => {
    const g = risk[segment[c] ?? -1];
    if (g) {
      g.n++;
      g.s += a.risk[i] as number;
    }
  });
  const out: SegmentRise[] = [];
  names.forEach((name, g) => {
    const w = was[g] as { n: number; k: number };
    const n = now[g] as { n: number; k: number };
    if (w.n < 20 || n.n < 20) return;
    const p1 = w.k / w.n;
    const p2 = n.k / n.n;
    const pool = (w.k + n.k) / (w.n + n.n);
    const se = Math.sqrt(pool * (1 - pool) * (1 / w.n + 1 / n.n));
    if (!(se > 0) || (p2 - p1) / se <= 1.64) return;
    const r = risk[g] as { n: number; s: number };
    out.push({ segment: name, customers: n.n, rateBefore: p1, rateNow: p2, riskNext: r.n ? r.s / r.n : 0 });
  });
  return out.sort(
    (p, q) => (q.rateNow - q.rateBefore) * q.customers - (p.rateNow - p.rateBefore) * p.customers,
  );
};

/** Learns from past snapshots and assesses today's active customers. */
export const assessChurn = (
  a: CustomerActivity,
  rule: ChurnRule,
  opts: ChurnOptions,
): Result<ChurnAssessment> => {
  const h = opts.horizon;
  if (!(h >= 1))
    return fail([issue('churn.horizon', `the horizon must be a day or more, got ${h}`, ['horizon'])]);
  const k = Math.max(2, opts.snapshots ?? 4);
  const labelled: Snapshot[] = [];
  for (let i = 0; i < k; i++) labelled.push(snapshotAt(a, rule, opts.asOfDay - h - i * h, h, opts.asOfDay));
  const [newest, ...older] = labelled as [Snapshot, ...Snapshot[]];
  const train = older.filter((s) => s.customers.length > 0);
  const trainRows = train.reduce((acc, s) => acc + s.customers.length, 0);
  if (
    trainRows < MIN_ROWS ||
    newest.customers.length < MIN_ROWS ||
    !has(newest.y) ||
    !train.some((s) => has(s.y))
  )
    return fail([
      issue(
        'churn.too_little_history',
        `too little history to learn churn: ${trainRows} customer snapshots before the last ${h} days, ${newest.customers.length} in the newest (at least ${MIN_ROWS} each, with some who left and some who stayed)`,
        ['churn'],
        `import more history (at least ${(k + 1) * h} days of activity)`,
      ),
    ]);
  const t = stack(train, opts.maxRows ?? 300_000);
  const model = fitLogistic(t.x, t.y, FEATURES);
  // Platt: regress the newest snapshot's labels on the model's log-odds.
  const zNew = scores(model, newest);
  const calibration = plattOf(zNew, newest.y as Uint8Array);
  const calibrate = (z: number) => sigmoid(calibration.a * z + calibration.b);
  const current = snapshotAt(a, rule, opts.asOfDay, h, opts.asOfDay);
  const zNow = scores(model, current);
  const risk = zNow.map(calibrate);
  const before = zNew.map(calibrate);
  let revenueAtRisk = 0;
  for (let i = 0; i < risk.length; i++)
    revenueAtRisk += (risk[i] as number) * (current.amount90[i] as number);
  const y = newest.y as Uint8Array;
  const churned = y.reduce((s, v) => s + v, 0);
  const earlier = older;
  const partial = { current, risk, previous: newest, earlier };
  const segments = a.segment && a.segmentNames ? segmentRises(partial, a.segment, a.segmentNames) : [];
  return ok({
    asOfDay: opts.asOfDay,
    horizon: h,
    model,
    calibration,
    current,
    risk,
    previous: newest,
    earlier,
    expected: withCalibration(
      poissonBinomialInterval(risk, 0.8),
      calibrationVariance(zNew, y, zNow, opts.resamples ?? 40),
      risk.length,
    ),
    revenueAtRisk,
    lastPeriod: { active: y.length, churned, rate: y.length ? churned / y.length : 0 },
    validation: { auc: auc(zNew, y), brier: brier(before, y), rows: y.length },
    segments,
  });
};
