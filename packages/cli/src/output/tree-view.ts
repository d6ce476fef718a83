// Text of `kpi tree`: units > goals > KPIs with status words and values, rolled-up values,
// then OKR progress. Pure over its inputs. Invariant: every goal is printed exactly once —
// under its unit, nested under its parent goal when both share the unit.
import type { CascadeTree, Status, TreeGoal, TreeKpi } from '@kpi/app';
import { bold, dim, type CliContext } from '../cli-context.js';
import { fit, fmt, statusBadge } from './reading-text.js';

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

const rollupText = (k: TreeKpi): string => {
  const r = k.rollup;
  if (!r) return '';
  const n = r.used.length + r.missing.length;
  const missing = r.missing.length ? `, no value: ${r.missing.join(', ')}` : '';
  if (r.method === 'worst_status') return `  rolled up: worst status of ${n}${missing}`;
  const how = r.method === 'sum' ? 'sum' : 'weighted average';
  return `  rolled up (${how} of ${n}): ${fmt(r.value, k.format)}${missing}`;
};

const kpiLine = (ctx: CliContext, k: TreeKpi, indent: string): string =>
  `${indent}${fit(k.label, 34)} ${fmt(k.value, k.format).padStart(10)}  ${statusBadge(ctx, k.status as Status)}${dim(ctx, rollupText(k))}`;

export const renderTree = (ctx: CliContext, t: CascadeTree): string => {
  const out: string[] = [bold(ctx, `Cascade as of ${t.asOf}`)];
  const byName = new Map(t.goals.map((g) => [g.goal, g]));
  const goal = (g: TreeGoal, depth: number): void => {
    const pad = '  '.repeat(depth);
    const parent = g.parent ? byName.get(g.parent) : undefined;
    const up = parent && parent.unit !== g.unit ? dim(ctx, `  ↑ ${parent.title}`) : '';
    out.push(`${pad}${bold(ctx, g.title)}${up}`);
    for (const k of g.kpis) out.push(kpiLine(ctx, k, `${pad}  `));
    for (const c of t.goals.filter((x) => x.parent === g.goal && x.unit === g.unit)) goal(c, depth + 1);
  };
  const rootsOf = (unit: string | undefined) =>
    t.goals.filter((g) => g.unit === unit && (g.parent === undefined || byName.get(g.parent)?.unit !== unit));
  const unit = (name: string, depth: number): void => {
    const u = t.units.find((x) => x.unit === name);
    if (!u) return;
    out.push(`${'  '.repeat(depth)}${bold(ctx, u.title)} ${dim(ctx, `(${u.kind})`)}`);
    for (const g of rootsOf(name)) goal(g, depth + 1);
    for (const c of t.units.filter((x) => x.parent === name)) unit(c.unit, depth + 1);
  };
  for (const u of t.units.filter((x) => x.parent === undefined || !t.units.some((y) => y.unit === x.parent)))
    unit(u.unit, 0);
  const loose = rootsOf(undefined);
  if (loose.length && t.units.length) out.push(bold(ctx, '(no unit)'));
  for (const g of loose) goal(g, t.units.length ? 1 : 0);
  if (t.objectives.length) {
    out.push('', bold(ctx, 'Objectives'));
    for (const o of t.objectives) {
      out.push(`  ${bold(ctx, o.title)} ${dim(ctx, `(${o.quarter})`)}  ${pct(o.progress)}`);
      for (const kr of o.keyResults)
        out.push(
          `    ${fit(kr.title, 34)} ${fmt(kr.current, { unit: 'number' }).padStart(10)} of ${fmt(kr.target, { unit: 'number' })}  ${pct(kr.progress)}${kr.weight !== 1 ? dim(ctx, `  weight ${kr.weight}`) : ''}${kr.source === 'metric' ? dim(ctx, '  (from data)') : ''}`,
        );
    }
  }
  return `${out.join('\n')}\n`;
};
