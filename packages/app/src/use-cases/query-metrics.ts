// Use-case: answer `kpi query` — compile the request to SQL and run it on the store. IO.
// Invariant: user values reach the database only as bound parameters (the compiler's job);
// `--last N` is resolved here into a from/to range of whole periods ending today, for N up
// to MAX_LAST_PERIODS (the HTTP schema's cap too; a larger N walked back period by period).

import {
  ProblemsError,
  UsageError,
  addDays,
  nextPeriodStart,
  periodStart,
  ownGet,
  type Grain,
  type Unit,
} from '@kpi/core';
import { compileMetricQuery, type MetricQueryRequest } from '@kpi/semantic';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { todayOf } from '../dates.js';

export interface QueryInput {
  readonly metrics: readonly string[];
  readonly grain?: Grain;
  readonly from?: string;
  readonly to?: string;
  /** The last N periods of `grain`, the current (partial) one included. */
  readonly last?: number;
  readonly groupBy?: readonly string[];
  readonly where?: Readonly<Record<string, readonly string[]>>;
  /** Today, for --last; defaults to the clock in the project time zone. */
  readonly today?: string;
}

export interface QueryColumn {
  readonly name: string;
  readonly role: 'period' | 'dimension' | 'metric';
  readonly unit?: Unit;
  readonly currency?: string;
  readonly decimals?: number;
}

export interface QueryOutput {
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly Record<string, unknown>[];
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Most periods `last` may ask for. */
export const MAX_LAST_PERIODS = 1000;

const lastRange = (n: number, grain: Grain, today: string, weekStart: Parameters<typeof periodStart>[2]) => {
  let start = periodStart(today, grain, weekStart);
  for (let i = 1; i < n; i++) start = periodStart(addDays(start, -1), grain, weekStart);
  const end = addDays(nextPeriodStart(periodStart(today, grain, weekStart), grain), -1);
  return { from: start, to: end };
};

export const queryMetrics = async (lp: LoadedProject, input: QueryInput): Promise<QueryOutput> => {
  const { settings } = lp.project;
  let { from, to } = input;
  if (input.last !== undefined) {
    if (!input.grain)
      throw new UsageError(
        'query.last_without_grain',
        '--last needs a grain',
        'add --by week (or day, month, quarter, year)',
      );
    if (!Number.isInteger(input.last) || input.last < 1 || input.last > MAX_LAST_PERIODS)
      throw new UsageError(
        'query.last_out_of_range',
        `--last must be a whole number from 1 to ${MAX_LAST_PERIODS}, got ${input.last}`,
        'use --from and --to for a longer range',
      );
    if (from !== undefined || to !== undefined)
      throw new UsageError(
        'query.last_with_range',
        '--last cannot be combined with --from/--to',
        'use one or the other',
      );
    ({ from, to } = lastRange(input.last, input.grain, input.today ?? todayOf(lp), settings.week_start));
  }
  const request: MetricQueryRequest = {
    metrics: [...input.metrics],
    ...(input.grain ? { grain: input.grain } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(input.groupBy ? { groupBy: [...input.groupBy] } : {}),
    ...(input.where
      ? { where: Object.fromEntries(Object.entries(input.where).map(([k, v]) => [k, [...v]])) }
      : {}),
  };
  const { sql, params, columns, result } = await withStore(lp, async (engine) => {
    const compiled = compileMetricQuery(lp.project, request, engine.dialect);
    if (!compiled.ok)
      throw new ProblemsError('query.invalid', 'the query cannot be answered', compiled.issues);
    return { ...compiled.value, result: await engine.query(compiled.value.sql, compiled.value.params) };
  });
  return {
    sql,
    params,
    rows: result.rows,
    columns: columns.map((c) => {
      const def = c.metric ? ownGet(lp.project.metrics, c.metric) : undefined;
      if (!def) return { name: c.name, role: c.role };
      const currency = def.unit === 'currency' ? (def.currency ?? settings.currency) : undefined;
      return {
        name: c.name,
        role: c.role,
        unit: def.unit,
        ...(currency ? { currency } : {}),
        ...(def.decimals === undefined ? {} : { decimals: def.decimals }),
      };
    }),
  };
};
