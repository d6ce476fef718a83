// The report's words for one KPI reading: target, pace, comparison, cause, annotation and
// forecast, each a short line. Pure. Invariants: every number goes through core's
// formatter (formatValue / formatChange / formatPair) or the scorecard's percentText; a
// member is named by its label (memberName); a probability reads as the verdict says it.

import { formatChange, formatDay, formatPair, formatValue, plural } from '@kpi/core';
import {
  GRAIN_WORD,
  driverFromTo,
  likelihoodText,
  memberName,
  percentText,
  type ComparisonReading,
  type KpiReading,
  type TargetReading,
  type ValueFormat,
} from '@kpi/scorecard';
import type { PaceBarView } from './report-model.js';

export const fmt = (x: number | null | undefined, f: ValueFormat): string => formatValue(x, f);

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

export const STATUS_TEXT = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  missed: 'missed',
  no_data: 'no data',
  no_target: 'no target',
} as const;

/** "Reach 2,050 in total by 31 Dec 2026", "Stay above 1.30%". */
export const targetText = (
  t: Pick<TargetReading, 'kind' | 'value'> & { readonly deadline?: string },
  f: ValueFormat,
): string => {
  const v = fmt(t.value, f);
  const by = t.deadline ? ` by ${formatDay(t.deadline, '')}` : '';
  switch (t.kind) {
    case 'reach':
      return `Reach ${v}${by}`;
    case 'cumulative':
      return `Reach ${v} in total${by}`;
    case 'stay_above':
      return `Stay above ${v}`;
    case 'stay_below':
      return `Stay below ${v}`;
  }
};

/** The pace line and the bar beside it (the same reading as the web card's pace bar). */
export const paceOf = (r: KpiReading): { readonly text: string | null; readonly bar: PaceBarView | null } => {
  const t = r.target;
  if (!t) return { text: null, bar: null };
  const f = r.format;
  if (t.kind === 'reach' || t.kind === 'cumulative') {
    if (t.progress === null) return { text: null, bar: null };
    const base = t.baseline ?? 0;
    const span = t.value - base;
    const expected = t.expected !== null && span !== 0 ? (t.expected - base) / span : null;
    const ahead = expected === null ? null : t.progress >= expected;
    const text =
      `${percentText(t.progress)} of the way to ${fmt(t.value, f)}` +
      (expected === null ? '' : ` · the path expects ${percentText(clamp01(expected))} today`);
    return {
      text,
      bar: { fill: clamp01(t.progress), marker: expected === null ? null : clamp01(expected), ahead },
    };
  }
  const value = t.actual;
  if (value === null) return { text: null, bar: null };
  const above = t.kind === 'stay_above';
  const word = above ? 'floor' : 'ceiling';
  const top = Math.max(value, t.value, 0) * 1.25 || 1;
  const ok = above ? value >= t.value : value <= t.value;
  const [a, b] = formatPair(value, t.value, f);
  return {
    text: `${a} over the goal period against a ${word} of ${b} (${formatChange(value - t.value, f)})`,
    bar: { fill: clamp01(value / top), marker: clamp01(t.value / top), ahead: ok },
  };
};

const COMPARED: Readonly<Record<ComparisonReading['kind'], string>> = {
  previous_period: 'the previous',
  same_period_last_year: 'the same',
};

/** "+12% on the previous week (1,234 → 1,382)"; "−0.4 pp on the same week last year (…)". */
export const comparisonText = (r: KpiReading, c: ComparisonReading | undefined): string | null => {
  if (!c) return null;
  const grain = GRAIN_WORD[r.grain];
  const what =
    c.kind === 'previous_period'
      ? `${COMPARED[c.kind]} ${grain}${c.aligned ? ` (its first ${plural(c.days, 'day')})` : ''}`
      : `${COMPARED[c.kind]} ${grain} last year`;
  if (c.thin)
    return `No comparison with ${what}: it holds data on only ${plural(c.thin.daysWithData, 'day')}`;
  if (c.value === null || c.change === null || r.current.value === null) return `No value for ${what}`;
  const [before, now] = formatPair(c.value, r.current.value, r.format);
  const change =
    r.format.unit !== 'percent' && c.changeRelative !== null
      ? `${c.changeRelative > 0 ? '+' : c.changeRelative < 0 ? '−' : ''}${percentText(Math.abs(c.changeRelative))}`
      : formatChange(c.change, r.format);
  return `${change} on ${what} (${before} → ${now})`;
};

/** The cause in one sentence: the member that moved the KPI most, or why none is named. */
export const causeText = (r: KpiReading): string | null => {
  const cause = r.cause;
  if (cause.noise)
    return `No meaningful change: within the usual ${percentText(cause.noise.usualChange)} between periods`;
  const d = cause.drivers[0];
  if (!d || cause.change === null || cause.change === 0) return cause.note ? capital(cause.note) : null;
  const move = cause.change > 0 ? 'rise' : 'drop';
  const effect = formatChange(d.effect, r.format);
  const share =
    d.shareOfChange === null
      ? effect
      : d.shareOfChange > 1.005
        ? `more than the whole ${move}`
        : `${percentText(d.shareOfChange)} of the ${move}`;
  // "(+17, 92 → 109)": the effect first when the share says "more than the whole".
  const lead = d.shareOfChange !== null && d.shareOfChange > 1.005 ? `${effect}, ` : '';
  const verb = d.method === 'additive' ? (cause.change > 0 ? 'produced' : 'accounted for') : 'drove';
  return `${memberName(d)} ${verb} ${share}${driverFromTo(d, r.format, lead)}`;
};

/** The annotation beside the cause: the driver's own, else one in the period. */
export const annotationText = (r: KpiReading): string | null => {
  const a = r.cause.drivers[0]?.annotations[0] ?? r.annotations[0];
  return a ? `${formatDay(a.date, '')}: ${a.title}` : null;
};

const whole = (v: number, f: ValueFormat): number => (f.unit === 'count' ? Math.round(v) : v);

export const forecastText = (r: KpiReading): string | null => {
  const fc = r.forecast;
  if (!fc) return r.forecastNote ? `No forecast: ${r.forecastNote}` : null;
  const f = r.format;
  const by = r.target ? ` by ${formatDay(r.target.deadline, '')}` : '';
  return `${fmt(whole(fc.atDeadline, f), f)}${by} (80%: ${fmt(whole(fc.low80, f), f)}–${fmt(whole(fc.high80, f), f)})`;
};

export const probabilityText = (r: KpiReading): string | null =>
  r.forecast && Number.isFinite(r.forecast.probability) ? likelihoodText(r.forecast.probability) : null;

export const capital = (s: string): string => (s.length === 0 ? s : s[0]?.toUpperCase() + s.slice(1));
