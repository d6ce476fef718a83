// Use-case: `kpi explain <kpi>` — one KPI's full drill-down: a longer series with its
// target path, both comparisons and the driver table of every dimension. IO. Invariant:
// it is the scorecard's own evaluation restricted to one KPI, so explain and status never
// disagree.

import type { KpiReading } from '@kpi/scorecard';
import type { LoadedProject } from '../project-files.js';
import { evaluateScorecard } from './evaluate-scorecard.js';

export interface ExplainOptions {
  readonly asOf?: string;
  /** Periods in the series (default 26). */
  readonly periods?: number;
  /** Members per dimension in the driver table (default 10). */
  readonly members?: number;
}

export interface KpiExplanation {
  readonly kind: 'kpi_explanation';
  readonly asOf: string;
  readonly goalTitle: string;
  readonly reading: KpiReading;
  readonly queries: number;
}

export const explainKpi = async (
  lp: LoadedProject,
  kpi: string,
  opts: ExplainOptions = {},
): Promise<KpiExplanation> => {
  const card = await evaluateScorecard(lp, {
    kpis: [kpi],
    ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
    seriesLength: opts.periods ?? 26,
    maxMembers: opts.members ?? 10,
    withoutSupporting: true,
  });
  const goal = card.goals[0];
  const reading = goal?.kpis[0];
  if (!goal || !reading) throw new Error(`KPI ${kpi} was not evaluated`);
  return { kind: 'kpi_explanation', asOf: card.asOf, goalTitle: goal.title, reading, queries: card.queries };
};
