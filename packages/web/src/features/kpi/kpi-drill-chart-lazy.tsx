// The drill-down chart behind React.lazy (recharts arrives as its own chunk). Until it
// does, a box of the chart's height keeps the panel still; if the chunk cannot load or
// drawing throws, a short note says so — the trend table still holds every number.

import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { ValueFormat } from '../../api/api-types';
import type { TrendRow } from './kpi-drill-model';

const KpiDrillChart = lazy(() => import('./kpi-drill-chart').then((m) => ({ default: m.KpiDrillChart })));

// React still needs a class for an error boundary; it holds no data.
class DrillChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <p className="muted small">The chart could not be drawn; the table below has the numbers.</p>
    ) : (
      this.props.children
    );
  }
}

export const KpiDrillChartLazy = ({
  rows,
  format,
  height = 160,
}: {
  rows: readonly TrendRow[];
  format: ValueFormat;
  height?: number;
}) => (
  <DrillChartBoundary>
    <Suspense fallback={<div className="kpi-drill-chart" style={{ height }} aria-hidden="true" />}>
      <KpiDrillChart rows={rows} format={format} height={height} />
    </Suspense>
  </DrillChartBoundary>
);
