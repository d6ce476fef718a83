// The metric compiler's entry point: project + request -> {sql, params, columns} for a
// dialect. Pure. Invariant: either every problem with the request is returned as issues,
// or the SQL is complete with every user value bound and every identifier quoted.

import type { Project, Result } from '@kpi/core';
import { fail, ok } from '@kpi/core';
import type { Dialect } from './dialect.js';
import type { CompiledQuery, MetricQueryRequest } from './query/metric-query.js';
import { planMetricQuery } from './query/plan-metric-query.js';
import { renderMetricQuery } from './query/render-query.js';

/**
 * Compiles a metric query. Output columns: `period` (first day, when `grain` is set), the
 * group-by dimensions, then one column per metric named after it; rows ordered by period,
 * then dimensions (after any requested order).
 */
export const compileMetricQuery = (
  project: Project,
  request: MetricQueryRequest,
  dialect: Dialect,
): Result<CompiledQuery> => {
  const plan = planMetricQuery(project, request);
  return plan.ok ? ok(renderMetricQuery(plan.value, dialect)) : fail(plan.issues);
};
