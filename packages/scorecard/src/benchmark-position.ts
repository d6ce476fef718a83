// Where a KPI's value sits in a benchmark set: below the p25, between two quartiles, at
// one, or above the p75, with a percentile estimated linearly between the quartiles and
// one plain sentence naming the group, the source and the year. Pure. Invariants: a
// benchmark applies only to KPIs on its metric with exactly its filter and a review
// period equal to its period; outside p25–p75 no percentile is guessed; illustrative
// sets say "example figures" in the sentence.

import {
  benchmarkFilterKey,
  type BenchmarkSet,
  type Direction,
  type Filter,
  type PeriodGrain,
} from '@kpi/core';

export type BenchmarkBand =
  'below_p25' | 'at_p25' | 'p25_p50' | 'at_p50' | 'p50_p75' | 'at_p75' | 'above_p75';

export interface BenchmarkReading {
  /** The set's name (its file name) and file. */
  readonly set: string;
  readonly file: string;
  readonly label: string;
  readonly kind: 'industry' | 'competitors';
  readonly source: string;
  readonly date: string;
  /** True for illustrative figures, not real data. */
  readonly example: boolean;
  readonly platform?: string;
  readonly period: 'week' | 'month' | 'quarter' | 'year';
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  /** The value placed: the KPI's headline period. */
  readonly value: number;
  readonly band: BenchmarkBand;
  /** The estimated percentile (25..75, linear between quartiles); null below the p25 or above the p75. */
  readonly percentile: number | null;
  /** Against the median, by the metric's direction. */
  readonly sense: 'better' | 'worse' | 'same';
  readonly phrase: string;
}

const WHERE: Record<BenchmarkBand, string> = {
  below_p25: 'below the p25',
  at_p25: 'at the p25',
  p25_p50: 'between the p25 and the median',
  at_p50: 'at the median',
  p50_p75: 'between the median and the p75',
  at_p75: 'at the p75',
  above_p75: 'above the p75',
};

const same = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The band of `v` among the quartiles, and its percentile inside p25–p75. */
export const benchmarkBand = (
  v: number,
  q: { readonly p25: number; readonly p50: number; readonly p75: number },
): { band: BenchmarkBand; percentile: number | null } => {
  if (same(v, q.p50)) return { band: 'at_p50', percentile: 50 };
  if (same(v, q.p25)) return { band: 'at_p25', percentile: 25 };
  if (same(v, q.p75)) return { band: 'at_p75', percentile: 75 };
  if (v < q.p25) return { band: 'below_p25', percentile: null };
  if (v > q.p75) return { band: 'above_p75', percentile: null };
  if (v < q.p50) return { band: 'p25_p50', percentile: 25 + (25 * (v - q.p25)) / (q.p50 - q.p25) };
  return { band: 'p50_p75', percentile: 50 + (25 * (v - q.p50)) / (q.p75 - q.p50) };
};

export interface BenchmarkTarget {
  readonly metric: string;
  readonly filter?: Filter;
  readonly grain: PeriodGrain;
  readonly direction: Direction;
  /** The value to place (the headline period's); null: nothing is placed. */
  readonly value: number | null;
}

/** Every benchmark that applies to the KPI, placed; sets in name order. */
export const benchmarkReadings = (
  sets: readonly BenchmarkSet[] | undefined,
  k: BenchmarkTarget,
): BenchmarkReading[] => {
  const value = k.value;
  if (value === null || !Number.isFinite(value)) return [];
  const key = benchmarkFilterKey(k.filter);
  const out: BenchmarkReading[] = [];
  for (const set of [...(sets ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    for (const b of set.benchmarks) {
      if (b.metric !== k.metric || b.period !== k.grain || benchmarkFilterKey(b.filter) !== key) continue;
      const { band, percentile } = benchmarkBand(value, b);
      const up = value > b.p50 && !same(value, b.p50);
      const sense = same(value, b.p50) ? 'same' : up === (k.direction === 'higher') ? 'better' : 'worse';
      const group = `${set.label}${b.platform ? ` on ${b.platform}` : ''}`;
      const cite = `${set.example ? 'example figures, not real data; ' : ''}source ${set.source}, ${set.date.slice(0, 4)}`;
      out.push({
        set: set.name,
        file: set.file,
        label: set.label,
        kind: set.kind,
        source: set.source,
        date: set.date,
        example: set.example,
        ...(b.platform ? { platform: b.platform } : {}),
        period: b.period,
        p25: b.p25,
        p50: b.p50,
        p75: b.p75,
        value,
        band,
        percentile,
        sense,
        phrase: `${WHERE[band]} of ${group} (${cite})`,
      });
    }
  return out;
};
