// The KPI page's chart, drawn by recharts as SVG without animation: actual values (solid),
// the target path (dashed), the same period last year (dotted), the forecast line with its
// 95% and 80% bands, anomaly markers (diamonds) on the periods that hold them, numbered
// annotation lines, the deadline and the target at the deadline. Loaded lazily through
// kpi-chart-lazy.tsx (recharts is its own chunk). Invariant: every number on it is
// formatted by ui/format.ts; the model (features/kpi/kpi-chart-model.ts) decides what is drawn.

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
  type TooltipContentProps,
} from 'recharts';
import type { ValueFormat } from '../api/api-types';
import { fmt, fmtDate } from '../ui/format';
import {
  durationTicks,
  splitUnfinished,
  tickLabel,
  type ChartModel,
  type ChartRow,
} from '../features/kpi/kpi-chart-model';

export const KPI_CHART_COLORS = {
  actual: '#1d4ed8',
  target: '#111827',
  lastYear: '#6b7280',
  forecast: '#6d28d9',
  band95: '#ede9fe',
  band80: '#c4b5fd',
  anomaly: '#b45309',
  annotation: '#4b5563',
  deadline: '#991b1b',
} as const;

const C = KPI_CHART_COLORS;
const MARGIN = { top: 28, right: 20, bottom: 4, left: 4 };

const ActualDot = (p: DotItemDotProps) => {
  const row = p.payload as ChartRow | undefined;
  if (p.cx === undefined || p.cy === undefined || row?.value == null) return null;
  // The unfinished period's hollow point is drawn by the dashed line (UnfinishedDot).
  return row.partial ? null : <circle key={p.index} cx={p.cx} cy={p.cy} r={2.5} fill={C.actual} />;
};

const UnfinishedDot = (p: DotItemDotProps) => {
  const row = p.payload as ChartRow | undefined;
  if (p.cx === undefined || p.cy === undefined || !row?.partial || row.value == null) return null;
  return <circle key={p.index} cx={p.cx} cy={p.cy} r={4} fill="#fff" stroke={C.actual} strokeWidth={2} />;
};

const AnomalyDot = (p: DotItemDotProps) => {
  const row = p.payload as ChartRow | undefined;
  if (p.cx === undefined || p.cy === undefined || row?.anomaly == null) return null;
  const { cx, cy } = p;
  const s = 7;
  return (
    <path
      key={p.index}
      d={`M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`}
      fill={C.anomaly}
      stroke="#fff"
      strokeWidth={1.5}
    />
  );
};

/** The forecast's 95% and 80% bands, the wider one behind. */
const BANDS = [
  { dataKey: 'band95', fill: C.band95, fillOpacity: 1 },
  { dataKey: 'band80', fill: C.band80, fillOpacity: 0.75 },
] as const;

/** The broken lines behind the actuals: last year (dotted), the target path, the forecast. */
const guides = (model: ChartModel) =>
  [
    model.hasLastYear && {
      dataKey: 'lastYear',
      stroke: C.lastYear,
      strokeWidth: 1.5,
      strokeDasharray: '2 3',
      connectNulls: false,
    },
    model.hasTarget && {
      dataKey: 'target',
      stroke: C.target,
      strokeWidth: 1.5,
      strokeDasharray: '6 4',
      connectNulls: true,
    },
    model.forecast !== 'none' && {
      dataKey: 'fc',
      stroke: C.forecast,
      strokeWidth: 2,
      strokeDasharray: '5 3',
      connectNulls: true,
    },
  ].filter((g) => g !== false);

const range = (b: readonly [number, number] | null, f: ValueFormat): string =>
  b === null ? '—' : `${fmt(b[0], f)} – ${fmt(b[1], f)}`;

