// The pace bar of a KPI card. For reach and cumulative targets: how far from the baseline
// towards the target the KPI has come, with a marker where the target path expects it
// today. For stay-above / stay-below limits: the value against the limit. The bar is
// drawn with plain elements; its meaning is in the words beside it and its aria-label.

import type { TargetProgress, ValueFormat } from '../../api/api-types';
import { fmt, fmtSignedChange } from '../../ui/format';

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));
const pct = (x: number): string => `${Math.round(x * 100)}%`;

export interface PaceView {
  /** 0..1 share of the bar filled. */
  readonly fill: number;
  /** 0..1 position of the marker (expected today, or the limit). */
  readonly marker: number | null;
  readonly text: string;
  readonly label: string;
  readonly ahead: boolean | null;
}

/** What the bar shows, computed from the reading's target progress. Pure. */
export const paceView = (t: TargetProgress, value: number | null, format: ValueFormat): PaceView | null => {
  if (t.kind === 'reach' || t.kind === 'cumulative') {
    if (t.progress === null) return null;
    const base = t.baseline ?? 0;
    const span = t.value - base;
    const expected = t.expected !== null && span !== 0 ? (t.expected - base) / span : null;
    const ahead = expected === null ? null : t.progress >= expected;
    const text =
      `${pct(t.progress)} of the way to ${fmt(t.value, format)}` +
      (expected === null ? '' : ` · the path expects ${pct(clamp01(expected))} today`);
    return {
      fill: clamp01(t.progress),
      marker: expected === null ? null : clamp01(expected),
      text,
      label: `Progress: ${text}; ${ahead === null ? '' : ahead ? 'ahead of the path' : 'behind the path'}`,
      ahead,
    };
  }
  if (value === null) return null;
  const above = t.kind === 'stay_above';
  const word = above ? 'floor' : 'ceiling';
  const top = Math.max(value, t.value, 0) * 1.25 || 1;
  const ok = above ? value >= t.value : value <= t.value;
  const diff = fmtSignedChange(value - t.value, format);
  const text = `${fmt(value, format)} against a ${word} of ${fmt(t.value, format)} (${diff})`;
  return {
    fill: clamp01(value / top),
    marker: clamp01(t.value / top),
    text,
    label: `${text}; ${ok ? `within the ${word}` : `past the ${word}`}`,
    ahead: ok,
  };
};

export const PaceBar = ({
  target,
  value,
  format,
}: {
  target: TargetProgress;
  value: number | null;
  format: ValueFormat;
}) => {
  const view = paceView(target, value, format);
  if (!view) return null;
  return (
    <div className="card-pace">
      <div className="card-pace-bar" role="img" aria-label={view.label}>
        <div className="card-pace-fill" style={{ width: `${view.fill * 100}%` }} />
        {view.marker !== null && (
          <div className="card-pace-marker" style={{ left: `${view.marker * 100}%` }} />
        )}
      </div>
      <p className="card-pace-text" aria-hidden="true">
        {view.text}
      </p>
    </div>
  );
};
