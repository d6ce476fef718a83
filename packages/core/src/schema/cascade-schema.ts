// Cascading goals and OKRs: organisation units, KPI roll-ups, retirement, objectives with
// key results. Pure. Invariant: cross-references (unit parents, roll-up sources, key-result
// metrics) are checked in project/validate-cascade.ts, not here.

import { z } from 'zod';
import { filterSchema, identifierSchema, isoDateSchema } from './common-schema.js';

export const UNIT_KINDS = ['company', 'department', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const ROLLUP_METHODS = ['sum', 'weighted_average', 'worst_status'] as const;
export type RollupMethod = (typeof ROLLUP_METHODS)[number];

export const unitSchema = z
  .strictObject({
    title: z.string().min(1),
    kind: z.enum(UNIT_KINDS),
    parent: identifierSchema.optional().describe('The unit this one belongs to (a team in a department).'),
    owner: z.string().min(1).optional(),
  })
  .describe('An organisation unit: the company, a department or a team.');

export const rollupSchema = z
  .strictObject({
    from: z.array(identifierSchema).min(1).describe('The child KPIs this KPI is computed from.'),
    method: z
      .enum(ROLLUP_METHODS)
      .describe('sum of the values, weighted_average of the values, or the worst_status of the children.'),
    weights: z
      .record(identifierSchema, z.number().min(0))
      .optional()
      .describe('Weight per child KPI for weighted_average (default 1 each).'),
  })
  .describe('How a KPI on a parent goal rolls up from the KPIs of child goals.');

export const retiredSchema = z
  .strictObject({
    date: isoDateSchema,
    reason: z.string().min(1),
  })
  .describe('The KPI was retired: it leaves the scorecard and the checks but keeps its history.');

export const QUARTER_RE = /^\d{4}-Q[1-4]$/;

export const keyResultSchema = z
  .strictObject({
    title: z.string().min(1),
    start: z.number().finite().describe('The value when the quarter began.'),
    target: z.number().finite().describe('The value that counts as fully achieved.'),
    weight: z.number().positive().optional().describe('Relative weight in the objective (default 1).'),
    metric: identifierSchema.optional().describe('Bind to a metric: its quarter-to-date value updates the key result.'),
    filter: filterSchema.optional(),
    current: z.number().finite().optional().describe('The value now, for key results not bound to a metric.'),
  })
  .describe('A measurable key result: from a start value to a target within the quarter.');

export const objectiveSchema = z
  .strictObject({
    title: z.string().min(1),
    quarter: z.string().regex(QUARTER_RE, { error: 'must be a quarter written YYYY-Qn, e.g. 2025-Q3' }),
    owner: z.string().min(1).optional(),
    unit: identifierSchema.optional(),
    goal: identifierSchema.optional().describe('The goal this objective serves.'),
    key_results: z.array(keyResultSchema).describe('Two to five key results (kpi check flags other counts).'),
  })
  .describe('An OKR objective: a quarterly stretch outcome measured by two to five key results.');

export type UnitDef = z.infer<typeof unitSchema>;
export type RollupDef = z.infer<typeof rollupSchema>;
export type RetiredDef = z.infer<typeof retiredSchema>;
export type KeyResultDef = z.infer<typeof keyResultSchema>;
export type ObjectiveDef = z.infer<typeof objectiveSchema>;
