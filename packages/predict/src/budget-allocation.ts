// The budget allocation: for a total over a period of `days`, the split across members that
// maximises the summed steady response, under per-member bounds (min, max, max change from
// today). Pure.
// Method: water-filling on marginal returns. The curves are concave, so the optimum gives
// every member strictly inside its bounds the same marginal return μ; members at a bound
// have a marginal below (at max) or above (at min) μ. A bisection on μ finds the level
// whose clipped spends sum to the total; the last rounding is spread over members with room.
// Invariants: the plan sums to the total (to the cent), and every member is within its
// bounds; an infeasible request (bounds that cannot sum to the total) is an issue, never a
// plan that breaks a bound.

import { fail, issue, ok, type Issue, type Result } from '@kpi/core';
import { marginalResponse, spendAtMarginal, steadyResponse, type ResponseCurve } from './response-curve.js';

export interface AllocationMember {
  readonly name: string;
  /** Absent when no curve could be fitted: the member keeps today's spend (within min/max). */
  readonly curve?: ResponseCurve;
  /** Today's spend over the period (the current daily pace × days). */
  readonly today: number;
  readonly min?: number;
  readonly max?: number;
}

export interface AllocationRequest {
  readonly members: readonly AllocationMember[];
  readonly total: number;
  readonly days: number;
  /** Largest change from today as a share (0.2 = ±20%); absent = no limit. */
  readonly maxChange?: number;
}

export type MemberStatus = 'optimised' | 'at_min' | 'at_max' | 'kept';

export interface AllocatedMember {
  readonly name: string;
  readonly today: number;
  readonly spend: number;
  readonly lower: number;
  readonly upper: number;
  readonly status: MemberStatus;
  /** Extra outcome per extra unit of spend at the planned spend (absent without a curve). */
  readonly marginal?: number;
}