const ChartTooltip = ({ active, payload, format }: TooltipContentProps & { format: ValueFormat }) => {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const lines: [string, string][] = [];
  if (row.value !== null) lines.push([row.partial ? 'Actual (so far)' : 'Actual', fmt(row.value, format)]);
  if (row.target !== null) lines.push(['Target', fmt(row.target, format)]);
  if (row.lastYear !== null) lines.push(['Last year', fmt(row.lastYear, format)]);
  if (row.fc !== null && row.value === null) {
    lines.push(['Forecast', fmt(row.fc, format)]);
    lines.push(['80% range', range(row.band80, format)]);
    lines.push(['95% range', range(row.band95, format)]);
  }
  return (
    <div className="kpi-chart-tip">
      <strong>{row.label}</strong>
      <span className="muted small">
        {' '}
        {row.start === row.end ? fmtDate(row.start) : `${fmtDate(row.start)} – ${fmtDate(row.end)}`}
      </span>
      <table>
        <tbody>
          {lines.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.anomalies.map((a) => (
        <div key={a.date} className="small">
          ◆ Unusual {fmtDate(a.date)}: {fmt(a.value, format)} (expected {fmt(a.expectedLow, format)} –{' '}
          {fmt(a.expectedHigh, format)})
        </div>
      ))}
      {row.notes.length > 0 && <div className="small">Annotations: {row.notes.join(', ')}</div>}
    </div>
  );
};

export const KpiChart = ({
  model,
  format,
  height = 340,
}: {
  model: ChartModel;
  format: ValueFormat;
  height?: number;
}) => {
  const first = model.ticks[0];
  const yTicks = format.unit === 'duration' ? durationTicks(model.extent[0], model.extent[1]) : undefined;
  return (
    <div className="kpi-chart-canvas" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={splitUnfinished(model.rows)} margin={MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[model.domain[0], model.domain[1]]}
            ticks={model.ticks as number[]}
            tickFormatter={(t: number) => tickLabel(t, t === first)}
            tick={{ fontSize: 12, fill: '#374151' }}
            allowDataOverflow
          />
          <YAxis
            tickFormatter={(v: number) => fmt(v, format, true)}
            tick={{ fontSize: 12, fill: '#374151' }}
            width={format.unit === 'duration' || format.unit === 'currency' ? 76 : 60}
            {...(yTicks
              ? { ticks: yTicks, domain: [yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1] }
              : { domain: ['auto', 'auto'] })}
          />
          <Tooltip content={(p) => <ChartTooltip {...p} format={format} />} isAnimationActive={false} />
          {model.forecast !== 'none' &&
            BANDS.map((b) => (
              <Area
                key={b.dataKey}
                {...b}
                stroke="none"
                connectNulls
                isAnimationActive={false}
                activeDot={false}
              />
            ))}
          {guides(model).map((g) => (
            <Line key={g.dataKey} {...g} dot={false} isAnimationActive={false} />
          ))}
          <Line
            dataKey="complete"
            stroke={C.actual}
            strokeWidth={2}
            dot={ActualDot}
            isAnimationActive={false}
          />
          {/* The unfinished period: dashed from the last complete one, to a hollow point. */}
          <Line
            dataKey="soFar"
            stroke={C.actual}
            strokeWidth={2}
            strokeDasharray="3 3"
            dot={UnfinishedDot}
            activeDot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="anomaly"
            stroke="none"
            dot={AnomalyDot}
            activeDot={false}
            isAnimationActive={false}
          />
          {model.markers.map((m) =>
            m.tEnd === undefined ? null : (
              <ReferenceArea
                key={`a${m.n}`}
                x1={m.t}
                x2={m.tEnd}
                fill={C.annotation}
                fillOpacity={0.08}
                stroke="none"
              />
            ),
          )}
          {model.markerLines.map((m) => (
            <ReferenceLine
              key={m.t}
              x={m.t}
              stroke={C.annotation}
              strokeDasharray="1 2"
              label={{ value: m.label, position: 'top', fill: C.annotation, fontSize: 12, fontWeight: 700 }}
            />
          ))}
          {model.deadline && (
            <ReferenceLine
              x={model.deadline.t}
              stroke={C.deadline}
              strokeDasharray="4 3"
              label={{ value: 'Deadline', position: 'insideTopRight', fill: C.deadline, fontSize: 12 }}
            />
          )}
          {model.targetDot && (
            <ReferenceDot
              x={model.targetDot.t}
              y={model.targetDot.value}
              r={5}
              fill={C.target}
              stroke="#fff"
              ifOverflow="extendDomain"
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
};
