// Turns the API's answers for the KPI page into what the page draws: a change row of
// GET /api/kpis/{name}/history with the fields it changed, and a KPI's counter-metric in
// one form. Pure. Invariant: a change row whose before or after is not an object (a
// create has no before) reads as an empty object, so one odd row cannot blank the page.

import type { ChangeRow, KpiDef } from '../../api/api-types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export interface ChangeItem extends ChangeRow {
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
  /** Top-level fields that differ between before and after. */
  readonly fields: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ (in key order of after, then before). */
export const changedFields = (
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] =>
  [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !same(before[k], after[k]));

/** One history row with its changed fields (the server sends the rows newest first). */
export const changeOf = (row: ChangeRow): ChangeItem => {
  const before = isObject(row.before) ? row.before : {};
  const after = isObject(row.after) ? row.after : {};
  return { ...row, before, after, fields: changedFields(before, after) };
};

/** A change that moved the target or the baseline (the rest are "other changes"). */
export const isTargetChange = (c: ChangeItem): boolean =>
  c.fields.some((f) => f === 'target' || f === 'baseline');

/** A KPI's counter-metric, given as a metric name or as {metric, tolerance}. */
export const counterMetricOf = (
  def: KpiDef | undefined,
): { readonly metric: string; readonly tolerance?: number } | undefined => {
  const c = def?.counter_metric;
  return typeof c === 'string' ? { metric: c } : c;
};
