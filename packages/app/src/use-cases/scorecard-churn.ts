// Churn KPIs in the scorecard: their values over any range, the daily numerator and
// denominator their forecast reads, and their cause (the segments whose churn moved), laid
// over the day cube so status, explain, the API, the report and the alerts read them like
// any KPI. IO (reads each churn definition's activity once, on the scorecard's engine).
// Invariants: a range is read only up to the as-of day (the last complete day, as for every
// KPI); a customer's state on a day depends only on activity up to that day; rate = Σ churners / Σ customer-days at risk ×
// the horizon; expected churners and revenue at risk are the model's as of the range's
// last day, learnt only from what was known then.

import { dayNumber, ownGet, type ChurnMeasure, type DateRange, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import {
  assessChurn,
  churnDays,
  churnTotals,
  churnTotalsBy,
  type ChurnAssessment,
  type ChurnDays,
} from '@kpi/predict';
import type { DriverInput } from '@kpi/scorecard';
import { churnRuleOf, readChurnActivityOn, type ChurnData } from './churn-activity.js';
import type { DayCube } from './scorecard-cube.js';
import type { KpiPlan } from './scorecard-plan.js';

export interface ChurnOverlay {
  /** The cube with the churn KPIs' items (k_, and n_/d_ for rates) answered here. */
  wrap(cube: DayCube): DayCube;
  readonly drivers: ReadonlyMap<string, readonly DriverInput[]>;
  readonly notes: ReadonlyMap<string, string>;
  readonly statements: number;
}

/** The churn measure of a KPI's metric, or undefined for other KPIs. */
export const churnMeasureOf = (project: Project, k: KpiPlan): ChurnMeasure | undefined => {
  const m = ownGet(project.metrics, k.def.metric);
  return m?.kind === 'churn' ? m.measure : undefined;
};

interface Source {
  readonly data: ChurnData;
  readonly rule: ReturnType<typeof churnRuleOf>['rule'];
  readonly horizon: number;
  readonly lastDay: number;
  readonly days: ChurnDays;
  readonly models: Map<number, ChurnAssessment | null>;
}

type Series = (range: DateRange) => number | null;

export const readChurnOverlay = async (
  engine: Engine,
  project: Project,
  kpis: readonly KpiPlan[],
  span: DateRange,
  asOf: string,
): Promise<ChurnOverlay> => {
  const sources = new Map<string, Source>();
  const items = new Map<string, { series: Series; days: (range: DateRange) => number | null }>();
  const drivers = new Map<string, DriverInput[]>();
  const notes = new Map<string, string>();
  const d0 = dayNumber(span.start);
  const length = dayNumber(span.end) - d0 + 1;
  const end = dayNumber(asOf);
  for (const k of kpis) {
    const m = ownGet(project.metrics, k.def.metric);
    if (m?.kind !== 'churn') continue;
    const def = ownGet(project.churn ?? {}, m.churn);
    if (!def) continue;
    let src = sources.get(m.churn);
    if (!src) {
      const data = await readChurnActivityOn(engine, project, def);
      const { rule, horizon } = churnRuleOf(def);
      // The as-of day is the last complete day, as for every KPI; a day without activity is a quiet day.
      const lastDay = data.lastDay ? end : d0 - 1;
      src = {
        data,
        rule,
        horizon,
        lastDay,
        days: churnDays(data.activity, rule, d0, length),
        models: new Map(),
      };
      sources.set(m.churn, src);
    }
    const s = src;
    const clip = (r: DateRange): [number, number] | undefined => {
      const lo = Math.max(dayNumber(r.start), d0);
      const hi = Math.min(dayNumber(r.end), s.lastDay);
      return hi < lo ? undefined : [lo, hi];
    };
    const modelAt = (day: number): ChurnAssessment | null => {
      if (!s.models.has(day)) {
        const r = assessChurn(s.data.activity, s.rule, { asOfDay: day, horizon: s.horizon });
        s.models.set(day, r.ok ? r.value : null);
        if (!r.ok && day === s.lastDay)
          notes.set(`k_${k.name}`, r.issues[0]?.message ?? 'too little history');
      }
      return s.models.get(day) ?? null;
    };
    const daysWith = (r: DateRange): number | null => {
      const c = clip(r);
      if (!c) return 0;
      let n = 0;
      for (let i = c[0]; i <= c[1]; i++) if ((s.days.atRisk[i - d0] as number) > 0) n++;
      return n;
    };
    const key = `k_${k.name}`;
    const measure = m.measure;
    const totals = (r: DateRange) => {
      const c = clip(r);
      return c ? churnTotals(s.days, c[0], c[1]) : undefined;
    };
    if (measure === 'rate' || measure === 'churners') {
      items.set(key, {
        series: (r) => {
          const t = totals(r);
          if (!t || t.atRiskDays === 0) return null;
          return measure === 'churners' ? t.churners : (t.churners / t.atRiskDays) * s.horizon;
        },
        days: daysWith,
      });
      if (measure === 'rate') {
        // Days without any customer at risk are "no data" (the forecast's history starts with the first customer).
        items.set(`n_${k.name}`, {
          series: (r) => {
            const t = totals(r);
            return t && t.atRiskDays > 0 ? t.churners : null;
          },
          days: daysWith,
        });
        items.set(`d_${k.name}`, {
          series: (r) => {
            const t = totals(r);
            return t && t.atRiskDays > 0 ? t.atRiskDays / s.horizon : null;
          },
          days: daysWith,
        });
      }
    } else {
      const figure = (a: ChurnAssessment): number =>
        measure === 'expected_churners' ? a.expected.mean : a.revenueAtRisk;
      items.set(key, {
        series: (r) => {
          const c = clip(r);
          const a = c ? modelAt(c[1]) : null;
          return a ? figure(a) : null;
        },
        days: daysWith,
      });
    }
    // The cause: the churn definition's segments, current window against the previous one.
    const cur = clip(k.windows.current.range);
    const prev = clip(k.windows.previous.range);
    const ds = ownGet(project.datasets, def.dataset);
    if (s.data.segments.length === 0) {
      notes.set(key, `the churn definition "${m.churn}" names no segments to compare`);
      continue;
    }
    if (!cur || !prev) continue;
    const inputs: DriverInput[] = s.data.segments.map((seg) => {
      const col = ds ? ownGet(ds.columns, seg.dimension) : undefined;
      const labels = {
        ...(col?.label ? { label: col.label } : {}),
        ...(col?.labels ? { labels: col.labels } : {}),
      };
      if (measure === 'rate' || measure === 'churners') {
        const [tc, tp] = churnTotalsBy(s.data.activity, s.rule, seg.of, seg.members.length, [cur, prev]) as [
          ReturnType<typeof churnTotalsBy>[number],
          ReturnType<typeof churnTotalsBy>[number],
        ];
        return measure === 'rate'
          ? {
              dimension: seg.dimension,
              kind: 'ratio' as const,
              ...labels,
              members: seg.members.map((member, g) => ({
                member,
                current: { numerator: tc.churners[g] ?? 0, denominator: (tc.atRiskDays[g] ?? 0) / s.horizon },
                previous: {
                  numerator: tp.churners[g] ?? 0,
                  denominator: (tp.atRiskDays[g] ?? 0) / s.horizon,
                },
              })),
            }
          : {
              dimension: seg.dimension,
              kind: 'additive' as const,
              ...labels,
              members: seg.members.map((member, g) => ({
                member,
                current: tc.churners[g] ?? 0,
                previous: tp.churners[g] ?? 0,
              })),
            };
      }
      const bySegment = (a: ChurnAssessment | null): Float64Array | null => {
        if (!a) return null;
        const sums = new Float64Array(seg.members.length);
        a.current.customers.forEach((c, i) => {
          const g = seg.of[c] ?? -1;
          if (g < 0) return;
          const p = a.risk[i] as number;
          sums[g] =
            (sums[g] as number) +
            (measure === 'expected_churners' ? p : p * (a.current.amount90[i] as number));
        });
        return sums;
      };
      const now = bySegment(modelAt(cur[1]));
      const before = bySegment(modelAt(prev[1]));
      return {
        dimension: seg.dimension,
        kind: 'additive' as const,
        ...labels,
        members: seg.members.map((member, g) => ({
          member,
          current: now ? (now[g] ?? 0) : null,
          previous: before ? (before[g] ?? 0) : null,
        })),
      };
    });
    drivers.set(key, inputs);
  }
  return {
    drivers,
    notes,
    statements: sources.size,
    wrap: (cube) => ({
      ...cube,
      value: (item, range) => {
        const it = items.get(item);
        return it ? it.series(range) : cube.value(item, range);
      },
      unsupported: (item) => (items.has(item) ? false : cube.unsupported(item)),
      daysWithData: (item, range) => {
        const it = items.get(item);
        return it ? it.days(range) : cube.daysWithData(item, range);
      },
    }),
  };
};
