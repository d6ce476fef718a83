// OKR arithmetic: a key result's progress from its start value to its target, and an
// objective's progress as the weighted mean of its key results. Pure.
// Invariants: progress is clamped to 0..1 and works for falling targets (start 30,
// target 10); a key result without a current value is left out of the mean, not zero.

import { addDays, nextPeriodStart, type KeyResultDef, type ObjectiveDef } from '@kpi/core';

/** Progress of one key result, 0..1; null when there is no current value. */
export const keyResultProgress = (start: number, target: number, current: number | null): number | null => {
  if (current === null || !Number.isFinite(current)) return null;
  if (target === start) return current === target ? 1 : 0;
  const p = (current - start) / (target - start);
  return Math.min(1, Math.max(0, p));
};

export interface KeyResultProgress {
  readonly title: string;
  readonly start: number;
  readonly target: number;
  readonly current: number | null;
  readonly weight: number;
  readonly progress: number | null;
  readonly source: 'metric' | 'manual' | 'none';
}

export interface ObjectiveProgress {
  readonly objective: string;
  readonly title: string;
  readonly quarter: string;
  readonly progress: number | null;
  readonly keyResults: readonly KeyResultProgress[];
}

/** Weighted mean of the key results that have a progress; null when none has. */
export const weightedProgress = (
  krs: readonly { readonly progress: number | null; readonly weight: number }[],
): number | null => {
  const known = krs.filter((k): k is { progress: number; weight: number } => k.progress !== null);
  const total = known.reduce((s, k) => s + k.weight, 0);
  return total === 0 ? null : known.reduce((s, k) => s + k.weight * k.progress, 0) / total;
};

/** An objective's progress; `metricValue` gives the current value of a key result bound to a metric. */
export const objectiveProgress = (
  name: string,
  o: ObjectiveDef,
  metricValue: (kr: KeyResultDef, index: number) => number | null,
): ObjectiveProgress => {
  const keyResults = o.key_results.map((kr, i): KeyResultProgress => {
    const current = kr.metric !== undefined ? metricValue(kr, i) : (kr.current ?? null);
    const source = kr.metric !== undefined ? 'metric' : kr.current !== undefined ? 'manual' : 'none';
    return {
      title: kr.title,
      start: kr.start,
      target: kr.target,
      current,
      weight: kr.weight ?? 1,
      progress: keyResultProgress(kr.start, kr.target, current),
      source,
    };
  });
  return {
    objective: name,
    title: o.title,
    quarter: o.quarter,
    progress: weightedProgress(keyResults),
    keyResults,
  };
};

/** The first and last day of a quarter written YYYY-Qn. */
export const quarterRange = (quarter: string): { readonly start: string; readonly end: string } => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(nextPeriodStart(start, 'quarter'), -1) };
};
