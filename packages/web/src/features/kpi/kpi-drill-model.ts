// The drill-down on one member of a KPI's cause (e.g. channel = meta_ads): the POST
// /api/query bodies it sends, and the answers turned into the two tables it shows — the
// member's trend next to the KPI total (with its share per period) and its breakdown by
// each other dimension for the current period. Pure.
// Invariants: "share" is member / total for additive metrics; for a ratio it is the
// member's weight (its share of the ratio's denominator), never ratio / ratio. A value
// that is missing or not a finite number reads as null (shown as "—"), never as 0.

import type { SeriesPoint } from '../../api/api-types';
import { fmtDate } from '../../ui/format';

/** One column of a POST /api/query answer (server: queryOutSchema). */
export interface QueryColumn {
  readonly name: string;
  readonly role: 'period' | 'dimension' | 'metric';
  readonly unit?: string;
  readonly currency?: string;
}

/** The part of a POST /api/query answer the drill-down reads. */
export interface QueryAnswer {
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** The body of POST /api/query (server: queryBodySchema). */
export interface QueryBody {
  readonly metrics: readonly string[];
  readonly grain: string;
  readonly last: number;
  readonly where?: Readonly<Record<string, readonly string[]>>;
  readonly groupBy?: readonly string[];
}

/** What is being queried: the KPI's metric, and the ratio's denominator when it is one. */
export interface DrillMetric {
  readonly metric: string;
  /** The denominator of a ratio metric: the member's share is its share of this. */
  readonly weight?: string | undefined;
}

/** The chart's lines: the member (solid) and the KPI total (dashed). */
export const DRILL_COLORS = { member: '#1d4ed8', total: '#374151' } as const;

/** The number of periods in the trend. */
export const TREND_PERIODS = 12;

/** A KPI's `filter` (values a string or a list) as the query's `where` (lists of strings). */
export const whereOfFilter = (
  filter: Readonly<Record<string, unknown>> | undefined,
): Record<string, readonly string[]> => {
  const where: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(filter ?? {})) {
    if (v === null || v === undefined) continue;
    const list = (Array.isArray(v) ? (v as unknown[]) : [v]).filter((x) => x !== null && x !== undefined);
    if (list.length > 0) where[k] = list.map(String);
  }
  return where;
};

const metricsOf = (m: DrillMetric): string[] => (m.weight ? [m.metric, m.weight] : [m.metric]);

/**
 * The queries of one drill-down: the KPI total's trend, the member's trend, and the
 * member's current period grouped by each other dimension (in the order given).
 */
export const drillBodies = (spec: {
  readonly metric: DrillMetric;
  readonly grain: string;
  readonly filter: Readonly<Record<string, readonly string[]>>;
  readonly dimension: string;
  readonly member: string;
  readonly others: readonly string[];
}): { total: QueryBody; member: QueryBody; breakdowns: readonly QueryBody[] } => {
  const metrics = metricsOf(spec.metric);
  const totalWhere = Object.keys(spec.filter).length > 0 ? { where: spec.filter } : {};
  const memberWhere = { ...spec.filter, [spec.dimension]: [spec.member] };
  return {
    total: { metrics, grain: spec.grain, last: TREND_PERIODS, ...totalWhere },
    member: { metrics, grain: spec.grain, last: TREND_PERIODS, where: memberWhere },
    breakdowns: spec.others.map((d) => ({
      metrics,
      grain: spec.grain,
      last: 1,
      where: memberWhere,
      groupBy: [d],
    })),
  };
};

const numberOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

const periodColumn = (a: QueryAnswer): string | undefined => a.columns.find((c) => c.role === 'period')?.name;

/** The period start of a row ("2026-11-16", also from a timestamp), or '' without one. */
const periodOf = (row: Readonly<Record<string, unknown>>, col: string | undefined): string =>
  col === undefined || row[col] === null || row[col] === undefined ? '' : String(row[col]).slice(0, 10);

/** Whole / part as a fraction; null when either is missing or the whole is 0. */
const shareOf = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : part / whole;

/** The period's label as the reading's series names it ("W47 2026"), else its start date. */
export const periodLabel = (start: string, series: readonly SeriesPoint[]): string =>
  series.find((p) => p.start === start)?.label ?? fmtDate(start);

export interface TrendRow {
  readonly start: string;
  readonly label: string;
  /** The period is not over yet (as the reading's series says). */
  readonly partial: boolean;
  readonly member: number | null;
  readonly total: number | null;
  readonly share: number | null;
}

/** The member's trend next to the total, oldest period first (periods of either answer). */
export const trendRows = (
  total: QueryAnswer,
  member: QueryAnswer,
  metric: DrillMetric,
  series: readonly SeriesPoint[],
): TrendRow[] => {
  const byPeriod = (a: QueryAnswer) => {
    const col = periodColumn(a);
    return new Map(a.rows.map((r) => [periodOf(r, col), r] as const));
  };
  const t = byPeriod(total);
  const m = byPeriod(member);
  const starts = [...new Set([...t.keys(), ...m.keys()])].sort();
  return starts.map((start) => {
    const tr = t.get(start);
    const mr = m.get(start);
    const tv = numberOf(tr?.[metric.metric]);
    const mv = numberOf(mr?.[metric.metric]);
    const share = metric.weight
      ? shareOf(numberOf(mr?.[metric.weight]), numberOf(tr?.[metric.weight]))
      : shareOf(mv, tv);
    const point = series.find((p) => p.start === start);
    return {
      start,
      label: periodLabel(start, series),
      partial: point?.partial ?? false,
      member: mv,
      total: tv,
      share,
    };
  });
};

export interface BreakdownRow {
  readonly member: string;
  readonly value: number | null;
  /** Its share of the drilled member (of the denominator for a ratio). */
  readonly share: number | null;
}

export interface Breakdown {
  readonly dimension: string;
  /** The period shown (the latest one in the answer), '' when the answer is empty. */
  readonly start: string;
  readonly rows: readonly BreakdownRow[];
}

/** Label of a dimension value that is empty in the data. */
export const NO_VALUE = '(none)';

/**
 * The member by one other dimension in the latest period of the answer, largest value
 * first (missing values last, ties by name).
 */
export const breakdownOf = (answer: QueryAnswer, dimension: string, metric: DrillMetric): Breakdown => {
  const pcol = periodColumn(answer);
  const start = answer.rows.reduce((s, r) => (periodOf(r, pcol) > s ? periodOf(r, pcol) : s), '');
  const rows = answer.rows.filter((r) => periodOf(r, pcol) === start);
  const basis = (r: Readonly<Record<string, unknown>>): number | null =>
    numberOf(metric.weight ? r[metric.weight] : r[metric.metric]);
  const whole = rows.reduce<number | null>((s, r) => {
    const v = basis(r);
    return v === null ? s : (s ?? 0) + v;
  }, null);
  const out = rows.map((r) => {
    const key = r[dimension];
    return {
      member: key === null || key === undefined || key === '' ? NO_VALUE : String(key),
      value: numberOf(r[metric.metric]),
      share: shareOf(basis(r), whole),
    };
  });
  out.sort((a, b) =>
    a.value === b.value
      ? a.member.localeCompare(b.member)
      : a.value === null
        ? 1
        : b.value === null
          ? -1
          : b.value - a.value,
  );
  return { dimension, start, rows: out };
};
