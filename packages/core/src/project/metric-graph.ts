// The dependency graph between metrics: which metrics a ratio or derived metric uses, cycle
// detection, and the datasets a metric ultimately reads. Pure.

import { expressionRefs, parseExpression } from '../expr/expression-parser.js';
import type { MetricDef } from '../schema/metric-schema.js';
import { ownGet } from '../own-lookup.js';

/** Metric names `def` refers to directly (empty for simple and snapshot metrics). */
export const metricDeps = (def: MetricDef): string[] => {
  switch (def.kind) {
    case 'ratio':
      return [def.numerator, def.denominator];
    case 'derived': {
      const parsed = parseExpression(def.expr);
      return parsed.ok ? expressionRefs(parsed.expr) : [];
    }
    default:
      return [];
  }
};

/** Every cycle among the metrics, each as the list of names around it (first = last omitted). */
export const findMetricCycles = (metrics: Readonly<Record<string, MetricDef>>): string[][] => {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (name: string): void => {
    const def = ownGet(metrics, name);
    if (!def) return;
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      cycles.push(stack.slice(stack.indexOf(name)));
      return;
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of metricDeps(def)) visit(dep);
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(metrics).sort()) visit(name);
  return cycles;
};

/** Datasets a metric reads, through ratios and formulas. Assumes no cycles. */
export const metricDatasets = (metrics: Readonly<Record<string, MetricDef>>, name: string): string[] => {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const def = ownGet(metrics, n);
    if (!def) return;
    if (def.kind === 'simple' || def.kind === 'snapshot') out.add(def.dataset);
    else for (const d of metricDeps(def)) walk(d);
  };
  walk(name);
  return [...out].sort();
};
