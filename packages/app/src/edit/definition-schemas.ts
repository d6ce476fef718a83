// Request shapes for editing goals, KPIs and annotations, derived from the project
// schemas so an API edit is checked by the same rules as the YAML file. Pure.
// Invariant: a patch names only fields to change; `null` removes an optional field;
// `target` and `period` merge field by field, every other field is replaced whole.

import { z } from 'zod';
import {
  annotationSchema,
  baselineSchema,
  counterMetricSchema,
  filterSchema,
  goalSchema,
  identifierSchema,
  isoDateSchema,
  kpiSchema,
  retiredSchema,
  targetSchema,
  CADENCES,
  INDICATORS,
} from '@kpi/core';

const reason = z
  .string()
  .min(1)
  .max(1000)
  .optional()
  .describe('Why the change was made (kept in the history).');
const text = z.string().min(1).max(2000);

export const newKpiSchema = kpiSchema
  .extend({ name: identifierSchema.describe('The KPI name (key in the kpis section).'), reason })
  .describe('A new KPI.');

/** Fields of a target to change; the optional ones take `null` to go back to their default. */
const targetPatchSchema = z
  .strictObject({
    kind: targetSchema.shape.kind.optional(),
    value: targetSchema.shape.value.optional(),
    deadline: targetSchema.shape.deadline.nullable(),
    tolerance: targetSchema.shape.tolerance.nullable(),
    path: targetSchema.shape.path.nullable(),
  })
  .describe('Fields of the target to change (null removes deadline, tolerance or path).');

export const kpiPatchSchema = z
  .strictObject({
    label: text.nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    owner: text.nullable().optional(),
    cadence: z.enum(CADENCES).nullable().optional(),
    indicator: z.enum(INDICATORS).nullable().optional(),
    target: targetPatchSchema.nullable().optional(),
    baseline: baselineSchema.nullable().optional(),
    counter_metric: z.union([identifierSchema, counterMetricSchema]).nullable().optional(),
    filter: filterSchema.nullable().optional(),
    metric: identifierSchema.optional(),
    goal: identifierSchema.optional(),
    retired: retiredSchema.nullable().optional().describe('Retire the KPI (null brings it back).'),
    reason,
  })
  .describe('Changes to a KPI: targets, owner, cadence and more.');

export const newGoalSchema = goalSchema
  .extend({ name: identifierSchema.describe('The goal name (key in the goals section).'), reason })
  .describe('A new goal.');

export const goalPatchSchema = z
  .strictObject({
    title: text.optional(),
    description: z.string().max(5000).nullable().optional(),
    owner: text.nullable().optional(),
    period: z.strictObject({ start: isoDateSchema, end: isoDateSchema }).partial().optional(),
    parent: identifierSchema.nullable().optional(),
    unit: identifierSchema.nullable().optional().describe('The organisation unit (null: none).'),
    reason,
  })
  .describe('Changes to a goal.');

export const newAnnotationSchema = annotationSchema.extend({ reason }).describe('A new annotation.');

export type NewKpiInput = z.infer<typeof newKpiSchema>;
export type KpiPatch = z.infer<typeof kpiPatchSchema>;
export type NewGoalInput = z.infer<typeof newGoalSchema>;
export type GoalPatch = z.infer<typeof goalPatchSchema>;
export type NewAnnotationInput = z.infer<typeof newAnnotationSchema>;

/** Fields merged field by field; the rest are replaced whole. */
export const MERGED_FIELDS: ReadonlySet<string> = new Set(['target', 'period']);
