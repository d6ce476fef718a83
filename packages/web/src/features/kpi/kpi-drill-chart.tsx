// The drill-down's small chart, drawn by recharts as SVG without animation: the member's
// values (solid) next to the KPI total (dashed), one point per period. Loaded lazily
// through kpi-drill-chart-lazy.tsx (recharts is its own chunk). Decorative: the trend
// table beside it carries every number; tick labels go through ui/format.ts.

import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ValueFormat } from '../../api/api-types';
import { fmt } from '../../ui/format';
import { DRILL_COLORS, type TrendRow } from './kpi-drill-model';

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const TICK = { fontSize: 12, fill: '#374151' };

export const KpiDrillChart = ({
  rows,
  format,
  height,
}: {
  rows: readonly TrendRow[];
  format: ValueFormat;
  height: number;
}) => (
  <div className="kpi-drill-chart" aria-hidden="true">
    <LineChart
      responsive
      style={{ width: '100%', height }}
      data={rows as TrendRow[]}
      margin={MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#e5e7eb" vertical={false} />
      <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={16} />
      <YAxis
        tick={TICK}
        width={format.unit === 'currency' || format.unit === 'duration' ? 72 : 56}
        tickFormatter={(v: number) => fmt(v, format, true)}
        domain={['auto', 'auto']}
      />
      <Line
        dataKey="total"
        stroke={DRILL_COLORS.total}
        strokeWidth={1.5}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        dataKey="member"
        stroke={DRILL_COLORS.member}
        strokeWidth={2}
        dot={{ r: 2.5, fill: DRILL_COLORS.member }}
        isAnimationActive={false}
      />
    </LineChart>
  </div>
);
