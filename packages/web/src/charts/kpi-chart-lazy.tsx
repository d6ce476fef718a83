// The KPI chart behind React.lazy: recharts arrives as its own chunk. Until it does, a box
// of the chart's height keeps the page still; if the chunk cannot load (or drawing
// throws), a message says so and the table view still works.

import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { ValueFormat } from '../api/api-types';
import type { ChartModel } from '../features/kpi/kpi-chart-model';

const KpiChart = lazy(() => import('./kpi-chart').then((m) => ({ default: m.KpiChart })));

// React still needs a class for an error boundary; it holds no data.
class ChartBoundary extends Component<{ children: ReactNode }, { failed: string | undefined }> {
  override state = { failed: undefined as string | undefined };
  static getDerivedStateFromError(e: unknown) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    if (this.state.failed === undefined) return this.props.children;
    return (
      <p className="error-box" role="alert">
        The chart could not be drawn ({this.state.failed}). Use “Show as table” to read the numbers.
      </p>
    );
  }
}

export const KpiChartLazy = ({
  model,
  format,
  height = 340,
}: {
  model: ChartModel;
  format: ValueFormat;
  height?: number;
}) => (
  <ChartBoundary>
    <Suspense
      fallback={
        <div className="kpi-chart-canvas kpi-chart-waiting" style={{ height }}>
          <span className="muted small">Drawing the chart…</span>
        </div>
      }
    >
      <KpiChart model={model} format={format} height={height} />
    </Suspense>
  </ChartBoundary>
);
