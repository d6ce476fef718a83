// Small builders for metric definitions as YAML-ready data: sums, ratios (unit percent)
// and common field sets. Pure.

import type { YamlValue } from './yaml-writer.js';

export type Metric = { readonly [field: string]: YamlValue };
export type Cat = 'awareness' | 'engagement' | 'conversion' | 'roi' | 'customer_care' | 'content';

export const sum = (
  dataset: string,
  column: string,
  category: Cat,
  label: string,
  description: string,
  more: Metric = {},
): Metric => ({
  kind: 'simple',
  label,
  description,
  dataset,
  agg: 'sum',
  column,
  category,
  ...more,
});
export const ratio = (
  numerator: string,
  denominator: string,
  category: Cat,
  label: string,
  description: string,
  more: Metric = {},
): Metric => ({
  kind: 'ratio',
  label,
  description,
  numerator,
  denominator,
  unit: 'percent',
  category,
  ...more,
});
export const money = { unit: 'currency' } as const;
export const lower = { direction: 'lower' } as const;
