// The drill-down chart behind React.lazy (recharts arrives as its own chunk). Until it
// does, a box of the chart's height keeps the panel still; if the chunk cannot load or
// drawing throws, a short note says so — the trend table still holds every number.

import { lazy, Suspense } from 'react';
import type { ValueFormat } from '../../api/api-types';
import { ChartBoundary } from '../../charts/chart-boundary';
import type { TrendRow } from './kpi-drill-model';

const KpiDrillChart = lazy(() => import('./kpi-drill-chart').then((m) => ({ default: m.KpiDrillChart })));

const failed = () => (
  <p className="muted small">The chart could not be drawn; the table below has the numbers.</p>
);

export const KpiDrillChartLazy = ({
  rows,
  format,
  height = 160,
}: {
  rows: readonly TrendRow[];
  format: ValueFormat;
  height?: number;
}) => (
  <ChartBoundary fallback={failed}>
    <Suspense fallback={<div className="kpi-drill-chart" style={{ height }} aria-hidden="true" />}>
      <KpiDrillChart rows={rows} format={format} height={height} />
    </Suspense>
  </ChartBoundary>
);
