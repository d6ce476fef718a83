// Reads the daily spend and outcome per member of a dimension (channel, campaign…) from the
// store, for the budget plan. IO.
// Invariants: one query for every member (grouped by the dimension), never one per member;
// each member's series runs from its first day with spend to the as-of day, days without a
// row counting as 0 (a sum of no rows is no spend and no outcome).

import { UsageError, addDays, dayNumber, ownGet, type Project } from '@kpi/core';
import type { LoadedProject } from '../project-files.js';
import { queryMetrics } from './query-metrics.js';

export interface MemberHistory {
  readonly member: string;
  /** First day of the series. */
  readonly start: string;
  readonly spend: number[];
  readonly outcome: number[];
}

export interface HistoryRequest {
  readonly spendMetric: string;
  readonly outcomeMetric: string;
  readonly dimension: string;
  readonly from: string;
  readonly to: string;
  readonly where?: Readonly<Record<string, readonly string[]>>;
}

/** The metric must be a plain sum (spend, leads…): a ratio or a count of distinct cannot be split by spend. */
export const checkSumMetric = (project: Project, name: string, role: string, flag: string): string => {
  const m = ownGet(project.metrics, name);
  if (!m)
    throw new UsageError(
      'budget.metric_not_found',
      `no metric named "${name}" for the ${role}`,
      `name a metric with ${flag}; metrics: ${Object.keys(project.metrics).sort().join(', ')}`,
    );
  if (m.kind !== 'simple' || (m.agg !== 'sum' && m.agg !== 'count'))
    throw new UsageError(
      'budget.metric_not_additive',
      `the ${role} metric "${name}" is not a sum or a count (it is ${m.kind === 'simple' ? `a ${m.agg}` : `a ${m.kind} metric`})`,
      `name a summed metric with ${flag}`,
    );
  return m.dataset;
};

export const readMemberHistory = async (lp: LoadedProject, req: HistoryRequest): Promise<MemberHistory[]> => {
  const q = await queryMetrics(lp, {
    metrics: [req.spendMetric, req.outcomeMetric],
    grain: 'day',
    from: req.from,
    to: req.to,
    groupBy: [req.dimension],
    ...(req.where ? { where: req.where } : {}),
  });
  const n = dayNumber(req.to) - dayNumber(req.from) + 1;
  const first = dayNumber(req.from);
  const byMember = new Map<string, { spend: Float64Array; outcome: Float64Array }>();
  for (const row of q.rows) {
    const member = row[req.dimension];
    const day = row['period'];
    if (member == null || typeof day !== 'string') continue;
    const key = String(member);
    let s = byMember.get(key);
    if (!s) {
      s = { spend: new Float64Array(n), outcome: new Float64Array(n) };
      byMember.set(key, s);
    }
    const i = dayNumber(day) - first;
    if (i < 0 || i >= n) continue;
    s.spend[i] = Number(row[req.spendMetric] ?? 0) || 0;
    s.outcome[i] = Number(row[req.outcomeMetric] ?? 0) || 0;
  }
  return [...byMember.entries()]
    .map(([member, s]) => {
      const from = s.spend.findIndex((v) => v > 0);
      const at = from < 0 ? n : from;
      return {
        member,
        start: addDays(req.from, at),
        spend: Array.from(s.spend.subarray(at)),
        outcome: Array.from(s.outcome.subarray(at)),
      };
    })
    .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
};
