// The Goodhart guard on the scorecard: a KPI that improved while its counter-metric
// worsened beyond tolerance carries a warning, with the same rule and wording as
// `kpi check`. Pure over a computed scorecard.
import { ownGet, ownRecord, type Project } from '@kpi/core';
import { ruleById, runRules, type KpiFacts, type Rule } from '@kpi/rules';
import type { KpiReading, Scorecard } from '@kpi/scorecard';

/** Relative change against the previous period of a metric shown on the scorecard. */
export const counterChangeOf = (sc: Scorecard, metric: string): number | null | undefined =>
  sc.supporting.find((m) => m.metric === metric)?.previous.changeRelative ??
  sc.goals
    .flatMap((g) => g.kpis)
    .find((r) => r.metric === metric)
    ?.comparisons.find((c) => c.kind === 'previous_period')?.changeRelative;

export const counterMetricOf = (project: Project, kpi: string): string | undefined => {
  const c = ownGet(project.kpis, kpi)?.counter_metric;
  return typeof c === 'string' ? c : c?.metric;
};

export const withGoodhartWarnings = (project: Project, sc: Scorecard): Scorecard => {
  const kpis = ownRecord<KpiFacts>();
  for (const r of sc.goals.flatMap((g) => g.kpis)) {
    const counter = counterMetricOf(project, r.kpi);
    if (!counter) continue;
    const kpiChange = r.comparisons.find((c) => c.kind === 'previous_period')?.changeRelative ?? null;
    kpis[r.kpi] = { kpiChange, counterChange: counterChangeOf(sc, counter) ?? null };
  }
  if (Object.keys(kpis).length === 0) return sc;
  const rule = ruleById('kpi.goodhart') as Rule;
  const { findings } = runRules([rule], { project, today: sc.asOf, facts: { kpis } });
  if (findings.length === 0) return sc;
  const warn = (r: KpiReading): KpiReading => {
    const mine = findings.filter((f) => f.kpi === r.kpi).map((f) => f.message);
    return mine.length ? { ...r, warnings: [...(r.warnings ?? []), ...mine] } : r;
  };
  return { ...sc, goals: sc.goals.map((g) => ({ ...g, kpis: g.kpis.map(warn) })) };
};
