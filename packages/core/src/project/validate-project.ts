// Cross-reference rules for a project whose files each passed the schema: columns,
// datasets, metrics and goals that are named must exist, types must fit, no cycles.
// Pure. Invariant: returns every problem; positions are added by the loader from `path`.

import { parseExpression } from '../expr/expression-parser.js';
import type { Issue } from '../result.js';
import type { Filter } from '../schema/common-schema.js';
import type { DatasetDef } from '../schema/dataset-schema.js';
import type { MetricDef } from '../schema/metric-schema.js';
import { findMetricCycles, metricDatasets, metricDeps } from './metric-graph.js';
import type { Project } from './project-model.js';
import { validateCascade } from './validate-cascade.js';
import { validateDelivery } from './validate-delivery.js';
import { validateChurn } from './validate-churn.js';
import { validateUtm } from './validate-utm.js';
import { ownGet } from '../own-lookup.js';
import { dateFormatHasYear, yearlessFormatHint } from '../time/date-format.js';

type Path = readonly (string | number)[];
const err = (code: string, message: string, path: Path, hint?: string): Issue =>
  hint ? { code, severity: 'error', message, path, hint } : { code, severity: 'error', message, path };
const warn = (code: string, message: string, path: Path, hint?: string): Issue => ({
  ...err(code, message, path, hint),
  severity: 'warning',
});

const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : '(none)');
const NUMERIC = new Set(['integer', 'number']);

/** A `sentiment:` column is a string column scored from a string text column of the same dataset. */
const validateSentimentColumns = (name: string, ds: DatasetDef): Issue[] => {
  const out: Issue[] = [];
  const cols = Object.keys(ds.columns);
  for (const [col, def] of Object.entries(ds.columns)) {
    if (!def.sentiment) continue;
    const path = ['datasets', name, 'columns', col];
    if (def.type !== 'string')
      out.push(
        err(
          'dataset.sentiment.wrong_type',
          `dataset ${name}: sentiment column "${col}" has type ${def.type}`,
          [...path, 'type'],
          'give it type string (it holds positive / neutral / negative)',
        ),
      );
    for (const [field, ref] of [
      ['from', def.sentiment.from],
      ['tool', def.sentiment.tool],
    ] as const) {
      if (ref === undefined) continue;
      const target = ownGet(ds.columns, ref);
      if (!target)
        out.push(
          err(
            `dataset.sentiment.unknown_${field === 'from' ? 'text' : 'tool'}_column`,
            `dataset ${name}: column "${col}" reads sentiment ${field} "${ref}", which is not among its columns`,
            [...path, 'sentiment', field],
            `columns are: ${list(cols)}`,
          ),
        );
      else if (target.type !== 'string' || ref === col)
        out.push(
          err(
            'dataset.sentiment.bad_source',
            `dataset ${name}: column "${col}" reads sentiment ${field} "${ref}", which must be another column of type string`,
            [...path, 'sentiment', field],
            "point it at the text column (or the tool's label column)",
          ),
        );
    }
  }
  return out;
};

/** An `engagement:` column is a number computed from numeric columns of the same row. */
const validateEngagementColumns = (name: string, ds: DatasetDef): Issue[] => {
  const out: Issue[] = [];
  const cols = Object.keys(ds.columns);
  for (const [col, def] of Object.entries(ds.columns)) {
    const spec = def.engagement;
    if (!spec) continue;
    const path = ['datasets', name, 'columns', col, 'engagement'];
    if (def.type !== 'number')
      out.push(
        err(
          'dataset.engagement.wrong_type',
          `dataset ${name}: engagement column "${col}" has type ${def.type}`,
          ['datasets', name, 'columns', col, 'type'],
          'give it type number',
        ),
      );
    const refs: [string, (string | number)[]][] = [
      ...spec.of.map((c, i) => [c, [...path, 'of', i]] as [string, (string | number)[]]),
      ...(spec.per ? [[spec.per, [...path, 'per']] as [string, (string | number)[]]] : []),
    ];
    for (const [ref, p] of refs) {
      const target = ownGet(ds.columns, ref);
      if (!target || !NUMERIC.has(target.type) || ref === col)
        out.push(
          err(
            'dataset.engagement.bad_column',
            `dataset ${name}: engagement column "${col}" reads "${ref}", which is not another integer or number column`,
            p,
            `columns are: ${list(cols)}`,
          ),
        );
    }
    for (const w of Object.keys(spec.weights ?? {}))
      if (!spec.of.includes(w))
        out.push(
          err(
            'dataset.engagement.weight_unknown',
            `dataset ${name}: engagement column "${col}" weighs "${w}", which is not in its "of" list`,
            [...path, 'weights', w],
            `"of" is: ${list(spec.of)}`,
          ),
        );
  }
  return out;
};

