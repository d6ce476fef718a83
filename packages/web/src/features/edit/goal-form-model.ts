// The goal form as plain strings, and the requests built from it: the whole goal for
// POST /api/goals, only the changed fields for PATCH /api/goals/{name}. Pure.
// Invariants: an empty optional input removes the field (null in a patch); the period is
// patched field by field; an emptied optional field is sent as null (removed).

import type { GoalDef } from '../../api/api-types';

export interface GoalForm {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly start: string;
  readonly end: string;
  readonly parent: string;
  readonly unit: string;
  readonly reason: string;
}

export const GOAL_FIELDS: readonly string[] = [
  'name',
  'title',
  'description',
  'owner',
  'period',
  'period.start',
  'period.end',
  'parent',
  'unit',
  'reason',
];

export const goalFormOf = (g: GoalDef | undefined): GoalForm => ({
  name: g?.name ?? '',
  title: g?.title ?? '',
  description: g?.description ?? '',
  owner: g?.owner ?? '',
  start: g?.period?.start ?? '',
  end: g?.period?.end ?? '',
  parent: g?.parent ?? '',
  unit: g?.unit ?? '',
  reason: '',
});

export const newGoalBody = (f: GoalForm): Record<string, unknown> => {
  const body: Record<string, unknown> = {
    name: f.name.trim(),
    title: f.title.trim(),
    period: { start: f.start, end: f.end },
  };
  const put = (k: string, v: string) => {
    if (v.trim() !== '') body[k] = v.trim();
  };
  put('description', f.description);
  put('owner', f.owner);
  put('parent', f.parent);
  put('unit', f.unit);
  put('reason', f.reason);
  return body;
};

export const goalPatchBody = (before: GoalForm, f: GoalForm): Record<string, unknown> => {
  const patch: Record<string, unknown> = {};
  if (f.title.trim() !== before.title.trim()) patch['title'] = f.title.trim();
  const opt = (key: string, a: string, b: string) => {
    if (a.trim() !== b.trim()) patch[key] = b.trim() === '' ? null : b.trim();
  };
  opt('description', before.description, f.description);
  opt('owner', before.owner, f.owner);
  opt('parent', before.parent, f.parent);
  opt('unit', before.unit, f.unit);
  const period: Record<string, string> = {};
  if (f.start !== before.start) period['start'] = f.start;
  if (f.end !== before.end) period['end'] = f.end;
  if (Object.keys(period).length > 0) patch['period'] = period;
  if (Object.keys(patch).length > 0 && f.reason.trim() !== '') patch['reason'] = f.reason.trim();
  return patch;
};

export const goalRequired = (f: GoalForm, isNew: boolean): Record<string, string> => {
  const e: Record<string, string> = {};
  if (isNew && f.name.trim() === '') e['name'] = 'Enter a name for the goal.';
  if (f.title.trim() === '') e['title'] = 'Enter a title.';
  if (f.start === '') e['period.start'] = 'Enter the first day of the goal period.';
  if (f.end === '') e['period.end'] = 'Enter the last day of the goal period.';
  return e;
};
