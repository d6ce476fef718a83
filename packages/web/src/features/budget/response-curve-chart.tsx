// One member's response curve as inline SVG: the observed weekly averages (dots), the fitted
// steady daily response with its 80% band, and markers at today's and the planned daily spend.
// Pure rendering; axes in the member's own units, labels through the one formatter.

import { fmt } from '../../ui/format';
import type { BudgetMember } from './budget-types';

const W = 260;
const H = 150;
const PAD = { l: 40, r: 8, t: 8, b: 26 };

export const ResponseCurveChart = ({
  m,
  days,
  currency,
  outcomeLabel,
}: {
  m: BudgetMember;
  days: number;
  currency: string;
  outcomeLabel: string;
}) => {
  const xs = [...m.points.map((p) => p.spend), ...m.line.map((p) => p.spend), m.plan / days, m.today / days];
  const ys = [...m.points.map((p) => p.outcome), ...m.line.map((p) => p.high ?? p.outcome)];
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(1e-9, ...ys) * 1.05;
  const x = (v: number) => PAD.l + (v / xMax) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  const path = (pts: readonly [number, number][]) =>
    pts.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
  const band =
    m.line.length && m.line.every((p) => p.low !== undefined && p.high !== undefined)
      ? path([
          ...m.line.map((p) => [p.spend, p.high as number] as [number, number]),
          ...[...m.line].reverse().map((p) => [p.spend, p.low as number] as [number, number]),
        ]) + 'Z'
      : '';
  const money = (v: number) => fmt(v, { unit: 'currency', currency, decimals: 0 }, true);
  return (
    <figure className="curve-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${m.label}: ${outcomeLabel.toLowerCase()} per day against spend per day`}
      >
        <line
          x1={PAD.l}
          y1={H - PAD.b}
          x2={W - PAD.r}
          y2={H - PAD.b}
          stroke="currentColor"
          strokeOpacity="0.4"
        />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} stroke="currentColor" strokeOpacity="0.4" />
        {band && <path d={band} fill="currentColor" fillOpacity="0.12" />}
        {m.points.map((p, i) => (
          <circle key={i} cx={x(p.spend)} cy={y(p.outcome)} r="1.8" fill="currentColor" fillOpacity="0.45" />
        ))}
        {m.line.length > 0 && (
          <path
            d={path(m.line.map((p) => [p.spend, p.outcome]))}
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          />
        )}
        <line
          x1={x(m.today / days)}
          x2={x(m.today / days)}
          y1={PAD.t}
          y2={H - PAD.b}
          stroke="currentColor"
          strokeDasharray="3 3"
        />
        <line
          x1={x(m.plan / days)}
          x2={x(m.plan / days)}
          y1={PAD.t}
          y2={H - PAD.b}
          stroke="var(--accent, #2563eb)"
          strokeWidth="2"
        />
        <text x={PAD.l} y={H - 8} fontSize="10">
          0
        </text>
        <text x={W - PAD.r} y={H - 8} fontSize="10" textAnchor="end">
          {money(xMax)}/day
        </text>
        <text x={PAD.l - 4} y={PAD.t + 8} fontSize="10" textAnchor="end">
          {fmt(yMax, { unit: 'number', decimals: 1 })}
        </text>
      </svg>
      <figcaption>
        <strong>{m.label}</strong>{' '}
        {m.refused ? (
          <span className="muted">no curve: {m.refused.message}</span>
        ) : (
          <span className="muted">
            dashed: today {money(m.today / days)}/day · solid: plan {money(m.plan / days)}/day
          </span>
        )}
      </figcaption>
    </figure>
  );
};