const validateDataset = (name: string, ds: DatasetDef): Issue[] => {
  const out: Issue[] = [];
  const cols = Object.keys(ds.columns);
  const base = ['datasets', name];
  const timeCol = ownGet(ds.columns, ds.time);
  if (!timeCol) {
    out.push(
      err(
        'dataset.time.unknown_column',
        `dataset ${name}: time column "${ds.time}" is not among its columns`,
        [...base, 'time'],
        `columns are: ${list(cols)}`,
      ),
    );
  } else if (timeCol.type !== 'date' && timeCol.type !== 'timestamp') {
    out.push(
      err(
        'dataset.time.wrong_type',
        `dataset ${name}: time column "${ds.time}" has type ${timeCol.type}`,
        [...base, 'columns', ds.time, 'type'],
        'give it type date or timestamp',
      ),
    );
  }
  ds.key.forEach((k, i) => {
    if (!ownGet(ds.columns, k))
      out.push(
        err(
          'dataset.key.unknown_column',
          `dataset ${name}: key column "${k}" is not among its columns`,
          [...base, 'key', i],
          `columns are: ${list(cols)}`,
        ),
      );
  });
  ds.dimensions.forEach((d, i) => {
    if (!ownGet(ds.columns, d))
      out.push(
        err(
          'dataset.dimension.unknown_column',
          `dataset ${name}: dimension "${d}" is not among its columns`,
          [...base, 'dimensions', i],
          `columns are: ${list(cols)}`,
        ),
      );
  });
  out.push(...validateSentimentColumns(name, ds), ...validateEngagementColumns(name, ds));
  const seenSources = new Map<string, string>();
  for (const [col, def] of Object.entries(ds.columns)) {
    for (const s of [
      col,
      ...(def.source === undefined ? [] : Array.isArray(def.source) ? def.source : [def.source]),
    ]) {
      const k = s.toLowerCase();
      const prior = seenSources.get(k);
      if (prior && prior !== col)
        out.push(
          err(
            'dataset.column.source_ambiguous',
            `dataset ${name}: header "${s}" would map to both ${prior} and ${col}`,
            [...base, 'columns', col, 'source'],
            'give each column distinct source names',
          ),
        );
      seenSources.set(k, col);
    }
    if (
      def.format !== undefined &&
      (def.type === 'date' || def.type === 'timestamp') &&
      !dateFormatHasYear(def.format)
    )
      out.push(
        err(
          'dataset.column.format_without_year',
          `dataset ${name}: column ${col} has the date format ${JSON.stringify(def.format)}, which has no year (its dates would be read as 1900)`,
          [...base, 'columns', col, 'format'],
          yearlessFormatHint(def.format),
        ),
      );
  }
  return out;
};

const checkFilter = (
  filter: Filter | undefined,
  datasets: readonly string[],
  p: Project,
  path: Path,
  what: string,
): Issue[] => {
  if (!filter) return [];
  const out: Issue[] = [];
  for (const dim of Object.keys(filter)) {
    for (const dsName of datasets) {
      const ds = ownGet(p.datasets, dsName);
      if (ds && !ds.dimensions.includes(dim)) {
        out.push(
          err(
            `${what}.filter.unknown_dimension`,
            `filter on "${dim}", which is not a dimension of dataset ${dsName}`,
            [...path, 'filter', dim],
            `dimensions of ${dsName}: ${list(ds.dimensions)}`,
          ),
        );
      }
    }
  }
  return out;
};

