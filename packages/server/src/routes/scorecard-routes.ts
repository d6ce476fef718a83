// Routes: the scorecard — whole, per goal, one KPI's drill-down (series, both
// comparisons, every dimension's drivers) and its forecast band. IO. Invariant: one evaluation per request,
// in as few store passes as the scorecard use-case makes (never one query per card);
// answers come from the read cache until the project or its data change.

import { z } from 'zod';
import { NotFoundError, isoDateSchema, ownGet } from '@kpi/core';
import { evaluateScorecard, explainKpi, forecastBand } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, cachedRead, param, route } from './route-helpers.js';
import {
  forecastBandSchema,
  forecastQuery,
  goalReadingTop,
  kpiReadingTop,
  nameParams,
} from './api-schemas.js';

const asOfQuery = z.strictObject({
  asOf: isoDateSchema
    .optional()
    .describe('Evaluate as of this day (default: yesterday in the project time zone).'),
});

const scorecardOut = z
  .looseObject({
    kind: z.literal('scorecard'),
    project: z.string(),
    asOf: z.string(),
    goals: z.array(goalReadingTop),
    supporting: z.array(z.looseObject({})).describe('Readings of the metrics behind the KPIs.'),
    queries: z.number().describe('Statements run against the store to build it.'),
  })
  .describe('Every goal with its KPI readings: target, pace, comparisons, cause.');

const asOf = (query: unknown): { asOf?: string } => {
  const q = query as z.infer<typeof asOfQuery>;
  return q.asOf === undefined ? {} : { asOf: q.asOf };
};

export const scorecardRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/scorecard',
    tag: 'scorecard',
    summary: 'The whole scorecard: every goal’s KPIs with target, comparison and cause.',
    access: READ,
    querySchema: asOfQuery,
    response: scorecardOut,
    handle: (ctx, { query }) =>
      cachedRead(ctx, ['scorecard', asOf(query)], () => evaluateScorecard(ctx.state.project(), asOf(query))),
  }),
  route({
    method: 'GET',
    path: '/api/goals/{name}/scorecard',
    tag: 'scorecard',
    summary: 'The scorecard of one goal.',
    access: READ,
    params: nameParams,
    querySchema: asOfQuery,
    response: scorecardOut,
    handle: async (ctx, { query }) => {
      const opts = { ...asOf(query), goal: param(ctx, 'name') };
      return cachedRead(ctx, ['goal-scorecard', opts], () => evaluateScorecard(ctx.state.project(), opts));
    },
  }),
  route({
    method: 'GET',
    path: '/api/kpis/{name}/scorecard',
    tag: 'scorecard',
    summary: 'One KPI’s drill-down: a longer series with its target path, comparisons and drivers.',
    access: READ,
    params: nameParams,
    querySchema: asOfQuery,
    response: z.looseObject({ kind: z.literal('kpi_explanation'), asOf: z.string(), reading: kpiReadingTop }),
    async handle(ctx, { query }) {
      const name = param(ctx, 'name');
      if (!ownGet(ctx.state.project().project.kpis, name))
        throw new NotFoundError('kpi.not_found', `no KPI "${name}"`);
      return cachedRead(ctx, ['kpi-scorecard', name, asOf(query)], () =>
        explainKpi(ctx.state.project(), name, asOf(query)),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/api/kpis/{name}/forecast',
    tag: 'scorecard',
    summary:
      'One KPI’s forecast band: its closed periods and the next ones to the deadline with 80% / 95% intervals (200 with `note` and no points when the history is too short).',
    access: READ,
    params: nameParams,
    querySchema: forecastQuery,
    response: forecastBandSchema,
    async handle(ctx, { query }) {
      const name = param(ctx, 'name');
      const q = query as z.infer<typeof forecastQuery>;
      // An unknown KPI is the use-case's 404 (with the names there are); errors are not cached.
      const input = {
        kpi: name,
        ...(q.horizon === undefined ? {} : { horizon: q.horizon }),
        ...(q.asOf === undefined ? {} : { asOf: q.asOf }),
      };
      return cachedRead(ctx, ['kpi-forecast', input], () => forecastBand(ctx.state.project(), input));
    },
  }),
];
