// Routes: metric definitions and metric queries (compiled to SQL with bound values). IO.
// Invariant: metric, dimension and filter names are checked as identifiers by the
// schema before the compiler sees them; filter values are only ever bound parameters;
// answers come from the read cache until the project or its data change.

import { z } from 'zod';
import { NotFoundError, ownGet } from '@kpi/core';
import { queryMetrics } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, cachedRead, param, route } from './route-helpers.js';
import { metricOut, metricValuesQuery, nameParams, queryBodySchema, queryOutSchema } from './api-schemas.js';

export const metricRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/metrics',
    tag: 'metrics',
    summary: 'Metric definitions.',
    access: READ,
    response: z.array(metricOut),
    handle: async (ctx) => ({
      body: Object.entries(ctx.state.project().project.metrics).map(([name, m]) => ({ name, ...m })),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/metrics/{name}',
    tag: 'metrics',
    summary: 'One metric definition.',
    access: READ,
    params: nameParams,
    response: metricOut,
    async handle(ctx) {
      const name = param(ctx, 'name');
      const m = ownGet(ctx.state.project().project.metrics, name);
      if (!m) throw new NotFoundError('metric.not_found', `no metric "${name}"`);
      return { body: { name, ...m } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/metrics/{name}/values',
    tag: 'metrics',
    summary: 'Values of one metric by period (and one dimension), e.g. ?grain=week&last=8&by=channel.',
    access: READ,
    params: nameParams,
    querySchema: metricValuesQuery,
    response: queryOutSchema,
    async handle(ctx, { query }) {
      const q = query as z.infer<typeof metricValuesQuery>;
      const input = {
        metrics: [param(ctx, 'name')],
        ...(q.grain ? { grain: q.grain } : {}),
        ...(q.last !== undefined ? { last: q.last } : {}),
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(q.by !== undefined ? { groupBy: [q.by] } : {}),
      };
      return cachedRead(ctx, ['query', input], () => queryMetrics(ctx.state.project(), input));
    },
  }),
  route({
    method: 'POST',
    path: '/api/query',
    tag: 'metrics',
    summary: 'Query metrics by period and dimensions, filtered by dimension values.',
    access: READ,
    body: { kind: 'json', schema: queryBodySchema },
    response: queryOutSchema,
    handle: (ctx, { body }) =>
      cachedRead(ctx, ['query', body], () =>
        queryMetrics(ctx.state.project(), body as z.infer<typeof queryBodySchema>),
      ),
  }),
];
