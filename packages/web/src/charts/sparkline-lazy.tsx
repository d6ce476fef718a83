// A KPI's sparkline with its text alternative. The recharts part is loaded lazily (its own
// chunk, React.lazy + Suspense; preloadSparkline() starts it early); until it arrives a
// blank box of the same height keeps the layout still. The
// text alternative (first, latest, lowest, highest, target path) never needs recharts.

import { lazy, memo, Suspense, useMemo, useState } from 'react';
import type { SeriesPoint, ValueFormat } from '../api/api-types';
import { fmt } from '../ui/format';
import type * as SparklineModule from './sparkline-chart';
import type { SparkPoint } from './sparkline-chart';
import { ChartBoundary } from './chart-boundary';

type ChartModule = typeof SparklineModule;
let chunk: Promise<ChartModule> | undefined;
/** The chart component once its chunk has arrived (then no Suspense round trip is needed). */
let loaded: ChartModule['SparklineChart'] | undefined;

/** Starts loading the recharts chunk (once); call it early so the sparklines draw sooner. */
export const preloadSparkline = (): Promise<ChartModule> =>
  (chunk ??= import('./sparkline-chart').then((m) => {
    loaded = m.SparklineChart;
    return m;
  }));

/** When the chart cannot be drawn, the card keeps its numbers; the trend is in words below. */
const sparklineFailed = () => <p className="muted small">Trend chart unavailable.</p>;

const LazySparklineChart = lazy(() => preloadSparkline().then((m) => ({ default: m.SparklineChart })));

const GRAIN_PLURAL: Readonly<Record<string, string>> = {
  day: 'days',
  week: 'weeks',
  month: 'months',
  quarter: 'quarters',
  year: 'years',
};

/** The words a screen reader hears instead of the chart. Pure. */
export const describeSeries = (
  series: readonly SeriesPoint[],
  format: ValueFormat,
  grain: string,
): string => {
  const withValue = series.filter((p) => p.value !== null);
  const first = withValue[0];
  const last = withValue[withValue.length - 1];
  if (!first || !last) return 'Trend: no values yet.';
  const values = withValue.map((p) => p.value as number);
  const lastTarget = [...series].reverse().find((p) => p.target !== null);
  const span = `${series.length} ${GRAIN_PLURAL[grain] ?? 'periods'}, ${series[0]?.label} to ${series[series.length - 1]?.label}`;
  return (
    `Trend over ${span}: first ${fmt(first.value, format)}, latest ${fmt(last.value, format)}` +
    `${last.partial ? ' (period not over)' : ''}, lowest ${fmt(Math.min(...values), format)}, ` +
    `highest ${fmt(Math.max(...values), format)}.` +
    (lastTarget ? ` Target path (dashed line) latest ${fmt(lastTarget.target, format)}.` : '')
  );
};

/** Does this series have anything to draw? (Cards without one draw no sparkline.) */
export const hasSparkline = (series: readonly SeriesPoint[]): boolean => series.length > 0;

export const Sparkline = memo(function Sparkline({
  series,
  format,
  grain,
  height = 56,
  onDrawn,
}: {
  series: readonly SeriesPoint[];
  format: ValueFormat;
  grain: string;
  height?: number;
  onDrawn?: (() => void) | undefined;
}) {
  const points = useMemo<SparkPoint[]>(
    () => series.map((p) => ({ label: p.label, value: p.value, target: p.target, partial: p.partial })),
    [series],
  );
  const text = useMemo(() => describeSeries(series, format, grain), [series, format, grain]);
  // Chosen once per sparkline: the loaded chart draws at once; otherwise React.lazy suspends
  // (and React holds a revealed Suspense boundary back for a moment, hence the fast path).
  const [Chart] = useState(() => loaded ?? LazySparklineChart);
  return (
    <figure className="sparkline">
      <ChartBoundary fallback={sparklineFailed}>
        <Suspense fallback={<div className="sparkline-chart" style={{ height }} aria-hidden="true" />}>
          <Chart points={points} height={height} onDrawn={onDrawn} />
        </Suspense>
      </ChartBoundary>
      <figcaption className="visually-hidden">{text}</figcaption>
    </figure>
  );
});
