// The KPI chart behind React.lazy: recharts arrives as its own chunk. Until it does, a box
// of the chart's height keeps the page still; if the chunk cannot load (or drawing
// throws), a message says so and the table view still works.

import { lazy, Suspense } from 'react';
import type { ValueFormat } from '../api/api-types';
import type { ChartModel } from '../features/kpi/kpi-chart-model';
import { ChartBoundary } from './chart-boundary';

const KpiChart = lazy(() => import('./kpi-chart').then((m) => ({ default: m.KpiChart })));

const failed = (message: string) => (
  <p className="error-box" role="alert">
    The chart could not be drawn ({message}). Use “Show as table” to read the numbers.
  </p>
);

export const KpiChartLazy = ({
  model,
  format,
  height = 340,
}: {
  model: ChartModel;
  format: ValueFormat;
  height?: number;
}) => (
  <ChartBoundary fallback={failed}>
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
