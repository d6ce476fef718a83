// The KPI form as plain strings, and the requests built from it: the whole KPI for
// POST /api/kpis, only the changed fields for PATCH /api/kpis/{name}. Pure.
// Invariants: an empty input means "not set" (null in a patch removes the field); a number
// that does not parse is sent as typed so the server's validator names the problem; the
// target is patched field by field, the baseline replaced whole (as the API merges them).

import type { KpiDef } from '../../api/api-types';

export const TARGET_KINDS = ['reach', 'cumulative', 'stay_above', 'stay_below'] as const;
export const CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export const INDICATORS = ['leading', 'lagging'] as const;

export const TARGET_KIND_HELP: Readonly<Record<(typeof TARGET_KINDS)[number], string>> = {
  reach: 'Reach: get the metric to this level by the deadline.',
  cumulative: 'Cumulative: add up to this total over the goal period.',
  stay_above: 'Stay above: a floor the metric must not fall below at any time.',
  stay_below: 'Stay below: a ceiling the metric must not rise above at any time.',
};

export type BaselineMode = 'none' | 'value' | 'range';

export interface KpiForm {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly metric: string;
  readonly goal: string;
  /** '' = no target. */
  readonly targetKind: string;
  readonly targetValue: string;
  readonly deadline: string;
  readonly tolerance: string;
  readonly baselineMode: BaselineMode;
  readonly baselineValue: string;
  readonly baselineFrom: string;
  readonly baselineTo: string;
  readonly owner: string;
  readonly cadence: string;
  readonly indicator: string;
  readonly counterMetric: string;
  readonly reason: string;
}

/** Every field key an issue can be placed on (paths of the API's KPI shape). */
export const KPI_FIELDS: readonly string[] = [
  'name',
  'label',
  'description',
  'metric',
  'goal',
  'target',
  'target.kind',
  'target.value',
  'target.deadline',
  'target.tolerance',
  'baseline',
  'baseline.value',
  'baseline.from',
  'baseline.to',
  'owner',
  'cadence',
  'indicator',
  'counter_metric',
  'reason',
];

const str = (v: number | undefined): string => (v === undefined ? '' : String(v));

export const kpiFormOf = (k: KpiDef | undefined, goal = ''): KpiForm => {
  const b = k?.baseline;
  const cm = k?.counter_metric;
  return {
    name: k?.name ?? '',
    label: k?.label ?? '',
    description: k?.description ?? '',
    metric: k?.metric ?? '',
    goal: k?.goal ?? goal,
    targetKind: k?.target?.kind ?? '',
    targetValue: str(k?.target?.value),
    deadline: k?.target?.deadline ?? '',
    tolerance: str(k?.target?.tolerance),
    baselineMode: b?.value !== undefined ? 'value' : b?.from !== undefined ? 'range' : 'none',
    baselineValue: str(b?.value),
    baselineFrom: b?.from ?? '',
    baselineTo: b?.to ?? '',
    owner: k?.owner ?? '',
    cadence: k?.cadence ?? '',
    indicator: k?.indicator ?? '',
    counterMetric: typeof cm === 'string' ? cm : (cm?.metric ?? ''),
    reason: '',
  };
};

/** A number as typed: the number when it parses, else the text (the server explains). */
export const numberOrText = (s: string): number | string => {
  const t = s.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
};

const targetOf = (f: KpiForm): Record<string, unknown> | undefined => {
  if (f.targetKind === '') return undefined;
  const t: Record<string, unknown> = { kind: f.targetKind, value: numberOrText(f.targetValue) };
  if (f.deadline !== '') t['deadline'] = f.deadline;
  if (f.tolerance.trim() !== '') t['tolerance'] = numberOrText(f.tolerance);
  return t;
};

const baselineOf = (f: KpiForm): Record<string, unknown> | undefined =>
  f.baselineMode === 'value'
    ? { value: numberOrText(f.baselineValue) }
    : f.baselineMode === 'range'
      ? { from: f.baselineFrom, to: f.baselineTo }
      : undefined;

