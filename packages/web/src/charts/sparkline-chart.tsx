// The sparkline drawn by recharts: a KPI's series as a solid line and its target path as a
// dashed one, SVG, no axes, no animation; an unfinished last period is a hollow point at the
// end of a dashed segment, never a drop of the solid line. Loaded lazily (recharts is its own chunk) through
// sparkline-lazy.tsx. Invariant: `onDrawn` fires once, after the line is in the DOM.

import { useEffect, useRef } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import { splitUnfinished } from '../features/kpi/kpi-chart-model';

export interface SparkPoint {
  readonly label: string;
  readonly value: number | null;
  readonly target: number | null;
  /** The period is not over: drawn as a hollow point at the end of a dashed segment, never as a drop. */
  readonly partial: boolean;
}

const HollowDot = (p: { cx?: number; cy?: number; index?: number; payload?: SparkPoint }) =>
  p.cx === undefined || p.cy === undefined || !p.payload?.partial || p.payload.value === null ? (
    <g key={p.index} />
  ) : (
    <circle key={p.index} cx={p.cx} cy={p.cy} r={3} fill="#fff" stroke="#1d4ed8" strokeWidth={1.5} />
  );

const MARGIN = { top: 4, right: 4, bottom: 4, left: 4 };

export const SparklineChart = ({
  points,
  height,
  onDrawn,
}: {
  points: readonly SparkPoint[];
  height: number;
  onDrawn?: (() => void) | undefined;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  // recharts draws a line path from two points on; with fewer there is only the SVG to wait for.
  const hasLine = points.filter((p) => p.value !== null).length >= 2;
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  // Watches the container until recharts has put the SVG (and the line, when there is one) in.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const drawn = (): boolean =>
      el.querySelector(hasLine ? 'svg .recharts-line-curve' : 'svg.recharts-surface') !== null;
    if (drawn()) {
      onDrawnRef.current?.();
      return;
    }
    const watch = new MutationObserver(() => {
      if (!drawn()) return;
      watch.disconnect();
      onDrawnRef.current?.();
    });
    watch.observe(el, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [hasLine]);

  return (
    <div ref={ref} className="sparkline-chart" aria-hidden="true">
      <LineChart
        responsive
        style={{ width: '100%', height }}
        data={splitUnfinished(points)}
        margin={MARGIN}
        accessibilityLayer={false}
      >
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Line
          dataKey="target"
          stroke="#6b7280"
          strokeWidth={1.5}
          strokeDasharray="4 3"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="complete"
          stroke="#1d4ed8"
          strokeWidth={2}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="soFar"
          stroke="#1d4ed8"
          strokeWidth={1.5}
          strokeDasharray="2 2"
          dot={HollowDot}
          activeDot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
};
