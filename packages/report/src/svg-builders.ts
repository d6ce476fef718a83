// Small SVG builders for the report: a sparkline (the series solid, the target path dashed,
// an unfinished last period as a hollow point at the end of a dashed segment) and a pace
// bar (progress filled, a marker where the path expects the KPI today, or the limit).
// Pure: strings in, strings out. Invariants: no scripts, no external references, numbers
// rounded to 0.1 px; a series with fewer than two values draws no line.

import type { PaceBarView, SparkView } from './report-model.js';

const r1 = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Points of a path through the non-null values; gaps break the line into pieces. */
const pathOf = (xs: readonly number[], ys: readonly (number | null)[], y: (v: number) => number): string => {
  let d = '';
  let pen = false;
  ys.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${r1(xs[i] ?? 0)} ${r1(y(v))}`;
    pen = true;
  });
  return d;
};

export const sparklineSvg = (
  s: SparkView,
  opts: { width?: number; height?: number; label?: string } = {},
): string => {
  const w = opts.width ?? 180;
  const h = opts.height ?? 40;
  const pad = 4;
  const all = [...s.values, ...s.targets].filter((v): v is number => v !== null && Number.isFinite(v));
  if (s.values.filter((v) => v !== null).length < 2 || all.length === 0) return '';
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const n = s.values.length;
  const xs = s.values.map((_, i) => pad + (n === 1 ? 0 : (i * (w - 2 * pad)) / (n - 1)));
  const y = (v: number): number => h - pad - ((v - lo) / span) * (h - 2 * pad);
  const done = s.partialLast ? s.values.slice(0, -1) : s.values;
  const parts = [
    `<path d="${pathOf(xs, s.targets, y)}" fill="none" stroke="#6b7280" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<path d="${pathOf(xs, done, y)}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`,
  ];
  const last = s.values[n - 1];
  const before = s.values[n - 2];
  if (s.partialLast && last !== null && last !== undefined) {
    if (before !== null && before !== undefined)
      parts.push(
        `<path d="M${r1(xs[n - 2] ?? 0)} ${r1(y(before))}L${r1(xs[n - 1] ?? 0)} ${r1(y(last))}" fill="none" stroke="#1d4ed8" stroke-width="1.5" stroke-dasharray="2 2"/>`,
      );
    parts.push(
      `<circle cx="${r1(xs[n - 1] ?? 0)}" cy="${r1(y(last))}" r="3" fill="#fff" stroke="#1d4ed8" stroke-width="1.5"/>`,
    );
  }
  const label = opts.label ? `<title>${opts.label}</title>` : '';
  return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img"${opts.label ? ` aria-label="${opts.label}"` : ''}>${label}${parts.join('')}</svg>`;
};

export const paceBarSvg = (b: PaceBarView, opts: { width?: number; height?: number } = {}): string => {
  const w = opts.width ?? 240;
  const h = opts.height ?? 10;
  const colour = b.ahead === false ? '#b45309' : '#15803d';
  const marker =
    b.marker === null
      ? ''
      : `<rect x="${r1(Math.min(w - 2, b.marker * w))}" y="0" width="2" height="${h}" fill="#111827"/>`;
  return `<svg class="pace" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true"><rect x="0" y="0" width="${w}" height="${h}" rx="3" fill="#e5e7eb"/><rect x="0" y="0" width="${r1(b.fill * w)}" height="${h}" rx="3" fill="${colour}"/>${marker}</svg>`;
};
