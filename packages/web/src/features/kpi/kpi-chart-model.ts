// The KPI chart's data: one row per period (actual, target path, same period last year,
// forecast with its 80%/95% bands), the annotations as numbered markers, the anomalies on
// the periods that hold them, the deadline, and the x-axis ticks. Pure.
// Invariants: x is the period's start as UTC milliseconds of the calendar date (no time
// zone shift); the forecast line starts at the last actual before it so the two join;
// only real numbers are drawn (a missing value stays null, never 0).

import type { Annotation, AnomalyPoint, ForecastBand, KpiReading } from '../../api/api-types';
import { fmtDate } from '../../ui/format';

export type Band = readonly [number, number];

export interface ChartRow {
  readonly t: number;
  readonly start: string;
  readonly end: string;
  readonly label: string;
  readonly value: number | null;
  readonly partial: boolean;
  readonly target: number | null;
  readonly lastYear: number | null;
  readonly fc: number | null;
  readonly band80: Band | null;
  readonly band95: Band | null;
  /** Where to draw the anomaly marker (the period's value), when the period holds anomalies. */
  readonly anomaly: number | null;
  readonly anomalies: readonly AnomalyPoint[];
  /** Numbers of the annotation markers falling in this period. */
  readonly notes: readonly number[];
}

export interface ChartMarker {
  readonly n: number;
  readonly t: number;
  /** The last day of an annotation that spans days. */
  readonly tEnd: number | undefined;
  readonly annotation: Annotation;
}

/** One vertical line per day holding annotations, labelled with their numbers ("2,3"). */
export interface MarkerLine {
  readonly t: number;
  readonly label: string;
}

export type ForecastMode = 'band' | 'summary' | 'none';

export interface ChartModel {
  readonly rows: readonly ChartRow[];
  readonly markers: readonly ChartMarker[];
  readonly markerLines: readonly MarkerLine[];
  readonly deadline: { readonly t: number; readonly date: string } | undefined;
  /** The target value at the deadline, drawn as a dot (not for cumulative totals). */
  readonly targetDot: { readonly t: number; readonly value: number } | undefined;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly forecast: ForecastMode;
  readonly hasLastYear: boolean;
  readonly hasTarget: boolean;
  /** The lowest and highest number drawn (values, paths, bands, the target). */
  readonly extent: readonly [number, number];
}

const DAY = 86_400_000;

/** "2026-11-21" -> UTC ms of that calendar date. */
export const dayMs = (iso: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
};
export const isoOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The start of the same period a year earlier (52 weeks back for days and weeks). */
export const lastYearStart = (start: string, grain: string): string => {
  if (grain === 'day' || grain === 'week') return isoOf(dayMs(start) - 364 * DAY);
  return `${String(Number(start.slice(0, 4)) - 1).padStart(4, '0')}${start.slice(4)}`;
};

