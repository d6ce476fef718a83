// The cause of a KPI's change: contributions per dimension, the top driver of each, and
// the annotations that fall in the period next to the drivers they name. Pure.
// Invariant: a driver always moved the KPI in the direction of the change; annotations
// are matched by date overlap and, for a driver, by their scope naming its member.

import { intersect, type AnnotationDef, type ComparisonKind, type DateRange, ownGet } from '@kpi/core';
import { topContribution, type AdditiveMember, type RatioMember } from './contribution.js';
import type {
  AnnotationReading,
  CauseReading,
  DimensionContribution,
  Driver,
  MemberContribution,
} from './kpi-reading.js';

/** Display names from the YAML: the dimension's (`label`) and its members' (`labels`). */
export interface DriverLabels {
  readonly label?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type DriverInput = DriverLabels &
  (
    | { readonly dimension: string; readonly kind: 'additive'; readonly members: readonly AdditiveMember[] }
    | { readonly dimension: string; readonly kind: 'ratio'; readonly members: readonly RatioMember[] }
  );

/** A member with its display name from the YAML (looked up as an own key: a member may be named `constructor`). */
const memberWithLabel = (m: MemberContribution, l: DriverLabels): MemberContribution => {
  const label = l.labels === undefined ? undefined : ownGet(l.labels, m.member);
  return label === undefined ? m : { ...m, label };
};

/** The contribution with the display names put on the dimension and its members. */
const withLabels = (c: DimensionContribution, l: DriverLabels): DimensionContribution =>
  l.label === undefined && l.labels === undefined
    ? c
    : {
        ...c,
        ...(l.label === undefined ? {} : { label: l.label }),
        members: c.members.map((m) => memberWithLabel(m, l)),
      };

export const toAnnotationReading = (a: AnnotationDef): AnnotationReading => ({
  date: a.date,
  ...(a.end === undefined ? {} : { end: a.end }),
  title: a.title,
  ...(a.description === undefined ? {} : { description: a.description }),
  ...(a.scope === undefined ? {} : { scope: a.scope }),
});

/** Annotations whose dates overlap `range`, in date order. */
export const annotationsIn = (all: readonly AnnotationDef[], range: DateRange): AnnotationReading[] =>
  all
    .filter((a) => intersect({ start: a.date, end: a.end ?? a.date }, range) !== undefined)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(toAnnotationReading);

const scopeNames = (a: AnnotationReading, dimension: string, member: string): boolean => {
  const v = ownGet(a.scope, dimension);
  if (v === undefined) return false;
  return (Array.isArray(v) ? v : [v]).some((x) => String(x) === member);
};

/** The driver of a dimension: its leader (the largest effect in the change's direction), with the annotations naming it. */
const topDriver = (
  c: DimensionContribution,
  m: MemberContribution | undefined,
  annotations: readonly AnnotationReading[],
): Driver | undefined => {
  if (c.change === null || c.change === 0 || !m) return undefined;
  return {
    dimension: c.dimension,
    ...(c.label === undefined ? {} : { dimensionLabel: c.label }),
    method: c.method,
    member: m.member,
    ...(m.label === undefined ? {} : { label: m.label }),
    current: m.current,
    previous: m.previous,
    ...(m.weightCurrent === undefined ? {} : { weightCurrent: m.weightCurrent }),
    ...(m.weightPrevious === undefined ? {} : { weightPrevious: m.weightPrevious }),
    effect: m.effect,
    shareOfChange: m.shareOfChange,
    ...(m.mix === undefined ? {} : { mix: m.mix }),
    ...(m.rate === undefined ? {} : { rate: m.rate }),
    annotations: annotations.filter((a) => scopeNames(a, c.dimension, m.member)),
  };
};

/** Keeps the `max` members with the largest effect; the rest are summed into `others` so the parts still add up. */
export const keepTopMembers = (c: DimensionContribution, max: number): DimensionContribution => {
  if (c.members.length <= max) return c;
  const rest = c.members.slice(max);
  const sum = (f: (m: (typeof rest)[number]) => number | undefined): number =>
    rest.reduce((a, m) => a + (f(m) ?? 0), 0);
  return {
    ...c,
    members: c.members.slice(0, max),
    others: {
      count: rest.length,
      effect: sum((m) => m.effect),
      ...(c.method === 'mix_rate' ? { mix: sum((m) => m.mix), rate: sum((m) => m.rate) } : {}),
    },
  };
};

export const analyseCause = (
  against: ComparisonKind,
  change: number | null,
  inputs: readonly DriverInput[] | undefined,
  annotations: readonly AnnotationReading[],
  note?: string,
  maxMembers = Infinity,
): CauseReading => {
  // A dimension with one member (e.g. pinned by the metric's filter) explains nothing.
  const split = inputs?.filter((d) => d.members.length > 1);
  return analyseSplit(against, change, split, annotations, note, maxMembers);
};

const analyseSplit = (
  against: ComparisonKind,
  change: number | null,
  inputs: readonly DriverInput[] | undefined,
  annotations: readonly AnnotationReading[],
  note: string | undefined,
  maxMembers: number,
): CauseReading => {
  if (!inputs || inputs.length === 0)
    return {
      against,
      change,
      dimensions: [],
      drivers: [],
      note: note ?? 'no dimension to break the change down by',
    };
  // Each dimension cut to its top members (the rest summed in `others`), and its leader.
  const tops = inputs.map((d) => {
    const t = topContribution(d.dimension, d, maxMembers);
    return {
      contribution: withLabels(t.contribution, d),
      leader: t.leader && memberWithLabel(t.leader, d),
    };
  });
  const drivers = tops
    .map((t) => topDriver(t.contribution, t.leader, annotations))
    .filter((d): d is Driver => d !== undefined)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const none =
    change === null
      ? 'no comparison value, so no change to explain'
      : change === 0
        ? 'no change to explain'
        : undefined;
  return {
    against,
    change,
    dimensions: tops.map((t) => t.contribution),
    drivers,
    ...(drivers.length === 0 && none ? { note: none } : {}),
  };
};
