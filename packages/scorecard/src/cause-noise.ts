// Cause without noise: a change no bigger than the KPI's usual period-to-period variation
// names no driver ("no meaningful change"), and an empty period gets the note that says
// so. Pure. Invariants: the split itself (`dimensions`) is never altered, so mix + rate
// and the members' effects still sum to the change; the usual variation is the median
// absolute relative change between consecutive closed periods, and needs at least
// MIN_CHANGES of them (else every change counts as meaningful).

import type { CauseReading } from './kpi-reading.js';
import { percentText } from './narrative.js';

/** Consecutive closed-period changes needed before a change can be called noise. */
export const MIN_CHANGES = 4;

/** The median |v_i / v_(i-1) - 1| over consecutive pairs of values; undefined with too few pairs. */
export const usualChange = (values: readonly (number | null)[]): number | undefined => {
  const rel: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a === null || a === undefined || b === null || b === undefined || a === 0) continue;
    rel.push(Math.abs(b / a - 1));
  }
  if (rel.length < MIN_CHANGES) return undefined;
  rel.sort((x, y) => x - y);
  const mid = Math.floor(rel.length / 2);
  return rel.length % 2 === 1 ? (rel[mid] as number) : ((rel[mid - 1] as number) + (rel[mid] as number)) / 2;
};

export interface NoiseInput {
  /** The current period's value and the comparison's. */
  readonly current: number | null;
  readonly previous: number | null;
  readonly changeRelative: number | null;
  /** The closed periods' values, oldest first (the current period left out). */
  readonly closed: readonly (number | null)[];
  /** "week", "month", ... for the note. */
  readonly grainWord: string;
}

/** The cause with noise and empty periods said plainly. */
export const judgeCause = (cause: CauseReading, n: NoiseInput): CauseReading => {
  if (n.current === null && cause.drivers.length === 0)
    return { ...cause, note: `no data this ${n.grainWord} yet, so no change to explain` };
  if (n.previous === null && cause.drivers.length === 0)
    return { ...cause, note: `no data in the previous ${n.grainWord} to compare with` };
  const usual = usualChange(n.closed);
  if (usual === undefined || n.changeRelative === null || cause.dimensions.length === 0) return cause;
  if (Math.abs(n.changeRelative) > usual) return cause;
  const drivers: CauseReading['drivers'] = [];
  return {
    ...cause,
    drivers,
    noise: { usualChange: usual },
    note: `no meaningful change: within the usual ${n.grainWord}-to-${n.grainWord} variation (±${percentText(usual)})`,
  };
};