const validateMetric = (name: string, m: MetricDef, p: Project): Issue[] => {
  const out: Issue[] = [];
  const base = ['metrics', name];
  const exists = (ref: string, field: string, code: string): void => {
    if (!ownGet(p.metrics, ref))
      out.push(
        err(
          code,
          `metric ${name}: ${field} "${ref}" is not a defined metric`,
          [...base, field],
          `defined metrics: ${list(Object.keys(p.metrics).sort())}`,
        ),
      );
  };
  if (m.kind === 'simple' || m.kind === 'snapshot') {
    const ds = ownGet(p.datasets, m.dataset);
    if (!ds) {
      out.push(
        err(
          'metric.dataset_missing',
          `metric ${name}: dataset "${m.dataset}" is not defined`,
          [...base, 'dataset'],
          `defined datasets: ${list(Object.keys(p.datasets).sort())}`,
        ),
      );
      return out;
    }
    if (m.column === undefined) {
      if (m.kind === 'simple' && m.agg !== 'count')
        out.push(
          err(
            'metric.column_required',
            `metric ${name}: agg ${m.agg} needs a column`,
            [...base, 'agg'],
            'add `column:`, or use agg: count to count rows',
          ),
        );
    } else {
      const col = ownGet(ds.columns, m.column);
      if (!col) {
        out.push(
          err(
            'metric.column_missing',
            `metric ${name}: column "${m.column}" is not in dataset ${m.dataset}`,
            [...base, 'column'],
            `columns of ${m.dataset}: ${list(Object.keys(ds.columns))}`,
          ),
        );
      } else {
        const agg = m.kind === 'snapshot' ? 'snapshot' : m.agg;
        const needsNumber = agg === 'sum' || agg === 'avg' || agg === 'snapshot';
        if (needsNumber && !NUMERIC.has(col.type))
          out.push(
            err(
              'metric.column_type',
              `metric ${name}: ${agg} needs a numeric column, but ${m.dataset}.${m.column} is ${col.type}`,
              [...base, 'column'],
              'pick an integer or number column, or use count / count_distinct',
            ),
          );
      }
    }
    out.push(...checkFilter(m.filter, [m.dataset], p, base, 'metric'));
  } else if (m.kind === 'churn') {
    if (!ownGet(p.churn ?? {}, m.churn))
      out.push(
        err(
          'metric.churn.definition_missing',
          `metric ${name}: churn definition "${m.churn}" is not defined`,
          [...base, 'churn'],
          `churn definitions: ${list(Object.keys(p.churn ?? {}).sort())} (add one under churn: in a definitions file)`,
        ),
      );
    if (m.filter)
      out.push(
        err(
          'metric.churn.filter',
          `metric ${name}: a churn metric takes no filter`,
          [...base, 'filter'],
          "narrow the churn definition's dataset instead, or compare segments (the churn definition's segments:)",
        ),
      );
  } else if (m.kind === 'ratio') {
    exists(m.numerator, 'numerator', 'metric.ratio.numerator_missing');
    exists(m.denominator, 'denominator', 'metric.ratio.denominator_missing');
  } else {
    const parsed = parseExpression(m.expr);
    if (!parsed.ok) {
      out.push(
        err(
          'metric.derived.parse_error',
          `metric ${name}: formula "${m.expr}": ${parsed.error.message} at character ${parsed.error.offset + 1}`,
          [...base, 'expr'],
          'a formula uses metric names, numbers, + - * / and parentheses',
        ),
      );
    } else {
      const walkRefs = (e: typeof parsed.expr): void => {
        if (e.kind === 'ref' && !ownGet(p.metrics, e.name))
          out.push(
            err(
              'metric.derived.unknown_metric',
              `metric ${name}: formula refers to "${e.name}", which is not a defined metric`,
              [...base, 'expr'],
              `defined metrics: ${list(Object.keys(p.metrics).sort())}`,
            ),
          );
        if (e.kind === 'neg') walkRefs(e.arg);
        if (e.kind === 'bin') {
          walkRefs(e.left);
          walkRefs(e.right);
        }
      };
      walkRefs(parsed.expr);
    }
  }
  for (const ref of metricDeps(m))
    if (ownGet(p.metrics, ref)?.kind === 'churn')
      out.push(
        err(
          'metric.churn.not_composable',
          `metric ${name}: uses the churn metric "${ref}", which a ratio or formula cannot read`,
          [...base, m.kind === 'ratio' ? (m.numerator === ref ? 'numerator' : 'denominator') : 'expr'],
          'make a KPI of the churn metric itself',
        ),
      );
  if (m.kind === 'ratio' || m.kind === 'derived')
    out.push(...checkFilter(m.filter, metricDatasets(p.metrics, name), p, base, 'metric'));
  if (m.currency && m.unit !== 'currency')
    out.push(
      warn(
        'metric.currency_without_unit',
        `metric ${name}: currency is set but unit is ${m.unit}`,
        [...base, 'currency'],
        'set unit: currency, or remove currency',
      ),
    );
  return out;
};

