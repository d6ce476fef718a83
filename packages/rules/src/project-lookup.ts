// Small lookups over a project that several rules share. Pure.
import { ownGet, type KpiDef, type MetricDef, type Project } from '@kpi/core';

export const kpiLabel = (p: Project, name: string): string => {
  const k = ownGet(p.kpis, name);
  return k?.label ?? ownGet(p.metrics, k?.metric ?? '')?.label ?? name;
};

/** KPI names of a goal, sorted. */
export const kpisOfGoal = (p: Project, goal: string): string[] =>
  Object.keys(p.kpis)
    .filter((k) => ownGet(p.kpis, k)?.goal === goal)
    .sort();

export const metricOf = (p: Project, kpi: KpiDef): MetricDef | undefined => ownGet(p.metrics, kpi.metric);

export const counterMetricName = (kpi: KpiDef): string | undefined =>
  typeof kpi.counter_metric === 'string' ? kpi.counter_metric : kpi.counter_metric?.metric;

export const sortedKpis = (p: Project): [string, KpiDef][] =>
  Object.entries(p.kpis).sort(([a], [b]) => a.localeCompare(b));
