// One sentence per KPI, written the way an analyst would say it, e.g.
// "Qualified leads: 312 of 500 by 31 Mar (62%), 8% behind pace; +14% on last week;
// linkedin_ads (channel) produced 58% of the rise." Pure and deterministic: the same
// reading always gives the same words; every number goes through formatValue.

import { formatDay, formatValue, type PeriodGrain } from '@kpi/core';
import type { CauseReading, ComparisonReading, Status, TargetReading, ValueFormat } from './kpi-reading.js';

export interface NarrativeInput {
  readonly label: string;
  readonly format: ValueFormat;
  readonly asOf: string;
  readonly grain: PeriodGrain;
  readonly partial: boolean;
  readonly elapsedDays: number;
  readonly value: number | null;
  readonly status: Status;
  readonly target?: TargetReading;
  readonly previous?: ComparisonReading;
  readonly cause: CauseReading;
  /** Label of a ratio's denominator ("ad spend"), for "through its share of ...". */
  readonly denominatorLabel?: string;
  readonly direction: 'higher' | 'lower';
}

const v = (x: number, f: ValueFormat): string =>
  formatValue(x, { unit: f.unit, compact: true, ...(f.currency ? { currency: f.currency } : {}) });

/** A fraction as a whole percent ("62%"), with one decimal below 10% ("3.4%"). */
export const percentText = (x: number): string => {
  const p = x * 100;
  const rounded = Math.abs(p) < 10 ? Math.round(p * 10) / 10 : Math.round(p);
  return `${formatValue(rounded, { unit: 'count' })}%`;
};

const signed = (x: number, text: string): string =>
  x > 0 ? `+${text}` : x < 0 ? text.replace(/^-/, '−') : text;

const GRAIN_WORD: Readonly<Record<PeriodGrain, string>> = {
  fiscal_quarter: 'quarter',
  fiscal_year: 'year',
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

const targetPart = (n: NarrativeInput, t: TargetReading): string => {
  const f = n.format;
  const year = n.asOf.slice(0, 4);
  const by = `by ${formatDay(t.deadline, year)}`;
  const now = `this ${GRAIN_WORD[n.grain]}${n.partial ? ' so far' : ''}`;
  if (t.actual === null) return `no data ${now}`;
  const pace = (word: string): string => {
    if (t.behind === null || !Number.isFinite(t.behind)) return '';
    if (Math.abs(t.behind) < 0.005) return `, on ${word}`;
    const lower = n.direction === 'lower' && t.kind !== 'stay_above' && t.kind !== 'stay_below';
    const ahead = t.behind < 0;
    const side = lower ? (ahead ? 'under' : 'over') : ahead ? 'ahead of' : 'behind';
    return `, ${percentText(Math.abs(t.behind))} ${side} ${word}`;
  };
  switch (t.kind) {
    case 'cumulative': {
      const head = `${v(t.actual, f)} of ${v(t.value, f)} ${by}${t.progress === null ? '' : ` (${percentText(t.progress)})`}`;
      if (n.status === 'achieved' || n.status === 'missed')
        return `${head}, target ${n.status === 'achieved' ? 'reached' : 'missed'}`;
      return head + pace('pace');
    }
    case 'reach': {
      const head = `${v(t.actual, f)} ${now}, aiming for ${v(t.value, f)} ${by}`;
      const prog =
        t.progress === null || t.baseline === null
          ? ''
          : ` (${percentText(t.progress)} of the way from ${v(t.baseline, f)})`;
      if (n.status === 'achieved' || n.status === 'missed')
        return `${head}${prog}, target ${n.status === 'achieved' ? 'reached' : 'missed'}`;
      return head + prog + pace('the path');
    }
    case 'stay_above':
    case 'stay_below': {
      const floor = t.kind === 'stay_above';
      const ok = (t.behind ?? 0) <= 0;
      const side = floor ? (ok ? 'above' : 'below') : ok ? 'under' : 'over';
      const limit = `${side} the ${floor ? 'floor' : 'ceiling'} of ${v(t.value, f)}`;
      const by2 = !ok && t.behind !== null && Number.isFinite(t.behind) ? ` by ${percentText(t.behind)}` : '';
      return `${v(t.actual, f)} ${now}, ${limit}${by2}`;
    }
  }
};

const comparisonPart = (n: NarrativeInput, c: ComparisonReading): string => {
  const what = c.aligned
    ? `the same ${n.elapsedDays === 1 ? 'day' : `${n.elapsedDays} days`} of last ${GRAIN_WORD[n.grain]}`
    : `last ${GRAIN_WORD[n.grain]}`;
  if (c.changeRelative !== null) {
    if (Math.abs(c.changeRelative) < 0.005) return `flat on ${what}`;
    return `${signed(c.changeRelative, percentText(c.changeRelative))} on ${what}`;
  }
  if (c.change !== null) return `${signed(c.change, v(c.change, n.format))} on ${what}`;
  return '';
};

/** "Ad spend" -> "ad spend", but "CTR" stays. */
const inSentence = (label: string): string =>
  /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;

const causePart = (n: NarrativeInput, cause: CauseReading): string => {
  const d = cause.drivers[0];
  if (!d || cause.change === null || cause.change === 0) return '';
  const move = cause.change > 0 ? 'rise' : 'drop';
  const effect = signed(d.effect, v(d.effect, n.format));
  const share =
    d.shareOfChange === null
      ? `${effect}`
      : d.shareOfChange > 1.005
        ? `more than the whole ${move} (${effect})`
        : `${percentText(d.shareOfChange)} of the ${move}`;
  const who = `${d.member} (${d.dimension})`;
  let text =
    d.method === 'additive'
      ? `${who} ${cause.change > 0 ? 'produced' : 'accounted for'} ${share}`
      : `${who} drove ${share}, mostly through ${
          Math.abs(d.rate ?? 0) >= Math.abs(d.mix ?? 0)
            ? 'its own rate'
            : `its share of ${inSentence(n.denominatorLabel ?? 'the base')}`
        }`;
  const note = d.annotations[0];
  if (note) text += ` (${note.title})`;
  return text;
};

export const kpiSentence = (n: NarrativeInput): string => {
  const parts: string[] = [];
  if (n.target) parts.push(targetPart(n, n.target));
  else
    parts.push(
      n.value === null
        ? 'no data'
        : `${v(n.value, n.format)} this ${GRAIN_WORD[n.grain]}${n.partial ? ' so far' : ''}`,
    );
  if (n.previous) parts.push(comparisonPart(n, n.previous));
  parts.push(causePart(n, n.cause));
  return `${n.label}: ${parts.filter((p) => p.length > 0).join('; ')}.`;
};