/** Every cross-reference problem of the project. */
export const validateProject = (p: Project): Issue[] => {
  const out: Issue[] = [];
  for (const [name, ds] of Object.entries(p.datasets)) out.push(...validateDataset(name, ds));
  for (const [name, m] of Object.entries(p.metrics)) out.push(...validateMetric(name, m, p));
  for (const cycle of findMetricCycles(p.metrics)) {
    const first = cycle[0] ?? '';
    out.push(
      err(
        'metric.cycle',
        `metrics refer to each other in a cycle: ${[...cycle, first].join(' -> ')}`,
        ['metrics', first],
        'a ratio or formula may not use itself, directly or through other metrics',
      ),
    );
  }
  for (const [name, g] of Object.entries(p.goals)) {
    if (g.parent !== undefined && !ownGet(p.goals, g.parent))
      out.push(
        err(
          'goal.parent_missing',
          `goal ${name}: parent goal "${g.parent}" is not defined`,
          ['goals', name, 'parent'],
          `defined goals: ${list(Object.keys(p.goals).sort())}`,
        ),
      );
    const seen = new Set([name]);
    for (let cur = g.parent; cur !== undefined; cur = ownGet(p.goals, cur)?.parent) {
      if (seen.has(cur)) {
        out.push(
          err(
            'goal.parent_cycle',
            `goal ${name}: parent goals form a cycle through "${cur}"`,
            ['goals', name, 'parent'],
            'a goal cannot be its own ancestor',
          ),
        );
        break;
      }
      seen.add(cur);
    }
  }
  for (const [name, k] of Object.entries(p.kpis)) {
    const base = ['kpis', name];
    if (!ownGet(p.metrics, k.metric))
      out.push(
        err(
          'kpi.metric_missing',
          `KPI ${name}: metric "${k.metric}" is not defined`,
          [...base, 'metric'],
          `defined metrics: ${list(Object.keys(p.metrics).sort())}`,
        ),
      );
    else if (ownGet(p.metrics, k.metric)?.kind === 'churn' && k.filter)
      out.push(
        err(
          'kpi.filter.churn',
          `KPI ${name}: a churn KPI takes no filter`,
          [...base, 'filter'],
          "remove the filter; the cause already compares the churn definition's segments",
        ),
      );
    else out.push(...checkFilter(k.filter, metricDatasets(p.metrics, k.metric), p, base, 'kpi'));
    if (!ownGet(p.goals, k.goal))
      out.push(
        err(
          'kpi.goal_missing',
          `KPI ${name}: goal "${k.goal}" is not defined`,
          [...base, 'goal'],
          `defined goals: ${list(Object.keys(p.goals).sort())}`,
        ),
      );
    const counter = typeof k.counter_metric === 'string' ? k.counter_metric : k.counter_metric?.metric;
    if (counter !== undefined && !ownGet(p.metrics, counter))
      out.push(
        err(
          'kpi.counter_metric_missing',
          `KPI ${name}: counter-metric "${counter}" is not defined`,
          [...base, 'counter_metric'],
          `defined metrics: ${list(Object.keys(p.metrics).sort())}`,
        ),
      );
    if (k.baseline && 'from' in k.baseline && k.baseline.from > k.baseline.to)
      out.push(
        err(
          'kpi.baseline.range',
          `KPI ${name}: baseline range starts after it ends`,
          [...base, 'baseline', 'to'],
          'use from <= to',
        ),
      );
  }
  const allDims = new Set(Object.values(p.datasets).flatMap((d) => d.dimensions));
  p.annotations.forEach((a, i) => {
    if (a.end !== undefined && a.end < a.date)
      out.push(
        err(
          'annotation.range',
          `annotation "${a.title}": end ${a.end} is before date ${a.date}`,
          ['annotations', i, 'end'],
          'use an end on or after the date',
        ),
      );
    for (const dim of Object.keys(a.scope ?? {})) {
      if (!allDims.has(dim))
        out.push(
          warn(
            'annotation.scope.unknown_dimension',
            `annotation "${a.title}": scope "${dim}" is not a dimension of any dataset`,
            ['annotations', i, 'scope', dim],
            `dimensions: ${list([...allDims].sort())}`,
          ),
        );
    }
  });
  out.push(...validateCascade(p));
  out.push(...validateDelivery(p));
  out.push(...validateChurn(p));
  out.push(...validateUtm(p));
  return out;
};
