// Words for the KPI page: a recorded target, a baseline, review decisions, grains.
// Pure; every number goes through ui/format.ts.

import type { KpiDef, TargetDef, ValueFormat } from '../../api/api-types';
import { fmt, fmtDate, fmtSignedChange } from '../../ui/format';
import { targetInWords } from '../../ui/target-words';

/** A target value recorded in the history (unknown JSON) in words, or "none". */
export const recordedTargetInWords = (t: unknown, format: ValueFormat): string => {
  if (typeof t !== 'object' || t === null) return 'none';
  const o = t as Record<string, unknown>;
  if (typeof o['kind'] !== 'string' || typeof o['value'] !== 'number') return JSON.stringify(t);
  const words = targetInWords(
    {
      kind: o['kind'] as TargetDef['kind'],
      value: o['value'],
      deadline: typeof o['deadline'] === 'string' ? o['deadline'] : undefined,
    },
    format,
  );
  const tol = typeof o['tolerance'] === 'number' && o['tolerance'] > 0 ? o['tolerance'] : undefined;
  return tol === undefined ? words : `${words} (±${fmt(tol, { unit: 'percent' })} tolerance)`;
};

/** A baseline (a value, or a date range the value is measured over) in words. */
export const baselineInWords = (b: unknown, format: ValueFormat): string => {
  if (typeof b !== 'object' || b === null) return 'none';
  const o = b as NonNullable<KpiDef['baseline']>;
  const parts: string[] = [];
  if (typeof o.value === 'number') parts.push(fmt(o.value, format));
  if (o.from || o.to) parts.push(`measured ${fmtDate(o.from)} – ${fmtDate(o.to)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
};

export const REVIEW_DECISIONS = ['keep', 'adjust', 'replace', 'retire', 'note'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** One line per decision, shown next to the choice. */
export const DECISION_HELP: Readonly<Record<ReviewDecision, string>> = {
  keep: 'Keep: the KPI still measures what matters; no change.',
  adjust: 'Adjust: keep the KPI but change its target, baseline or definition.',
  replace: 'Replace: another metric would measure the goal better.',
  retire: 'Retire: the KPI no longer serves the goal; stop tracking it.',
  note: 'Note: a remark for the record, without a decision.',
};

export const DECISION_LABEL: Readonly<Record<string, string>> = {
  keep: 'Keep',
  adjust: 'Adjust',
  replace: 'Replace',
  retire: 'Retire',
  note: 'Note',
};

export const GRAIN_ADJECTIVE: Readonly<Record<string, string>> = {
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
  quarter: 'Quarterly',
  year: 'Yearly',
};

export const GRAIN_PLURAL: Readonly<Record<string, string>> = {
  day: 'days',
  week: 'weeks',
  month: 'months',
  quarter: 'quarters',
  year: 'years',
};

/** "2026-11-09".."2026-11-14" -> "9 Nov 2026 – 14 Nov 2026" (one day: just the date). */
export const fmtRange = (start: string, end: string): string =>
  start === end ? fmtDate(start) : `${fmtDate(start)} – ${fmtDate(end)}`;

/** fmtSignedChange without a sign on a change that rounds to zero ("0 pp", not "−0 pp"). */
export const fmtChange = (v: number | null | undefined, format: ValueFormat): string => {
  const s = fmtSignedChange(v, format);
  return /[1-9]/.test(s) ? s : s.replace(/^[+−]/, '');
};