const DURATION_STEPS = [
  1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/** Y ticks for durations (seconds) on round minutes, hours or days, from 0 when the values are near it. */
export const durationTicks = (min: number, max: number, count = 5): number[] => {
  const lo = min > 0 && min < (max - min) * 0.5 ? 0 : min;
  const step =
    DURATION_STEPS.find((s) => (max - lo) / s <= count) ?? Math.ceil((max - lo) / count / 86_400) * 86_400;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t < max + step && ticks.length < 50; t += step) ticks.push(t);
  return ticks;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** First-of-month ticks inside the domain, thinned to at most `max`, Jan-aligned when thinned. */
export const monthTicks = (min: number, max: number, maxTicks = 7): number[] => {
  const all: number[] = [];
  const d = new Date(min);
  const y = d.getUTCFullYear();
  let m = d.getUTCMonth() + (d.getUTCDate() === 1 ? 0 : 1);
  for (let i = 0; i < 600; i++) {
    const t = Date.UTC(y + Math.floor(m / 12), m % 12, 1);
    if (t > max) break;
    all.push(t);
    m++;
  }
  const step = [1, 2, 3, 6, 12].find((s) => Math.ceil(all.length / s) <= maxTicks) ?? 12;
  return step === 1 ? all : all.filter((t) => new Date(t).getUTCMonth() % step === 0);
};

/** "Jun", or "Jan 2027" / the first tick with its year. */
export const tickLabel = (t: number, first = false): string => {
  const d = new Date(t);
  const mon = MONTHS[d.getUTCMonth()] ?? '';
  return first || d.getUTCMonth() === 0 ? `${mon} ${d.getUTCFullYear()}` : mon;
};

const scopeFits = (
  a: Annotation,
  dims: ReadonlySet<string>,
  filter: Readonly<Record<string, unknown>>,
): boolean =>
  Object.entries(a.scope ?? {}).every(([k, v]) => {
    if (!dims.has(k) && filter[k] === undefined) return false;
    const want = filter[k];
    if (want === undefined) return true;
    const given = Array.isArray(v) ? v.map(String) : [String(v)];
    const wanted = Array.isArray(want) ? want.map(String) : [String(want)];
    return given.some((g) => wanted.includes(g));
  });

/**
 * The annotations worth drawing on this KPI's chart: the reading's and its drivers', plus
 * project annotations in the chart's range whose scope (if any) is one of the KPI's dimensions.
 */
export const chartAnnotations = (
  reading: KpiReading,
  project: readonly Annotation[],
  range: { start: string; end: string },
  filter: Readonly<Record<string, unknown>> = {},
): Annotation[] => {
  const dims = new Set((reading.cause?.dimensions ?? []).map((d) => d.dimension));
  const inRange = (a: Annotation) => a.date <= range.end && (a.end ?? a.date) >= range.start;
  const all = [
    ...reading.annotations,
    ...(reading.cause?.drivers ?? []).flatMap((d) => d.annotations),
    ...project.filter((a) => inRange(a) && scopeFits(a, dims, filter)),
  ];
  const seen = new Set<string>();
  return all
    .filter((a) => {
      const k = `${a.date}|${a.title}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};

export interface ChartInput {
  readonly reading: KpiReading;
  readonly band: ForecastBand | undefined;
  readonly annotations: readonly Annotation[];
}

type MutableRow = { -readonly [K in keyof ChartRow]: ChartRow[K] };

const emptyRow = (start: string, end: string, label: string): MutableRow => ({
  t: dayMs(start),
  start,
  end,
  label,
  value: null,
  partial: false,
  target: null,
  lastYear: null,
  fc: null,
  band80: null,
  band95: null,
  anomaly: null,
  anomalies: [],
  notes: [],
});

export const buildChartModel = ({ reading, band, annotations }: ChartInput): ChartModel => {
  const byStart = new Map<string, MutableRow>();
  for (const p of reading.series) {
    byStart.set(p.start, {
      ...emptyRow(p.start, p.end, p.label),
      value: p.value,
      target: p.target,
      partial: p.partial,
    });
  }
  const lastActual = [...reading.series].reverse().find((p) => p.value !== null);
  const target = reading.target;
  const cumulative = target?.kind === 'cumulative';
  let forecast: ForecastMode = 'none';
  const points = band?.points ?? [];
  if (points.length > 0) {
    forecast = 'band';
    for (const p of points) {
      const row = byStart.get(p.start) ?? emptyRow(p.start, p.end, p.label);
      Object.assign(row, { fc: p.value, band80: [p.low80, p.high80], band95: [p.low95, p.high95] });
      byStart.set(p.start, row);
    }
    const firstFc = points[0]?.start ?? '';
    const join = [...byStart.values()]
      .filter((r) => r.start < firstFc && r.value !== null)
      .sort((a, b) => a.t - b.t)
      .pop();
    if (join && join.value !== null)
      Object.assign(join, {
        fc: join.value,
        band80: [join.value, join.value],
        band95: [join.value, join.value],
      });
  }
  const deadlineIso = target?.deadline ?? band?.deadline;
  // Without the band, a non-cumulative KPI's forecast summary is drawn from today's value to the deadline.
  const f = reading.forecast;
  if (forecast === 'none' && f && !cumulative && deadlineIso && lastActual?.value != null) {
    forecast = 'summary';
    const start = byStart.get(lastActual.start);
    const v = lastActual.value;
    if (start) Object.assign(start, { fc: v, band80: [v, v], band95: [v, v] });
    const row = byStart.get(deadlineIso) ?? emptyRow(deadlineIso, deadlineIso, fmtDate(deadlineIso));
    Object.assign(row, { fc: f.atDeadline, band80: [f.low80, f.high80], band95: [f.low95, f.high95] });
    byStart.set(deadlineIso, row);
  }
  // Same period last year, from the band's longer history and the series itself.
  const known = new Map<string, number>();
  for (const h of band?.history ?? []) if (h.value !== null) known.set(h.start, h.value);
  for (const p of reading.series) if (p.value !== null) known.set(p.start, p.value);
  for (const row of byStart.values())
    row.lastYear = known.get(lastYearStart(row.start, reading.grain)) ?? null;
  const actualRows = [...byStart.values()].filter((r) => r.value !== null);
  const hasLastYear =
    actualRows.length > 0 && actualRows.filter((r) => r.lastYear !== null).length >= actualRows.length / 2;
  if (!hasLastYear) for (const row of byStart.values()) row.lastYear = null;

  let rows = [...byStart.values()].sort((a, b) => a.t - b.t);
  // The target path runs on to the deadline for levels and limits (a cumulative path is per period).
  let targetDot: ChartModel['targetDot'];
  const deadlineT = deadlineIso ? dayMs(deadlineIso) : undefined;
  if (target && !cumulative && deadlineIso && deadlineT !== undefined) {
    const last = rows[rows.length - 1];
    if (last && last.t <= deadlineT) {
      const holder = rows.find((r) => r.start <= deadlineIso && r.end >= deadlineIso && r.value === null);
      const row = holder ?? emptyRow(deadlineIso, deadlineIso, fmtDate(deadlineIso));
      row.target = target.value;
      if (!holder) rows = [...rows, row].sort((a, b) => a.t - b.t);
      targetDot = { t: row.t, value: target.value };
    }
  }
  for (const a of reading.anomalies ?? []) {
    const row = rows.find((r) => r.start <= a.date && a.date <= r.end && r.value !== null);
    if (row) Object.assign(row, { anomaly: row.value, anomalies: [...row.anomalies, a] });
  }
  const first = rows[0]?.t ?? 0;
  const lastRow = rows[rows.length - 1];
  const max = Math.max(lastRow?.t ?? first, deadlineT ?? first);
  const markers: ChartMarker[] = [];
  for (const a of annotations) {
    const t = dayMs(a.date);
    if (Number.isNaN(t) || t < first || t > max) continue;
    const n = markers.length + 1;
    const tEnd = a.end === undefined ? undefined : Math.min(dayMs(a.end), max);
    markers.push({ n, t, tEnd: tEnd !== undefined && tEnd > t ? tEnd : undefined, annotation: a });
    const row = rows.find((r) => r.start <= a.date && a.date <= r.end);
    if (row) (row as MutableRow).notes = [...row.notes, n];
  }
  const drawn = rows.flatMap((r) => [r.value, r.target, r.lastYear, r.fc, ...(r.band95 ?? [])]);
  if (targetDot) drawn.push(targetDot.value);
  const nums = drawn.filter((v): v is number => v !== null && Number.isFinite(v));
  const extent: readonly [number, number] = nums.length > 0 ? [Math.min(...nums), Math.max(...nums)] : [0, 1];
  const markerLines: MarkerLine[] = [];
  for (const m of markers) {
    const same = markerLines.findIndex((l) => l.t === m.t);
    if (same < 0) markerLines.push({ t: m.t, label: String(m.n) });
    else markerLines[same] = { t: m.t, label: `${markerLines[same]?.label ?? ''},${m.n}` };
  }
  return {
    rows,
    markers,
    markerLines,
    deadline: deadlineIso && deadlineT !== undefined ? { t: deadlineT, date: deadlineIso } : undefined,
    targetDot,
    domain: [first, max],
    ticks: monthTicks(first, max),
    forecast,
    hasLastYear,
    hasTarget: rows.some((r) => r.target !== null),
    extent,
  };
};

/** A row with its value split for drawing: `complete` on the solid line, `soFar` on the dashed one. */
export type DrawnRow<R extends { readonly value: number | null; readonly partial: boolean }> = R & {
  readonly complete: number | null;
  readonly soFar: number | null;
};

/**
 * Splits the actual values so an unfinished period is never drawn as a drop of the solid
 * line: complete periods keep `complete`; the unfinished one, and the last complete one
 * before it (so the two join), carry `soFar`, drawn dashed with a hollow point.
 */
export const splitUnfinished = <R extends { readonly value: number | null; readonly partial: boolean }>(
  rows: readonly R[],
): DrawnRow<R>[] => {
  const join = new Set<number>();
  rows.forEach((r, i) => {
    if (!r.partial || r.value === null) return;
    for (let j = i - 1; j >= 0; j--) {
      const prev = rows[j];
      if (prev && prev.value !== null && !prev.partial) {
        join.add(j);
        break;
      }
    }
  });
  return rows.map((r, i) => ({
    ...r,
    complete: r.partial ? null : r.value,
    soFar: r.partial || join.has(i) ? r.value : null,
  }));
};