/** The body of POST /api/kpis. */
export const newKpiBody = (f: KpiForm): Record<string, unknown> => {
  const body: Record<string, unknown> = { name: f.name.trim(), metric: f.metric, goal: f.goal };
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== '') body[k] = v;
  };
  put('label', f.label.trim());
  put('description', f.description.trim());
  put('target', targetOf(f));
  put('baseline', baselineOf(f));
  put('owner', f.owner.trim());
  put('cadence', f.cadence);
  put('indicator', f.indicator);
  put('counter_metric', f.counterMetric);
  put('reason', f.reason.trim());
  return body;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The body of PATCH /api/kpis/{name}: only what differs from `before` (empty when nothing). */
export const kpiPatchBody = (before: KpiForm, f: KpiForm, original: KpiDef): Record<string, unknown> => {
  const patch: Record<string, unknown> = {};
  const text = (key: string, a: string, b: string) => {
    if (a.trim() !== b.trim()) patch[key] = b.trim() === '' ? null : b.trim();
  };
  text('label', before.label, f.label);
  text('description', before.description, f.description);
  text('owner', before.owner, f.owner);
  text('cadence', before.cadence, f.cadence);
  text('indicator', before.indicator, f.indicator);
  if (f.metric !== before.metric) patch['metric'] = f.metric;
  if (f.goal !== before.goal) patch['goal'] = f.goal;

  const tBefore = targetOf(before);
  const tAfter = targetOf(f);
  if (tAfter === undefined) {
    if (tBefore !== undefined) patch['target'] = null;
  } else if (tBefore === undefined) patch['target'] = tAfter;
  else {
    const changed: Record<string, unknown> = Object.fromEntries(
      Object.entries(tAfter).filter(([k, v]) => !same(tBefore[k], v)),
    );
    // A deadline or tolerance emptied in the form goes back to its default: null removes it.
    for (const k of ['deadline', 'tolerance'])
      if (tBefore[k] !== undefined && tAfter[k] === undefined) changed[k] = null;
    if (Object.keys(changed).length > 0) patch['target'] = changed;
  }

  const bBefore = baselineOf(before);
  const bAfter = baselineOf(f);
  if (!same(bBefore, bAfter)) patch['baseline'] = bAfter ?? null;

  if (f.counterMetric !== before.counterMetric) {
    const old = original.counter_metric;
    patch['counter_metric'] =
      f.counterMetric === ''
        ? null
        : typeof old === 'object' && old.tolerance !== undefined
          ? { metric: f.counterMetric, tolerance: old.tolerance }
          : f.counterMetric;
  }
  if (Object.keys(patch).length > 0 && f.reason.trim() !== '') patch['reason'] = f.reason.trim();
  return patch;
};

/** True when the patch touches what the history must explain: the target or the baseline. */
export const needsReason = (patch: Readonly<Record<string, unknown>>): boolean =>
  'target' in patch || 'baseline' in patch;

/**
 * The "required" checks done before sending (everything else is the server's to judge).
 * Returns field key -> message.
 */
export const kpiRequired = (f: KpiForm, isNew: boolean, reasonNeeded: boolean): Record<string, string> => {
  const e: Record<string, string> = {};
  if (isNew && f.name.trim() === '') e['name'] = 'Enter a name for the KPI.';
  if (f.metric === '') e['metric'] = 'Choose the metric this KPI tracks.';
  if (f.goal === '') e['goal'] = 'Choose the goal this KPI belongs to.';
  if (f.targetKind !== '' && f.targetValue.trim() === '') e['target.value'] = 'Enter the target value.';
  if (f.baselineMode === 'value' && f.baselineValue.trim() === '')
    e['baseline.value'] = 'Enter the baseline value, or choose "No baseline".';
  if (f.baselineMode === 'range') {
    if (f.baselineFrom === '') e['baseline.from'] = 'Enter the first day of the baseline range.';
    if (f.baselineTo === '') e['baseline.to'] = 'Enter the last day of the baseline range.';
  }
  if (reasonNeeded && f.reason.trim() === '')
    e['reason'] = 'Give a reason: the target or baseline changed, and the reason is kept in the history.';
  return e;
};
