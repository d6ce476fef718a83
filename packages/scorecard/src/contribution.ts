// Contribution analysis: how each member of a dimension (channel, campaign, ...) moved a
// KPI between two periods. Pure. Invariants, pinned by hand-worked tests:
// - additive metrics: a member's effect is its own change; effects sum to the total change.
// - ratio metrics R = N / D = sum(n_i) / sum(d_i): the total change splits per member into
//   effect_i = n1_i / D1 - n0_i / D0 (these sum to R1 - R0 exactly, since sum(n_i) = N),
//   and each effect into mix and rate by the symmetric (midpoint) shift-share:
//     mix_i  = (w1_i - w0_i) * (r0_i + r1_i) / 2     with w = d_i / D, r = n_i / d_i
//     rate_i = (r1_i - r0_i) * (w0_i + w1_i) / 2
//   so mix_i + rate_i = w1_i r1_i - w0_i r0_i = effect_i. A member without denominator in
//   one period has no rate there; its midpoint rate is the rate it has (all of its effect
//   is mix), and when it has a numerator without any denominator, that part is rate.
//   Computed as rate_i = effect_i - mix_i, which equals the formula above.

import type { DimensionContribution, MemberContribution } from './kpi-reading.js';

export interface AdditiveMember {
  readonly member: string;
  readonly current: number | null;
  readonly previous: number | null;
}

export interface RatioParts {
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface RatioMember {
  readonly member: string;
  readonly current: RatioParts;
  readonly previous: RatioParts;
}

const n0 = (x: number | null | undefined): number => x ?? 0;
const byEffect = (a: MemberContribution, b: MemberContribution): number =>
  Math.abs(b.effect) - Math.abs(a.effect) || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);

export const additiveContribution = (
  dimension: string,
  members: readonly AdditiveMember[],
): DimensionContribution => {
  const cur = members.reduce((a, m) => a + n0(m.current), 0);
  const prev = members.reduce((a, m) => a + n0(m.previous), 0);
  const change = cur - prev;
  const out = members.map((m): MemberContribution => {
    const effect = n0(m.current) - n0(m.previous);
    return {
      member: m.member,
      current: m.current,
      previous: m.previous,
      effect,
      shareOfTotal: cur === 0 ? null : n0(m.current) / cur,
      shareOfChange: change === 0 ? null : effect / change,
    };
  });
  return { dimension, method: 'additive', current: cur, previous: prev, change, members: out.sort(byEffect) };
};

const rateOf = (p: RatioParts): number | null =>
  p.denominator === null || p.denominator === 0 ? null : n0(p.numerator) / p.denominator;

export const mixRateContribution = (
  dimension: string,
  members: readonly RatioMember[],
): DimensionContribution => {
  const N1 = members.reduce((a, m) => a + n0(m.current.numerator), 0);
  const D1 = members.reduce((a, m) => a + n0(m.current.denominator), 0);
  const N0 = members.reduce((a, m) => a + n0(m.previous.numerator), 0);
  const D0 = members.reduce((a, m) => a + n0(m.previous.denominator), 0);
  const R1 = D1 === 0 ? null : N1 / D1;
  const R0 = D0 === 0 ? null : N0 / D0;
  if (R1 === null || R0 === null)
    return { dimension, method: 'mix_rate', current: R1, previous: R0, change: null, members: [] };
  const change = R1 - R0;
  let mixTotal = 0;
  let rateTotal = 0;
  const out = members.map((m): MemberContribution => {
    const w1 = n0(m.current.denominator) / D1;
    const w0 = n0(m.previous.denominator) / D0;
    const r1 = rateOf(m.current);
    const r0 = rateOf(m.previous);
    const effect = n0(m.current.numerator) / D1 - n0(m.previous.numerator) / D0;
    const mid = r0 !== null && r1 !== null ? (r0 + r1) / 2 : (r0 ?? r1 ?? 0);
    const mix = (w1 - w0) * mid;
    const rate = effect - mix;
    mixTotal += mix;
    rateTotal += rate;
    return {
      member: m.member,
      current: r1,
      previous: r0,
      effect,
      shareOfTotal: w1,
      shareOfChange: change === 0 ? null : effect / change,
      mix,
      rate,
      weightCurrent: w1,
      weightPrevious: w0,
    };
  });
  return {
    dimension,
    method: 'mix_rate',
    current: R1,
    previous: R0,
    change,
    mix: mixTotal,
    rate: rateTotal,
    members: out.sort(byEffect),
  };
};
