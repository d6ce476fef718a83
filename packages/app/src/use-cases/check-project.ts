// Use-case: `kpi check` — run the KPI-list rules over the project, with the facts that
// need data (freshness, history, counter-metric movement, reviews, lead/lag evidence)
// read from the store in one scorecard evaluation. IO.
// Invariants: retired KPIs are left out; a project without a store (or with data switched off) is still checked by
// every rule that needs no data; rules never see the store.

import { addDays, type Project, ownGet, ownRecord } from '@kpi/core';
import {
  ALL_RULES,
  bestLagCorrelation,
  runRules,
  withoutRetired,
  type CheckReport,
  type KpiFacts,
  type RuleConfig,
  type RuleFacts,
} from '@kpi/rules';
import type { Engine } from '@kpi/engines';
import type { KpiReading, Scorecard } from '@kpi/scorecard';
import { ensureAccessTables } from '../access/access-tables.js';
import { todayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { evaluateScorecardOn } from './evaluate-scorecard.js';
import { counterChangeOf, counterMetricOf } from './scorecard-guards.js';

export interface CheckInput {
  /** Check as if today were this day (YYYY-MM-DD). */
  readonly today?: string;
  /** Skip the rules that read data (faster; for editors and pre-commit hooks). */
  readonly withoutData?: boolean;
  /** Skip the forecasts (the achievability rule then judges by the history alone). */
  readonly withoutForecast?: boolean;
}

export interface CheckOutput {
  readonly today: string;
  readonly report: CheckReport;
  readonly withData: boolean;
}

type Setting = NonNullable<Project['settings']['checks']>[string];
const settingOf = (v: Setting) =>
  typeof v === 'string' ? { severity: v } : { severity: v.severity, reason: v.reason };

/** Severities from kpi.yaml's `project.checks` and from each KPI's own `checks`. */
export const ruleConfigOf = (project: Project): RuleConfig => {
  const kpis = Object.entries(project.kpis)
    .filter(([, k]) => k.checks !== undefined)
    .map(
      ([name, k]) =>
        [name, ownRecord(Object.entries(k.checks ?? {}).map(([id, v]) => [id, settingOf(v)]))] as const,
    );
  return {
    project: ownRecord(Object.entries(project.settings.checks ?? {}).map(([id, v]) => [id, settingOf(v)])),
    kpis: ownRecord(kpis) as RuleConfig['kpis'],
  };
};

const lastDataDate = (r: KpiReading): string | null => {
  const seen = [...r.series].reverse().find((p) => p.value !== null && p.value !== 0);
  if (!seen) return null;
  return seen.end < r.asOf ? seen.end : r.asOf;
};

const kpiFactsOf = (r: KpiReading, counterChange: number | null | undefined): KpiFacts => {
  const previous = r.comparisons.find((c) => c.kind === 'previous_period');
  const history = r.series.filter((p) => !p.partial).map((p) => ({ period: p.start, value: p.value }));
  const current = r.target?.kind === 'cumulative' ? r.target.actual : r.value;
  return {
    lastDataDate: lastDataDate(r),
    history,
    current,
    kpiChange: previous?.changeRelative ?? null,
    ...(counterChange !== undefined ? { counterChange } : {}),
    ...(r.forecast ? { probability: r.forecast.probability } : {}),
  };
};

const leadLagOf = (project: Project, sc: Scorecard): RuleFacts['leadLag'] => {
  const out = ownRecord<{ leading: string; lagging: string; lag: number; correlation: number }>();
  for (const g of sc.goals) {
    const values = (r: KpiReading) => r.series.filter((p) => !p.partial).map((p) => p.value);
    const lead = g.kpis.find((r) => ownGet(project.kpis, r.kpi)?.indicator === 'leading');
    const lag = g.kpis.find((r) => ownGet(project.kpis, r.kpi)?.indicator === 'lagging');
    if (!lead || !lag) continue;
    const best = bestLagCorrelation(values(lead), values(lag), 4, 8);
    if (best)
      out[g.goal] = { leading: lead.kpi, lagging: lag.kpi, lag: best.lag, correlation: best.correlation };
  }
  return out;
};

const reviewDates = async (engine: Engine) => {
  await ensureAccessTables(engine);
  const r = await engine.query(
    `SELECT kpi, CAST(max(CAST(reviewed_at AS TIMESTAMP)) AS DATE) AS last FROM _kpi_reviews GROUP BY kpi`,
  );
  const byKpi = new Map<string | null, string>(
    r.rows.map((row) => [row['kpi'] as string | null, String(row['last'])]),
  );
  return byKpi;
};

/**
 * The rules read numbers, never causes: keep only the dimensions that filters (of KPIs and
 * metrics) name, so the scorecard does not break every KPI down by every member (with
 * 30,000 campaigns that was 80% of the time); the values are the same.
 */
const withFilterDimensionsOnly = (project: Project): Project => {
  const filters = [...Object.values(project.kpis), ...Object.values(project.metrics)].map((x) =>
    'filter' in x ? x.filter : undefined,
  );
  const used = new Set(filters.flatMap((f) => Object.keys(f ?? {})));
  const datasets = ownRecord(
    Object.entries(project.datasets).map(([name, d]) => [
      name,
      { ...d, dimensions: d.dimensions.filter((x) => used.has(x)) },
    ]),
  );
  return { ...project, datasets };
};

const factsOf = async (
  engine: Engine,
  project: Project,
  today: string,
  withoutForecast: boolean,
): Promise<RuleFacts> => {
  const sc = await evaluateScorecardOn(engine, withFilterDimensionsOnly(project), {
    asOf: addDays(today, -1),
    seriesLength: 53,
    withoutForecast,
  });
  const reviews = await reviewDates(engine);
  const kpis = ownRecord<KpiFacts>();
  for (const r of sc.goals.flatMap((g) => g.kpis)) {
    const counter = counterMetricOf(project, r.kpi);
    kpis[r.kpi] = {
      ...kpiFactsOf(r, counter ? counterChangeOf(sc, counter) : undefined),
      lastReview: reviews.get(r.kpi) ?? null,
    };
  }
  return { kpis, lastListReview: reviews.get(null) ?? null, leadLag: leadLagOf(project, sc) };
};

export const checkProject = async (lp: LoadedProject, input: CheckInput = {}): Promise<CheckOutput> => {
  const today = input.today ?? todayOf(lp);
  const withData = !input.withoutData;
  // Retired KPIs keep their history but are no longer checked.
  const project = withoutRetired(lp.project);
  const facts = withData
    ? await withStore(lp, (engine) => factsOf(engine, project, today, input.withoutForecast === true))
    : {};
  const report = runRules(ALL_RULES, { project, today, facts }, ruleConfigOf(project));
  return { today, report, withData };
};
