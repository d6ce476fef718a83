// One sentence per KPI, written the way an analyst would say it, e.g.
// "Qualified leads: 312 of 500 by 31 Mar (62%), 8% behind pace; +14% on last week;
// LinkedIn ads produced 58% of the rise (26 → 30)." Pure and deterministic: the same
// reading always gives the same words; every number goes through the one formatter;
// members are named by their YAML label when they have one; percent metrics change in
// percentage points; a young period's headline is the last complete period, with the
// current one "so far (3 of 7 days)".

import { formatChange, formatDay, formatPair, formatValue, plural, type PeriodGrain } from '@kpi/core';
import type {
  CauseReading,
  ComparisonReading,
  Driver,
  Status,
  TargetReading,
  ValueFormat,
} from './kpi-reading.js';

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
  /** The current period to date, when the headline is the last complete period. */
  readonly soFar?: {
    readonly value: number | null;
    readonly elapsedDays: number;
    readonly totalDays: number;
  };
  /** Why there is no verdict despite a value (too little volume). */
  readonly verdictNote?: string;
}

const v = (x: number, f: ValueFormat): string => formatValue(x, { ...f, compact: true });

/** A fraction as a whole percent ("62%"), with one decimal below 10% ("3.4%"). */
export const percentText = (x: number): string => {
  const p = x * 100;
  const rounded = Math.abs(p) < 10 ? Math.round(p * 10) / 10 : Math.round(p);
  return `${formatValue(rounded, { unit: 'count', decimals: Number.isInteger(rounded) ? 0 : 1 })}%`;
};

const signed = (x: number, text: string): string =>
  x > 0 ? `+${text}` : x < 0 ? text.replace(/^-/, '−') : text;

export const GRAIN_WORD: Readonly<Record<PeriodGrain, string>> = {
  fiscal_quarter: 'quarter',
  fiscal_year: 'year',
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/** "this week", "this week so far", or "last week" when the headline is the last complete period. */
const nowWords = (n: NarrativeInput): string =>
  n.soFar ? `last ${GRAIN_WORD[n.grain]}` : `this ${GRAIN_WORD[n.grain]}${n.partial ? ' so far' : ''}`;

/** "so far this week 12 (3 of 7 days)". */
const soFarPart = (n: NarrativeInput): string =>
  n.soFar
    ? `so far this ${GRAIN_WORD[n.grain]} ${n.soFar.value === null ? 'no data' : v(n.soFar.value, n.format)} (${n.soFar.elapsedDays} of ${plural(n.soFar.totalDays, 'day')})`
    : '';

const targetPart = (n: NarrativeInput, t: TargetReading): string => {
  const f = n.format;
  const year = n.asOf.slice(0, 4);
  const by = `by ${formatDay(t.deadline, year)}`;
  const now = nowWords(n);
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
      // A stay kind is judged over the goal period (docs/verdict.md), not the headline
      // period: the sentence names that period, "so far" until its deadline has passed.
      const now = n.asOf < t.deadline ? 'over the goal period so far' : 'over the goal period';
      const ok = (t.behind ?? 0) <= 0;
      const side = floor ? (ok ? 'above' : 'below') : ok ? 'under' : 'over';
      // The value and the limit never read the same when they differ (0.018% below 0.020%).
      const [actual, lim] = formatPair(t.actual, t.value, { ...f, compact: true });
      const limit = `${side} the ${floor ? 'floor' : 'ceiling'} of ${lim}`;
      const by2 = !ok && t.behind !== null && Number.isFinite(t.behind) ? ` by ${percentText(t.behind)}` : '';
      if (n.status === 'missed' || n.status === 'achieved')
        return `${actual} ${now}, target ${n.status === 'achieved' ? 'met' : 'missed'} (${floor ? 'floor' : 'ceiling'} ${lim})`;
      return `${actual} ${now}, ${limit}${by2}`;
    }
  }
};

