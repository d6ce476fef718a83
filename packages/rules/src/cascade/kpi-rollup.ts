// Roll-up arithmetic of cascading goals: a parent KPI's value or status from its child
// KPIs (sum, weighted average, worst status), resolved through nested roll-ups. Pure.
// Invariants: a child without a value is left out and listed in `missing` (never read as
// zero); a value is null when no child has one; statuses without a verdict (no_data,
// no_target) never count as the worst.

import { ownGet, ownRecord, type Project, type RollupDef } from '@kpi/core';

/** Verdict statuses, worst first. */
export const STATUS_SEVERITY = ['missed', 'off_track', 'at_risk', 'on_track', 'achieved'] as const;

export interface RollupChild {
  readonly kpi: string;
  readonly value: number | null;
  readonly status?: string | null;
}

export interface RollupResult {
  readonly method: RollupDef['method'];
  readonly value: number | null;
  /** worst_status: the worst child verdict; otherwise null (the parent's own target decides). */
  readonly status: string | null;
  /** Children that contributed, and children without a value (or verdict). */
  readonly used: readonly string[];
  readonly missing: readonly string[];
}

const rank = (s: string | null | undefined): number =>
  s === null || s === undefined ? -1 : (STATUS_SEVERITY as readonly string[]).indexOf(s);

export const rollupValue = (def: RollupDef, children: readonly RollupChild[]): RollupResult => {
  if (def.method === 'worst_status') {
    const judged = children.filter((c) => rank(c.status) >= 0);
    const worst = judged.reduce<RollupChild | undefined>(
      (w, c) => (w === undefined || rank(c.status) < rank(w.status) ? c : w),
      undefined,
    );
    return {
      method: def.method,
      value: null,
      status: worst?.status ?? null,
      used: judged.map((c) => c.kpi),
      missing: children.filter((c) => rank(c.status) < 0).map((c) => c.kpi),
    };
  }
  const known = children.filter((c): c is RollupChild & { value: number } => c.value !== null);
  const missing = children.filter((c) => c.value === null).map((c) => c.kpi);
  const used = known.map((c) => c.kpi);
  if (known.length === 0) return { method: def.method, value: null, status: null, used, missing };
  if (def.method === 'sum')
    return { method: def.method, value: known.reduce((s, c) => s + c.value, 0), status: null, used, missing };
  const weight = (k: string) => ownGet(def.weights, k) ?? 1;
  const total = known.reduce((s, c) => s + weight(c.kpi), 0);
  const value = total === 0 ? null : known.reduce((s, c) => s + weight(c.kpi) * c.value, 0) / total;
  return { method: def.method, value, status: null, used, missing };
};

/**
 * Resolves every roll-up KPI of the project from the readings of the others; nested
 * roll-ups use their children's rolled-up values. Cycles (rejected by the loader) stop
 * with a null value instead of recursing forever.
 */
export const resolveRollups = (
  project: Project,
  readings: Readonly<Record<string, { readonly value: number | null; readonly status?: string | null }>>,
): Record<string, RollupResult> => {
  const out = ownRecord<RollupResult>();
  const visiting = new Set<string>();
  const childOf = (kpi: string): RollupChild => {
    const def = ownGet(project.kpis, kpi)?.rollup;
    if (!def)
      return {
        kpi,
        value: ownGet(readings, kpi)?.value ?? null,
        status: ownGet(readings, kpi)?.status ?? null,
      };
    const r = resolve(kpi, def);
    return { kpi, value: r.value, status: r.status ?? ownGet(readings, kpi)?.status ?? null };
  };
  const resolve = (kpi: string, def: RollupDef): RollupResult => {
    const done = ownGet(out, kpi);
    if (done) return done;
    if (visiting.has(kpi)) return { method: def.method, value: null, status: null, used: [], missing: [kpi] };
    visiting.add(kpi);
    const r = rollupValue(def, def.from.map(childOf));
    visiting.delete(kpi);
    out[kpi] = r;
    return r;
  };
  for (const [kpi, k] of Object.entries(project.kpis)) if (k.rollup) resolve(kpi, k.rollup);
  return out;
};
