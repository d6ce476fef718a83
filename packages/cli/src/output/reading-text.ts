// Small text pieces shared by the scorecard views: status badges (a word, plus colour
// when the terminal has it), sparklines, signed changes, fitting text to a column. Pure
// apart from reading the colour flag. Invariant: status is never shown by colour alone.

import { formatChange, formatDay, formatValue } from '@kpi/core';
import type { ComparisonReading, KpiReading, Sense, Status, ValueFormat } from '@kpi/app';
import { likelihoodText, percentText } from '@kpi/app';
import { paint, type CliContext } from '../cli-context.js';

const STATUS_STYLE: Readonly<Record<Status, { word: string; mark: string; code: number }>> = {
  achieved: { word: 'ACHIEVED', mark: '✔', code: 32 },
  on_track: { word: 'ON TRACK', mark: '●', code: 32 },
  at_risk: { word: 'AT RISK', mark: '▲', code: 33 },
  off_track: { word: 'OFF TRACK', mark: '✖', code: 31 },
  missed: { word: 'MISSED', mark: '✖', code: 31 },
  no_data: { word: 'NO DATA', mark: '○', code: 2 },
  no_target: { word: 'NO TARGET', mark: '○', code: 2 },
};

export const statusBadge = (ctx: CliContext, s: Status): string => {
  const st = STATUS_STYLE[s];
  return paint(ctx, st.code, `${st.mark} ${st.word}`);
};

const SENSE_CODE: Readonly<Record<Sense, number>> = { better: 32, worse: 31, flat: 2, unknown: 2 };

export const senseWord = (ctx: CliContext, s: Sense): string =>
  s === 'unknown' ? '' : paint(ctx, SENSE_CODE[s], s === 'flat' ? 'flat' : s);

export const fmt = (x: number | null | undefined, f: ValueFormat, compact = true): string =>
  formatValue(x, { ...f, compact });

/** A change in the metric's unit: "+1,234", "−$56.00", "+5.1 pp" for percent metrics. */
export const signedValue = (x: number | null, f: ValueFormat): string =>
  formatChange(x, { ...f, compact: true });

export const signedPercent = (x: number | null): string =>
  x === null ? '—' : x > 0 ? `+${percentText(x)}` : x < 0 ? `−${percentText(-x)}` : '0%';

/** "−37% (worse)", "+12 (better)" when there is no relative change, "+5.1 pp" for percent metrics. */
export const changeText = (ctx: CliContext, c: ComparisonReading, f: ValueFormat): string => {
  const main =
    c.changeRelative !== null && f.unit !== 'percent'
      ? signedPercent(c.changeRelative)
      : signedValue(c.change, f);
  const sense = senseWord(ctx, c.sense);
  return sense ? `${main} ${sense}` : main;
};

/** A grain for people: 'fiscal_quarter' -> 'fiscal quarter'. */
export const grainWord = (g: string): string => g.replace('_', ' ');

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A sparkline of the values (missing values as a space), scaled from the minimum to the
 * maximum of the complete periods; an unfinished last period (`partialLast`) is drawn as
 * "·", never as a drop.
 */
export const sparkline = (values: readonly (number | null)[], partialLast = false): string => {
  if (partialLast && values.length > 0) return sparkline(values.slice(0, -1)) + '·';
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return '';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const i = hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1));
      return BARS[i] ?? ' ';
    })
    .join('');
};

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export const visibleLength = (s: string): number => [...s.replace(ANSI, '')].length;

/** Pads (or cuts, with …) a line to `width` visible characters. */
export const fit = (s: string, width: number): string => {
  const len = visibleLength(s);
  if (len <= width) return s + ' '.repeat(width - len);
  const plain = [...s.replace(ANSI, '')];
  return plain.slice(0, Math.max(0, width - 1)).join('') + '…';
};

/** Words wrapped to `width` columns. */
export const wrap = (text: string, width: number): string[] => {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && visibleLength(line) + 1 + visibleLength(w) > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
};

/** "Forecast 2,075 by 31 Dec (80%: 1,713–2,438) · 54% likely to hit the target", or undefined. */
export const forecastText = (k: KpiReading): string | undefined => {
  const fc = k.forecast;
  const t = k.target;
  if (!fc || !t) return undefined;
  const what = t.kind === 'cumulative' ? 'total' : t.kind === 'reach' ? 'at' : 'around';
  // Counts are forecast as whole things.
  const n = (x: number) => (k.format.unit === 'count' ? Math.round(x) : x);
  return `forecast ${what} ${fmt(n(fc.atDeadline), k.format)} by ${formatDay(t.deadline, k.asOf.slice(0, 4))} (80%: ${fmt(n(fc.low80), k.format)}–${fmt(n(fc.high80), k.format)}) · ${likelihoodText(fc.probability)} likely to hit the target`;
};

/** Counts are expected as whole things: a band of 12.6–25.2 leads reads 13–25. */
export const whole = (k: KpiReading, x: number): number => (k.format.unit === 'count' ? Math.round(x) : x);

/** "2 unusual days: 13 Nov low (12, expected 30–55), ..." or undefined. */
export const anomalyText = (k: KpiReading): string | undefined => {
  const a = k.anomalies ?? [];
  const s = k.levelShifts ?? [];
  const parts: string[] = [];
  if (a.length)
    parts.push(
      `${a.length} unusual day${a.length === 1 ? '' : 's'}: ${a
        .slice(0, 3)
        .map(
          (x) =>
            `${formatDay(x.date)} ${x.direction} (${fmt(x.value, k.format)}, expected ${fmt(whole(k, x.expectedLow), k.format)}–${fmt(whole(k, x.expectedHigh), k.format)})`,
        )
        .join(', ')}${a.length > 3 ? ', …' : ''}`,
    );
  if (s.length) parts.push(`level shift on ${formatDay(s[s.length - 1]?.date ?? '')}`);
  return parts.length ? parts.join('; ') : undefined;
};