export interface Allocation {
  readonly members: readonly AllocatedMember[];
  readonly total: number;
  /** The common marginal return of the members strictly inside their bounds. */
  readonly level: number;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** A member's bounds, rounded inwards to whole cents (so a plan in cents can meet them exactly). */
export const memberBounds = (
  m: AllocationMember,
  maxChange: number | undefined,
): { lower: number; upper: number } => {
  if (!m.curve) {
    const kept = cents(Math.min(m.max ?? Number.POSITIVE_INFINITY, Math.max(m.min ?? 0, m.today)));
    return { lower: kept, upper: kept };
  }
  const lower = Math.max(m.min ?? 0, maxChange === undefined ? 0 : m.today * (1 - maxChange), 0);
  const upper = Math.min(
    m.max ?? Number.POSITIVE_INFINITY,
    maxChange === undefined ? Number.POSITIVE_INFINITY : m.today * (1 + maxChange),
  );
  if (lower > upper + 1e-9) return { lower, upper };
  const lo = Math.ceil(lower * 100 - 1e-6) / 100;
  const hi = Math.floor(upper * 100 + 1e-6) / 100;
  return hi >= lo ? { lower: lo, upper: hi } : { lower: cents(lower), upper: cents(lower) };
};

const spendAt = (
  m: AllocationMember,
  b: { lower: number; upper: number },
  level: number,
  days: number,
): number => {
  if (!m.curve) return b.lower;
  const x = spendAtMarginal(m.curve, level) * days;
  return Math.min(b.upper, Math.max(b.lower, x));
};

/** The optimal split of the total, or the issues that make the request impossible. */
export const allocateBudget = (req: AllocationRequest): Result<Allocation> => {
  const problems: Issue[] = [];
  if (!(req.total >= 0) || !Number.isFinite(req.total))
    problems.push(issue('budget.total', `the total must be a positive amount, got ${req.total}`, ['total']));
  if (!(req.days >= 1))
    problems.push(issue('budget.days', `the period must have at least one day, got ${req.days}`, ['days']));
  if (req.maxChange !== undefined && !(req.maxChange >= 0))
    problems.push(
      issue('budget.max_change', `the max change must be 0% or more, got ${req.maxChange}`, ['maxChange']),
    );
  const bounds = req.members.map((m) => memberBounds(m, req.maxChange));
  req.members.forEach((m, i) => {
    const b = bounds[i] as { lower: number; upper: number };
    if (b.lower > b.upper + 1e-9)
      problems.push(
        issue(
          'budget.bounds_conflict',
          `${m.name}: the least spend ${cents(b.lower)} is above the most ${cents(b.upper)}`,
          ['members', m.name],
          'loosen --min, --max or --max-change for it',
        ),
      );
  });
  if (problems.length) return fail(problems);
  const least = cents(bounds.reduce((a, b) => a + b.lower, 0));
  const most = bounds.reduce((a, b) => a + b.upper, 0);
  if (cents(req.total) < least)
    return fail([
      issue(
        'budget.infeasible',
        `the total ${cents(req.total)} is below the least the limits allow (${cents(least)})`,
        ['total'],
        'raise the total, or loosen --min / --max-change',
      ),
    ]);
  if (cents(req.total) > cents(most))
    return fail([
      issue(
        'budget.infeasible',
        `the total ${cents(req.total)} is above the most the limits allow (${cents(most)})`,
        ['total'],
        'lower the total, or loosen --max / --max-change',
      ),
    ]);
  const sumAt = (level: number) =>
    req.members.reduce(
      (a, m, i) => a + spendAt(m, bounds[i] as { lower: number; upper: number }, level, req.days),
      0,
    );
  // Bisection on log μ: the clipped spends fall as μ rises.
  const tops = req.members.flatMap((m) => (m.curve ? [marginalResponse(m.curve, 0)] : []));
  let hi = Math.log(Math.max(1e-300, ...tops)) + 1;
  let lo = Math.log(1e-300);
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    if (sumAt(Math.exp(mid)) > req.total) lo = mid;
    else hi = mid;
  }
  const level = Math.exp((lo + hi) / 2);
  const spend = req.members.map((m, i) =>
    spendAt(m, bounds[i] as { lower: number; upper: number }, level, req.days),
  );
  // Spread what is left (bisection tolerance, then cent rounding) over members with room.
  const settle = (): void => {
    for (let pass = 0; pass < 8; pass++) {
      const left = req.total - spend.reduce((a, b) => a + b, 0);
      if (Math.abs(left) < 1e-9) return;
      const room = spend.map((s, i) => {
        const b = bounds[i] as { lower: number; upper: number };
        return left > 0 ? b.upper - s : s - b.lower;
      });
      // Members without an upper bound share the rest evenly; otherwise in proportion to room.
      const open = room.map((r): number => (r === Number.POSITIVE_INFINITY ? 1 : 0));
      const openCount = open.reduce((a, b) => a + b, 0);
      const share = openCount > 0 ? open : room.map((r) => Math.max(0, r));
      const all = share.reduce((a, b) => a + b, 0);
      if (!(all > 0)) return;
      spend.forEach((s, i) => {
        spend[i] = s + (left * (share[i] as number)) / all;
      });
    }
  };
  settle();
  for (let i = 0; i < spend.length; i++) spend[i] = cents(spend[i] as number);
  // Cent rounding can leave a few cents: give them to the member with the most room.
  let left = cents(cents(req.total) - spend.reduce((a, b) => a + b, 0));
  for (let guard = 0; Math.abs(left) >= 0.005 && guard < spend.length * 4; guard++) {
    let pick = -1;
    let roomBest = 0;
    spend.forEach((s, i) => {
      const b = bounds[i] as { lower: number; upper: number };
      const r = left > 0 ? b.upper - s : s - b.lower;
      if (r > roomBest + 1e-12) {
        roomBest = r;
        pick = i;
      }
    });
    if (pick < 0) break;
    const move =
      left > 0
        ? Math.min(left, cents(Math.floor(roomBest * 100) / 100))
        : -Math.min(-left, cents(Math.floor(roomBest * 100) / 100));
    if (move === 0) break;
    spend[pick] = cents((spend[pick] as number) + move);
    left = cents(left - move);
  }
  const members = req.members.map((m, i): AllocatedMember => {
    const b = bounds[i] as { lower: number; upper: number };
    const s = spend[i] as number;
    const status: MemberStatus = !m.curve
      ? 'kept'
      : s <= b.lower + 0.01
        ? 'at_min'
        : s >= b.upper - 0.01
          ? 'at_max'
          : 'optimised';
    return {
      name: m.name,
      today: m.today,
      spend: s,
      lower: b.lower,
      upper: b.upper,
      status,
      ...(m.curve ? { marginal: marginalResponse(m.curve, s / req.days) } : {}),
    };
  });
  return ok({ members, total: cents(req.total), level });
};

/** Expected outcome over the period of a split (spend-driven part plus base), per member and in all. */
export const splitOutcome = (
  members: readonly { readonly curve?: ResponseCurve; readonly pastDaily?: number }[],
  spend: readonly number[],
  days: number,
): number =>
  members.reduce((a, m, i) => {
    if (!m.curve) return a + (m.pastDaily ?? 0) * days;
    return a + days * (m.curve.base + steadyResponse(m.curve, (spend[i] ?? 0) / days));
  }, 0);
