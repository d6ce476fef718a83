// Unusual days and level shifts for the scorecard's KPIs, from the daily series the day cube
// holds. Sums and counts are judged as they are (small counts by a count model); ratios and
// averages on their own scale, weighted by the volume behind each day (the denominator, the
// rows averaged); snapshots on their daily change. IO-free once the cube is read.
// Invariants: a day is judged only on the days before it; nothing is flagged before the
// detector's minimum history, and the reading then says so.

import { addDays, ownGet, type DateRange, type Project } from '@kpi/core';
import type { CubeItem } from '@kpi/semantic';
import { anomalyHistoryNeeded, detectLevelShifts, scanAnomalies } from '@kpi/forecast';
import type { AnomalyReading, KpiReading, LevelShiftReading } from '@kpi/scorecard';
import type { DayCube } from './scorecard-cube.js';
import { daily, HISTORY_DAYS } from './scorecard-daily.js';
import type { KpiPlan } from './scorecard-plan.js';

/** Days at the end of the history whose anomalies are reported. */
const ANOMALY_DAYS = 28;
const SHIFT_DAYS = 56;

type Judged = 'count' | 'level' | 'ratio' | 'average' | 'own';

const judgedAs = (project: Project, metric: string): Judged | undefined => {
  const m = ownGet(project.metrics, metric);
  if (!m) return undefined;
  if (m.kind === 'snapshot') return 'level';
  if (m.kind === 'ratio') return 'ratio';
  if (m.kind !== 'simple') return undefined;
  if (m.agg === 'sum' || m.agg === 'count') return 'count';
  return m.agg === 'avg' ? 'average' : 'own';
};

/** A row count on the average's own dataset (no filter of its own), to weight its days by. */
const countMetricFor = (project: Project, metric: string): string | undefined => {
  const m = ownGet(project.metrics, metric);
  if (m?.kind !== 'simple') return undefined;
  return Object.entries(project.metrics).find(
    ([, c]) => c.kind === 'simple' && c.agg === 'count' && c.dataset === m.dataset && c.filter === undefined,
  )?.[0];
};

/** Extra cube items for averages: the rows behind each day (ratios reuse their denominator). */
export const anomalyItems = (project: Project, kpis: readonly KpiPlan[]): CubeItem[] =>
  kpis.flatMap((k) => {
    if (judgedAs(project, k.def.metric) !== 'average') return [];
    const count = countMetricFor(project, k.def.metric);
    const m = ownGet(project.metrics, k.def.metric);
    const filter = m?.filter || k.def.filter ? { ...(m?.filter ?? {}), ...(k.def.filter ?? {}) } : undefined;
    return count ? [{ key: `w_${k.name}`, metric: count, ...(filter ? { filter } : {}) }] : [];
  });

export interface Flags {
  readonly anomalies: AnomalyReading[];
  readonly levelShifts: LevelShiftReading[];
  /** Why nothing is judged yet (too little history). */
  readonly note?: string;
}

export const anomalyFlags = (
  cube: DayCube,
  k: KpiPlan,
  r: KpiReading,
  project: Project,
  span: DateRange,
): Flags => {
  const shape = judgedAs(project, k.def.metric);
  if (!shape) return { anomalies: [], levelShifts: [] };
  const range = { start: [span.start, addDays(r.asOf, -HISTORY_DAYS + 1)].sort()[1] as string, end: r.asOf };
  const raw = daily(cube, `k_${k.name}`, range, shape === 'count');
  const values =
    shape === 'level'
      ? raw.slice(1).map((v, i) => (v === null || raw[i] == null ? null : v - (raw[i] as number)))
      : raw;
  const volumeKey = shape === 'ratio' ? `d_${k.name}` : shape === 'average' ? `w_${k.name}` : undefined;
  const volume = volumeKey ? daily(cube, volumeKey, range, true) : [];
  // the volume series starts on its own first day; align it to the values' last day
  const weights =
    volume.length > 0 ? values.map((_, i) => volume[volume.length - values.length + i] ?? null) : undefined;
  const series = { values };
  const options = {
    grain: 'day' as const,
    since: values.length - ANOMALY_DAYS,
    ...(weights ? { weights } : {}),
  };
  const needed = anomalyHistoryNeeded(series, options);
  const observed = values.filter((v) => v !== null).length;
  if (observed < needed + 1)
    return {
      anomalies: [],
      levelShifts: [],
      note: `unusual days are looked for after ${needed} days of history (${observed} so far)`,
    };
  const start = addDays(r.asOf, -(values.length - 1));
  const dateAt = (i: number) => addDays(start, i);
  const scan = scanAnomalies(series, options);
  const anomalies = scan.points
    .flatMap((a) =>
      a?.anomaly
        ? [
            {
              date: dateAt(a.index),
              value: a.value,
              expected: a.expected,
              expectedLow: a.expectedLow,
              expectedHigh: a.expectedHigh,
              score: a.score,
              probability: a.probability,
              direction: a.direction,
            },
          ]
        : [],
    )
    .reverse();
  const levelShifts = detectLevelShifts({ values, period: scan.period > 1 ? [scan.period] : [] })
    .filter((s) => s.index >= values.length - SHIFT_DAYS)
    .map((s) => ({ date: dateAt(s.index), before: s.before, after: s.after }));
  return { anomalies, levelShifts };
};
