// Turns the numbers read from the store into the scorecard's pure inputs: one KpiInput
// per KPI, and the list of supporting metrics (the parts and counter-metrics of the KPIs
// that are not KPIs themselves). Pure given its arguments.

import { expressionRefs, metricLabel, parseExpression, type Project, ownGet } from '@kpi/core';
import type { KpiInput } from '@kpi/scorecard';
import type { CubeItem } from '@kpi/semantic';
import type { DayCube } from './scorecard-cube.js';
import type { DriverFigures } from './scorecard-drivers.js';
import type { KpiPlan, ScorecardPlan } from './scorecard-plan.js';
import { staticDatasetsOf, staticNote } from './scorecard-static.js';

/** Metrics a metric is built from, directly or through others. */
const partsOf = (project: Project, name: string, seen = new Set<string>()): string[] => {
  const def = ownGet(project.metrics, name);
  if (!def || seen.has(name)) return [];
  seen.add(name);
  const direct =
    def.kind === 'ratio'
      ? [def.numerator, def.denominator]
      : def.kind === 'derived'
        ? (() => {
            const p = parseExpression(def.expr);
            return p.ok ? expressionRefs(p.expr) : [];
          })()
        : [];
  return direct.flatMap((m) => [m, ...partsOf(project, m, seen)]);
};

/** The parts and counter-metrics of the given KPIs that are not the metric of any KPI, in first-seen order. */
export const supportingMetrics = (project: Project, kpis: readonly string[]): string[] => {
  const kpiMetrics = new Set(Object.values(project.kpis).map((k) => k.metric));
  const out: string[] = [];
  for (const name of kpis) {
    const def = ownGet(project.kpis, name);
    if (!def) continue;
    const counter =
      def.counter_metric === undefined
        ? []
        : [typeof def.counter_metric === 'string' ? def.counter_metric : def.counter_metric.metric];
    for (const m of [...partsOf(project, def.metric), ...counter])
      if (!kpiMetrics.has(m) && !out.includes(m) && ownGet(project.metrics, m)) out.push(m);
  }
  return out;
};

/** "Emails sent" -> "emails sent", but "CTR" stays. */
const inSentence = (label: string): string =>
  /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;

/** The cube item of a ratio KPI's denominator (its volume), or undefined for other KPIs. */
export const volumeItem = (project: Project, k: KpiPlan): CubeItem | undefined => {
  const m = ownGet(project.metrics, k.def.metric);
  return m?.kind === 'ratio'
    ? { key: `v_${k.name}`, metric: m.denominator, ...(k.def.filter ? { filter: k.def.filter } : {}) }
    : undefined;
};

export const kpiInputOf = (
  project: Project,
  plan: ScorecardPlan,
  k: KpiPlan,
  cube: DayCube,
  drivers: DriverFigures,
  maxMembers: number,
): KpiInput => {
  const key = `k_${k.name}`;
  const metric = ownGet(project.metrics, k.def.metric);
  const unit = metric?.unit ?? 'number';
  const currency = unit === 'currency' ? (metric?.currency ?? project.settings.currency) : undefined;
  const at = (r: { start: string; end: string } | undefined): number | null =>
    r ? cube.value(key, r) : null;
  const seasonalShare = (() => {
    if (!k.seasonal || k.def.target?.kind !== 'cumulative') return undefined;
    const whole = at(k.seasonal.span);
    const part = at(k.seasonal.toDate);
    return whole === null || part === null || whole === 0 ? null : part / whole;
  })();
  const ratio = metric?.kind === 'ratio' ? metric : undefined;
  // The period judged (docs/verdict.md): the headline period for reach and for KPIs without a
  // target, else the goal period to date.
  const judged =
    k.def.target === undefined || k.def.target.kind === 'reach' ? k.windows.current.range : k.goalToDate;
  const unsupported = cube.unsupported(key);
  // Static reference data (time: none) has one current value and no past: no earlier
  // period, no derived baseline, no history in the series, no drivers.
  const fixed = staticDatasetsOf(project, k.def.metric);
  const past = (r: { start: string; end: string } | undefined): number | null =>
    fixed.length > 0 ? null : at(r);
  const note =
    fixed.length > 0
      ? staticNote(fixed)
      : unsupported
        ? 'count_distinct metrics cannot be added up over days, so the scorecard does not evaluate them yet'
        : drivers.notes.get(key);
  return {
    kpi: k.name,
    label: k.def.label ?? metricLabel(project, k.def.metric),
    goal: k.def.goal,
    goalPeriod: k.goal.period,
    metric: k.def.metric,
    format: {
      unit,
      ...(currency ? { currency } : {}),
      ...(metric?.decimals === undefined ? {} : { decimals: metric.decimals }),
    },
    direction: metric?.direction ?? 'higher',
    ...(k.def.indicator ? { indicator: k.def.indicator } : {}),
    ...(k.def.owner ? { owner: k.def.owner } : {}),
    asOf: plan.asOf,
    grain: k.grain,
    calendar: plan.calendar,
    windows: k.windows,
    ...(k.def.target ? { target: k.def.target } : {}),
    ...(k.def.thresholds ? { thresholds: k.def.thresholds } : {}),
    values: {
      current: at(k.windows.current.range),
      previous: past(k.windows.previous.range),
      lastYear: past(k.windows.lastYear.range),
      goalToDate: at(k.goalToDate),
      baseline:
        k.baseline === undefined ? null : 'value' in k.baseline ? k.baseline.value : past(k.baseline.range),
      ...(k.wholePeriod ? { wholePeriod: at(k.wholePeriod) } : {}),
      ...(seasonalShare === undefined ? {} : { seasonalShare }),
      daysWithData: {
        current: cube.daysWithData(key, k.windows.current.range),
        previous: cube.daysWithData(key, k.windows.previous.range),
        lastYear: cube.daysWithData(key, k.windows.lastYear.range),
      },
      ...(ratio ? { volume: judged ? cube.value(`v_${k.name}`, judged) : null } : {}),
    },
    ...(k.soFar ? { soFar: { window: k.soFar, value: at(k.soFar.range) } } : {}),
    ...(ratio ? { volumeLabel: inSentence(metricLabel(project, ratio.denominator)) } : {}),
    ...(k.def.min_volume === undefined ? {} : { minVolume: k.def.min_volume }),
    series: k.series.map((range, i) => ({
      range,
      value: i === k.series.length - 1 ? at(range) : past(range),
    })),
    ...(drivers.inputs.get(key) && fixed.length === 0 ? { drivers: drivers.inputs.get(key) } : {}),
    ...(note ? { driversNote: note } : {}),
    annotations: project.annotations,
    ...(metric?.kind === 'ratio' ? { denominatorLabel: metricLabel(project, metric.denominator) } : {}),
    maxMembers,
  };
};
