// Use-cases: create and edit KPIs and goals, add annotations — written back into the
// project's YAML files and recorded in the change history. IO.
// Invariants: input is validated by schemas derived from the project schemas, the whole
// project is validated before a file is replaced, and every change is recorded with who
// and why; a change of a KPI's target or baseline needs a reason (refused before any
// file is touched); the caller receives the reloaded project.

import { KpiError, NotFoundError, type KpiDef, type Project, ownGet } from '@kpi/core';
import {
  MERGED_FIELDS,
  goalPatchSchema,
  kpiPatchSchema,
  newAnnotationSchema,
  type KpiPatch,
  newGoalSchema,
  newKpiSchema,
} from '../edit/definition-schemas.js';
import { writeProjectEdit, type PendingEdit } from '../edit/project-writer.js';
import { addEntry, appendItem, patchEntry } from '../edit/yaml-patch.js';
import { PROJECT_FILE, type LoadedProject } from '../project-files.js';
import type { ChangeEntity } from './change-history.js';
import { parseInput } from './manage-users.js';

export interface EditResult {
  readonly project: LoadedProject;
  readonly file: string;
}

const fileOf = (p: Project, section: 'kpis' | 'goals', name: string | undefined): string | undefined =>
  name === undefined ? undefined : ownGet(p.locations, `${section}.${name}`)?.file;

const firstFileWith = (p: Project, prefix: string): string | undefined =>
  Object.entries(p.locations).find(([k]) => k.startsWith(prefix))?.[1].file;

const conflict = (section: string, name: string): KpiError =>
  new KpiError(`${section}.exists`, `${section} "${name}" already exists`, { kind: 'conflict' });

/** Writes the file and its history row as one recoverable step (see project-writer). */
const finish = async (
  w: PendingEdit,
  actor: string,
  entity: ChangeEntity,
  name: string,
  action: 'create' | 'update',
  before: unknown,
  after: unknown,
  reason: string | undefined,
): Promise<EditResult> => {
  await w.commit({
    actor,
    entity,
    name,
    action,
    before,
    after,
    reason: reason ?? null,
    file: w.file,
  });
  return { project: w.after, file: w.file };
};

export const createKpi = async (lp: LoadedProject, actor: string, input: unknown): Promise<EditResult> => {
  const { name, reason, ...def } = parseInput(newKpiSchema, input, 'new KPI');
  const w = await writeProjectEdit(lp.dir, (p) => {
    if (ownGet(p.kpis, name)) throw conflict('kpis', name);
    return {
      file: fileOf(p, 'goals', def.goal) ?? firstFileWith(p, 'kpis.') ?? PROJECT_FILE,
      apply: (doc) => addEntry(doc, 'kpis', name, def),
    };
  });
  return finish(w, actor, 'kpi', name, 'create', null, ownGet(w.after.project.kpis, name), reason);
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The accountable fields a patch would change: target fields (merged) and the baseline (replaced). */
export const targetFieldsChanged = (current: KpiDef, patch: KpiPatch): string[] => {
  const out: string[] = [];
  if (patch.target === null) {
    if (current.target !== undefined) out.push('target');
  } else if (patch.target !== undefined) {
    const now = (current.target ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch.target)) if (!same(now[k], v)) out.push(`target.${k}`);
  }
  if (patch.baseline !== undefined && !same(current.baseline, patch.baseline)) out.push('baseline');
  return out;
};

const reasonRequired = (name: string, fields: readonly string[]): KpiError =>
  new KpiError(
    'edit.reason_required',
    `changing ${fields.join(', ')} of KPI ${name} needs a reason; nothing was written`,
    {
      kind: 'problems',
      hint: 'say why the target moves (e.g. "agreed at the Q3 planning"): it is kept in the history',
      details: {
        fields,
        issues: [
          {
            code: 'edit.reason_required',
            severity: 'error',
            message: `a reason is required to change ${fields.join(', ')}`,
            path: ['reason'],
            hint: 'send "reason" with the change; it is shown in the KPI history with who and when',
          },
        ],
      },
    },
  );

/** A blank reason counts as none (so it is refused as missing, not as malformed). */
const withoutBlankReason = (input: unknown): unknown => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const r = (input as Record<string, unknown>)['reason'];
  if (typeof r !== 'string' || r.trim() !== '') return input;
  const { reason: _blank, ...rest } = input as Record<string, unknown>;
  return rest;
};

export const editKpi = async (
  lp: LoadedProject,
  actor: string,
  name: string,
  input: unknown,
): Promise<EditResult> => {
  const { reason, ...patch } = parseInput(kpiPatchSchema, withoutBlankReason(input), 'KPI change');
  const w = await writeProjectEdit(lp.dir, (p) => {
    const file = fileOf(p, 'kpis', name);
    const current = ownGet(p.kpis, name);
    if (!current || !file) throw new NotFoundError('kpi.not_found', `no KPI "${name}"`);
    const changed = targetFieldsChanged(current, patch);
    if (changed.length > 0 && reason === undefined) throw reasonRequired(name, changed);
    return { file, apply: (doc) => patchEntry(doc, ['kpis', name], patch, MERGED_FIELDS) };
  });
  return finish(
    w,
    actor,
    'kpi',
    name,
    'update',
    ownGet(w.before.project.kpis, name),
    ownGet(w.after.project.kpis, name),
    reason,
  );
};

export const createGoal = async (lp: LoadedProject, actor: string, input: unknown): Promise<EditResult> => {
  const { name, reason, ...def } = parseInput(newGoalSchema, input, 'new goal');
  const w = await writeProjectEdit(lp.dir, (p) => {
    if (ownGet(p.goals, name)) throw conflict('goals', name);
    return {
      file: fileOf(p, 'goals', def.parent) ?? firstFileWith(p, 'goals.') ?? PROJECT_FILE,
      apply: (doc) => addEntry(doc, 'goals', name, def),
    };
  });
  return finish(w, actor, 'goal', name, 'create', null, ownGet(w.after.project.goals, name), reason);
};

export const editGoal = async (
  lp: LoadedProject,
  actor: string,
  name: string,
  input: unknown,
): Promise<EditResult> => {
  const { reason, ...patch } = parseInput(goalPatchSchema, input, 'goal change');
  const w = await writeProjectEdit(lp.dir, (p) => {
    const file = fileOf(p, 'goals', name);
    if (!ownGet(p.goals, name) || !file) throw new NotFoundError('goal.not_found', `no goal "${name}"`);
    return { file, apply: (doc) => patchEntry(doc, ['goals', name], patch, MERGED_FIELDS) };
  });
  return finish(
    w,
    actor,
    'goal',
    name,
    'update',
    ownGet(w.before.project.goals, name),
    ownGet(w.after.project.goals, name),
    reason,
  );
};

export const addAnnotation = async (
  lp: LoadedProject,
  actor: string,
  input: unknown,
): Promise<EditResult> => {
  const { reason, ...def } = parseInput(newAnnotationSchema, input, 'new annotation');
  const w = await writeProjectEdit(lp.dir, (p) => ({
    file: firstFileWith(p, 'annotations.') ?? firstFileWith(p, 'goals.') ?? PROJECT_FILE,
    apply: (doc) => appendItem(doc, 'annotations', def),
  }));
  return finish(w, actor, 'annotation', def.title, 'create', null, def, reason);
};