const comparisonPart = (n: NarrativeInput, c: ComparisonReading): string => {
  const last = n.soFar ? `the ${GRAIN_WORD[n.grain]} before` : `last ${GRAIN_WORD[n.grain]}`;
  const what = c.aligned
    ? `the same ${n.elapsedDays === 1 ? 'day' : `${n.elapsedDays} days`} of last ${GRAIN_WORD[n.grain]}`
    : last;
  if (c.thin)
    return `no comparison with ${last}: it holds data on only ${plural(c.thin.daysWithData, 'day')}`;
  if (n.format.unit === 'percent' && c.change !== null) {
    if (c.changeRelative !== null && Math.abs(c.changeRelative) < 0.005) return `flat on ${what}`;
    return `${formatChange(c.change, n.format)} on ${what}`;
  }
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

/** A member as people call it: its label, else "meta_ads (channel)". */
export const memberName = (d: {
  readonly member: string;
  readonly label?: string;
  readonly dimension: string;
  readonly dimensionLabel?: string;
}): string => d.label ?? `${d.member} (${d.dimensionLabel ?? d.dimension})`;

/** True when a ratio driver moved mostly through its own rate (else through its share of the denominator). */
const ownRate = (d: Driver): boolean =>
  d.method === 'additive' || Math.abs(d.rate ?? 0) >= Math.abs(d.mix ?? 0);

/**
 * A driver's before and after, " (92 → 109)": its own value (additive) or rate, or its
 * share of the denominator when that is what moved; `lead` goes first inside the brackets.
 */
export const driverFromTo = (d: Driver, f: ValueFormat, lead = ''): string => {
  const [a, b, g] = ownRate(d)
    ? [d.previous, d.current, f]
    : [d.weightPrevious, d.weightCurrent, { unit: 'percent' } as const];
  if (a === null || a === undefined || b === null || b === undefined) return '';
  const [x, y] = formatPair(a, b, { ...g, compact: true });
  return ` (${lead}${x} → ${y})`;
};

const causePart = (n: NarrativeInput, cause: CauseReading): string => {
  if (cause.noise) return 'no meaningful change';
  const d = cause.drivers[0];
  if (!d || cause.change === null || cause.change === 0) return '';
  const move = cause.change > 0 ? 'rise' : 'drop';
  const effect = signed(d.effect, v(d.effect, n.format));
  const share =
    d.shareOfChange === null
      ? `${effect}`
      : d.shareOfChange > 1.005
        ? `more than the whole ${move}`
        : `${percentText(d.shareOfChange)} of the ${move}`;
  const who = memberName(d);
  // "(92 → 109)", with the effect first when the share says "more than the whole": "(+17, 92 → 109)".
  const lead = d.shareOfChange !== null && d.shareOfChange > 1.005 ? `${effect}, ` : '';
  const own = ownRate(d);
  const up = (a: number | null | undefined, b: number | null | undefined): boolean => (b ?? 0) >= (a ?? 0);
  const fromTo = driverFromTo(d, n.format, lead);
  let text =
    d.method === 'additive'
      ? `${who} ${cause.change > 0 ? 'produced' : 'accounted for'} ${share}${fromTo}`
      : `${who} drove ${share}, mostly because ${
          own
            ? `its own ${inSentence(n.label)} ${up(d.previous, d.current) ? 'rose' : 'fell'}${fromTo}`
            : `it got a ${up(d.weightPrevious, d.weightCurrent) ? 'larger' : 'smaller'} share of ${inSentence(n.denominatorLabel ?? 'the base')}${fromTo}`
        }`;
  const note = d.annotations[0];
  if (note) text += ` — ${note.title}`;
  return text;
};

export const kpiSentence = (n: NarrativeInput): string => {
  const parts: string[] = [];
  if (n.target) parts.push(targetPart(n, n.target));
  else parts.push(n.value === null ? 'no data' : `${v(n.value, n.format)} ${nowWords(n)}`);
  if (n.verdictNote) parts.push(n.verdictNote);
  parts.push(soFarPart(n));
  if (n.previous) parts.push(comparisonPart(n, n.previous));
  parts.push(causePart(n, n.cause));
  return `${n.label}: ${parts.filter((p) => p.length > 0).join('; ')}.`;
};
