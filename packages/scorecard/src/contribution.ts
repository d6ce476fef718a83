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

/** A member's contribution to an additive change (`cur`: the dimension's current total). */
const additiveMember = (m: AdditiveMember, cur: number, change: number): MemberContribution => {
  const effect = n0(m.current) - n0(m.previous);
  return {
    member: m.member,
    current: m.current,
    previous: m.previous,
    effect,
    shareOfTotal: cur === 0 ? null : n0(m.current) / cur,
    shareOfChange: change === 0 ? null : effect / change,
  };
};

const additiveTotals = (members: readonly AdditiveMember[]) => {
  const cur = members.reduce((a, m) => a + n0(m.current), 0);
  const prev = members.reduce((a, m) => a + n0(m.previous), 0);
  return { cur, prev, change: cur - prev };
};

export const additiveContribution = (
  dimension: string,
  members: readonly AdditiveMember[],
): DimensionContribution => {
  const { cur, prev, change } = additiveTotals(members);
  const out = members.map((m) => additiveMember(m, cur, change));
  return { dimension, method: 'additive', current: cur, previous: prev, change, members: out.sort(byEffect) };
};

const rateOf = (p: RatioParts): number | null =>
  p.denominator === null || p.denominator === 0 ? null : n0(p.numerator) / p.denominator;

const ratioTotals = (members: readonly RatioMember[]) => {
  const N1 = members.reduce((a, m) => a + n0(m.current.numerator), 0);
  const D1 = members.reduce((a, m) => a + n0(m.current.denominator), 0);
  const N0 = members.reduce((a, m) => a + n0(m.previous.numerator), 0);
  const D0 = members.reduce((a, m) => a + n0(m.previous.denominator), 0);
  return { N1, D1, N0, D0, R1: D1 === 0 ? null : N1 / D1, R0: D0 === 0 ? null : N0 / D0 };
};

/** A member's contribution to a ratio's change, split into mix and rate (see the header). */
const ratioMember = (m: RatioMember, D1: number, D0: number, change: number): MemberContribution => {
  const w1 = n0(m.current.denominator) / D1;
  const w0 = n0(m.previous.denominator) / D0;
  const r1 = rateOf(m.current);
  const r0 = rateOf(m.previous);
  const effect = n0(m.current.numerator) / D1 - n0(m.previous.numerator) / D0;
  const mid = r0 !== null && r1 !== null ? (r0 + r1) / 2 : (r0 ?? r1 ?? 0);
  const mix = (w1 - w0) * mid;
  const rate = effect - mix;
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
};

/** The dimension's figures of a ratio's change, with mix and rate summed over every member (in input order). */
const ratioHead = (
  dimension: string,
  R1: number,
  R0: number,
  members: readonly MemberContribution[],
): Omit<DimensionContribution, 'members'> => {
  let mix = 0;
  let rate = 0;
  for (const c of members) {
    mix += c.mix as number;
    rate += c.rate as number;
  }
  return { dimension, method: 'mix_rate', current: R1, previous: R0, change: R1 - R0, mix, rate };
};

export const mixRateContribution = (
  dimension: string,
  members: readonly RatioMember[],
): DimensionContribution => {
  const { D1, D0, R1, R0 } = ratioTotals(members);
  if (R1 === null || R0 === null)
    return { dimension, method: 'mix_rate', current: R1, previous: R0, change: null, members: [] };
  const change = R1 - R0;
  const out = members.map((m) => ratioMember(m, D1, D0, change));
  return { ...ratioHead(dimension, R1, R0, out), members: out.sort(byEffect) };
};

/** A contribution cut to its top members, and the member that leads the change's direction. */
export interface TopContribution {
  /** As keepTopMembers of the full contribution gives it: the `max` largest effects, the rest in `others`. */
  readonly contribution: DimensionContribution;
  /** The member with the largest effect of the change's sign (first of them in byEffect order). */
  readonly leader: MemberContribution | undefined;
}

