// Routes: predictive reads — a goal's budget plan (response curves, the split of a total
// under limits, its effect on the goal's KPI) and a churn definition's risk. IO. Handlers
// parse, call one use-case and shape output; answers come from the read cache until the
// project or its data change. Both are reads: nothing is written.

import { z } from 'zod';
import { identifierSchema, isoDateSchema } from '@kpi/core';
import { BUDGET_PERIODS, churnRisk, planBudget, planMove, planSentence } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, cachedRead, param, route } from './route-helpers.js';
import { nameParams } from './api-schemas.js';

const budgetQuery = z.strictObject({
  total: z.coerce
    .number()
    .min(0)
    .max(1e12)
    .optional()
    .describe('Budget for the period (default: today’s pace).'),
  period: z
    .enum(BUDGET_PERIODS)
    .optional()
    .describe('The period planned (default: the rest of the goal while it runs).'),
  maxChange: z.coerce
    .number()
    .min(0)
    .max(10)
    .optional()
    .describe('Largest change per member from today, as a share (0.2 = ±20%).'),
  dimension: identifierSchema.optional().describe('The dimension to split by (default channel).'),
  asOf: isoDateSchema.optional().describe('Treat this day as the last complete one (default: yesterday).'),
});

const churnQuery = z.strictObject({
  top: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('How many of the riskiest customers (default 20).'),
  asOf: isoDateSchema.optional().describe('Treat this day as the last complete one (default: yesterday).'),
});

const budgetOut = z
  .looseObject({
    goal: z.string(),
    period: z.looseObject({ start: z.string(), end: z.string(), days: z.number() }),
    total: z.number(),
    todayTotal: z.number(),
    members: z.array(
      z.looseObject({ member: z.string(), label: z.string(), today: z.number(), plan: z.number() }),
    ),
    outcome: z.looseObject({}),
    sentence: z.string().describe('The plan and its effect in one sentence.'),
    move: z.string(),
    caveat: z.string().describe('This reads correlations: test with a holdout.'),
  })
  .describe(
    'The budget plan: per member today, the plan, the curve and the observed points; the expected outcome; the KPI effect.',
  );

const churnOut = z
  .looseObject({
    name: z.string(),
    activeCustomers: z.number(),
    expected: z.looseObject({ mean: z.number(), low: z.number(), high: z.number() }),
    revenueAtRisk: z.number(),
    customers: z.array(z.looseObject({ customer: z.string(), risk: z.number() })),
  })
  .describe(
    'Churn risk: last period, expected churners with an interval, revenue at risk, rising segments, riskiest customers.',
  );

export const predictRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/goals/{name}/budget',
    tag: 'predict',
    summary:
      'The budget plan for a goal: the split of a total that maximises its outcome, and what it does to the KPI.',
    access: READ,
    params: nameParams,
    querySchema: budgetQuery,
    response: budgetOut,
    handle: (ctx, { query }) => {
      const q = query as z.infer<typeof budgetQuery>;
      const input = {
        goal: param(ctx, 'name'),
        ...(q.total === undefined ? {} : { total: q.total }),
        ...(q.period === undefined ? {} : { period: q.period }),
        ...(q.maxChange === undefined ? {} : { maxChange: q.maxChange }),
        ...(q.dimension === undefined ? {} : { dimension: q.dimension }),
        ...(q.asOf === undefined ? {} : { asOf: q.asOf }),
      };
      return cachedRead(ctx, ['budget', input], async () => {
        const out = await planBudget(ctx.state.project(), input);
        return { ...out, sentence: planSentence(out), move: planMove(out) };
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/churn/{name}',
    tag: 'predict',
    summary:
      'Churn risk of a churn definition: expected churners, revenue at risk, rising segments, riskiest customers.',
    access: READ,
    params: nameParams,
    querySchema: churnQuery,
    response: churnOut,
    handle: (ctx, { query }) => {
      const q = query as z.infer<typeof churnQuery>;
      const input = {
        name: param(ctx, 'name'),
        ...(q.top === undefined ? {} : { top: q.top }),
        ...(q.asOf === undefined ? {} : { asOf: q.asOf }),
      };
      return cachedRead(ctx, ['churn', input], () => churnRisk(ctx.state.project(), input));
    },
  }),
];
