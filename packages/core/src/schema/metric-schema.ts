// The metric schema (source of truth for metric types): simple aggregates, snapshots,
// ratios and derived formulas, following dbt MetricFlow's vocabulary where it fits. Pure.

import { z } from 'zod';
import { currencyCodeSchema, filterSchema, identifierSchema } from './common-schema.js';

export const AGGREGATIONS = ['sum', 'count', 'count_distinct', 'avg', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const UNITS = ['count', 'number', 'currency', 'percent', 'duration'] as const;
export type Unit = (typeof UNITS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CATEGORIES = ['awareness', 'engagement', 'conversion', 'roi', 'customer_care', 'content'] as const;
export type Category = (typeof CATEGORIES)[number];

const common = {
  label: z.string().min(1).optional().describe('Display name; defaults to the metric name.'),
  description: z.string().optional(),
  unit: z
    .enum(UNITS)
    .default('count')
    .describe('count, number, currency (see `currency`), percent (stored as a fraction: 0.032 = 3.2%), duration (seconds).'),
  currency: currencyCodeSchema.optional().describe('ISO code for unit: currency; defaults to the project currency.'),
  decimals: z
    .number()
    .int()
    .min(0)
    .max(6)
    .optional()
    .describe(
      'Decimals to show (for percent: of the percent figure, 1 -> "3.2%"). Default: two significant digits for small rates and prices ("0.018%", "$0.082"), whole counts.',
    ),
  direction: z.enum(DIRECTIONS).default('higher').describe('Whether a higher or a lower value is better.'),
  category: z.enum(CATEGORIES).optional(),
  filter: filterSchema.optional(),
};

export const simpleMetricSchema = z
  .strictObject({
    kind: z.literal('simple'),
    dataset: identifierSchema,
    agg: z.enum(AGGREGATIONS),
    column: identifierSchema.optional().describe('Column to aggregate; optional for count (counts rows).'),
    ...common,
  })
  .describe('An aggregate of one column of a dataset.');

export const snapshotMetricSchema = z
  .strictObject({
    kind: z.literal('snapshot'),
    dataset: identifierSchema,
    column: identifierSchema,
    ...common,
  })
  .describe(
    'A level measured at points in time (followers): the last value in each period, summed across dimension series.',
  );

export const ratioMetricSchema = z
  .strictObject({
    kind: z.literal('ratio'),
    numerator: identifierSchema.describe('Metric name of the numerator.'),
    denominator: identifierSchema.describe('Metric name of the denominator.'),
    ...common,
  })
  .describe('numerator / denominator, computed after aggregation; empty when the denominator is zero.');

export const derivedMetricSchema = z
  .strictObject({
    kind: z.literal('derived'),
    expr: z
      .string()
      .min(1)
      .describe('Arithmetic over other metrics: names, numbers, + - * / and parentheses, e.g. "(revenue - spend) / spend".'),
    ...common,
  })
  .describe('A formula over other metrics.');

export const CHURN_MEASURES = ['rate', 'churners', 'expected_churners', 'revenue_at_risk'] as const;
export type ChurnMeasure = (typeof CHURN_MEASURES)[number];

export const churnMetricSchema = z
  .strictObject({
    kind: z.literal('churn'),
    churn: identifierSchema.describe('The churn definition (under churn:) whose customers it counts.'),
    measure: z
      .enum(CHURN_MEASURES)
      .describe(
        'rate: of the customers active when a period starts, the share gone by its end (use unit: percent); churners: how many left in the period; expected_churners: the model\'s expected churners over the next horizon, as of the period\'s end; revenue_at_risk: the spend of the last 90 days weighted by each customer\'s risk, as of the period\'s end (use unit: currency).',
      ),
    ...common,
  })
  .describe('A churn figure of a churn definition, computed by kpi from the customers\' activity.');

export const metricSchema = z.discriminatedUnion('kind', [
  simpleMetricSchema,
  snapshotMetricSchema,
  ratioMetricSchema,
  derivedMetricSchema,
  churnMetricSchema,
]);

export type SimpleMetricDef = z.infer<typeof simpleMetricSchema>;
export type SnapshotMetricDef = z.infer<typeof snapshotMetricSchema>;
export type RatioMetricDef = z.infer<typeof ratioMetricSchema>;
export type DerivedMetricDef = z.infer<typeof derivedMetricSchema>;
export type ChurnMetricDef = z.infer<typeof churnMetricSchema>;
export type MetricDef = z.infer<typeof metricSchema>;