/**
 * The full contribution's top `max` members (byEffect order), the others summed, and the
 * leader, without building or sorting a contribution for every member: a campaign
 * dimension holds tens of thousands of members and a scorecard asks it for every KPI.
 * The same members, figures and leader as the full route; the sums of the others may
 * differ from a sum in sorted order in the last bits.
 */
export const topContribution = (
  dimension: string,
  input:
    | { readonly kind: 'additive'; readonly members: readonly AdditiveMember[] }
    | { readonly kind: 'ratio'; readonly members: readonly RatioMember[] },
  max: number,
): TopContribution => {
  const n = input.members.length;
  const effect = new Float64Array(n);
  const mix = new Float64Array(input.kind === 'ratio' ? n : 0);
  let head: Omit<DimensionContribution, 'members'>;
  let build: (i: number) => MemberContribution;
  if (input.kind === 'additive') {
    const ms = input.members;
    const { cur, prev, change } = additiveTotals(ms);
    for (let i = 0; i < n; i++) {
      const m = ms[i] as AdditiveMember;
      effect[i] = n0(m.current) - n0(m.previous);
    }
    head = { dimension, method: 'additive', current: cur, previous: prev, change };
    build = (i) => additiveMember(ms[i] as AdditiveMember, cur, change);
  } else {
    const ms = input.members;
    const { D1, D0, R1, R0 } = ratioTotals(ms);
    if (R1 === null || R0 === null)
      return {
        contribution: { dimension, method: 'mix_rate', current: R1, previous: R0, change: null, members: [] },
        leader: undefined,
      };
    const change = R1 - R0;
    const all = ms.map((m) => ratioMember(m, D1, D0, change));
    all.forEach((c, i) => {
      effect[i] = c.effect;
      mix[i] = c.mix as number;
    });
    head = ratioHead(dimension, R1, R0, all);
    build = (i) => ratioMember(ms[i] as RatioMember, D1, D0, change);
  }
  const name = (i: number): string => (input.members[i] as { member: string }).member;
  // i before j in byEffect order: larger |effect| first, then the member name.
  const before = (i: number, j: number): boolean => {
    const d = Math.abs(effect[j] as number) - Math.abs(effect[i] as number);
    return d < 0 || (d === 0 && name(i) < name(j));
  };
  const keep = Math.min(max, n);
  const top: number[] =
    keep === n
      ? Array.from({ length: n }, (_, i) => i).sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0))
      : [];
  for (let i = 0; i < n && keep > 0 && keep < n; i++) {
    if (top.length === keep && !before(i, top[keep - 1] as number)) continue;
    let at = top.length === keep ? keep - 1 : top.length;
    top[at] = i;
    while (at > 0 && before(i, top[at - 1] as number)) {
      top[at] = top[at - 1] as number;
      top[at - 1] = i;
      at--;
    }
  }
  const sign = head.change === null || head.change === 0 ? 0 : Math.sign(head.change);
  let lead = -1;
  if (sign !== 0)
    for (let i = 0; i < n; i++)
      if (Math.sign(effect[i] as number) === sign && (lead < 0 || before(i, lead))) lead = i;
  const members = top.map(build);
  const leader = lead < 0 ? undefined : (members[top.indexOf(lead)] ?? build(lead));
  if (n <= keep) return { contribution: { ...head, members }, leader };
  const chosen = new Uint8Array(n);
  for (const i of top) chosen[i] = 1;
  let restEffect = 0;
  let restMix = 0;
  for (let i = 0; i < n; i++)
    if (chosen[i] === 0) {
      restEffect += effect[i] as number;
      if (input.kind === 'ratio') restMix += mix[i] as number;
    }
  const restRate = input.kind === 'ratio' ? restEffect - restMix : 0;
  return {
    contribution: {
      ...head,
      members,
      others: {
        count: n - keep,
        effect: restEffect,
        ...(input.kind === 'ratio' ? { mix: restMix, rate: restRate } : {}),
      },
    },
    leader,
  };
};
