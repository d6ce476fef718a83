// Goals, KPIs and annotations: the part of the project that says what winning means. Pure.

import { z } from 'zod';
import { filterSchema, identifierSchema, isoDateSchema, periodSchema } from './common-schema.js';
import { checksSchema } from './check-schema.js';
import { retiredSchema, rollupSchema } from './cascade-schema.js';

export const TARGET_KINDS = ['reach', 'cumulative', 'stay_above', 'stay_below'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const INDICATORS = ['leading', 'lagging'] as const;
export const TARGET_PATHS = ['linear', 'seasonal'] as const;
export type TargetPath = (typeof TARGET_PATHS)[number];

export const goalSchema = z
  .strictObject({
    title: z.string().min(1),
    description: z.string().optional(),
    owner: z.string().min(1).optional(),
    period: periodSchema,
    parent: identifierSchema.optional().describe('Name of the parent goal (cascading goals).'),
    unit: identifierSchema.optional().describe('The organisation unit that owns the goal (see units).'),
  })
  .describe('A qualitative outcome with a period, e.g. "Generate 500 qualified leads in Q1".');

export const targetSchema = z
  .strictObject({
    kind: z
      .enum(TARGET_KINDS)
      .describe(
        'reach: the level by the deadline; cumulative: the total over the goal period; stay_above / stay_below: a limit all along.',
      ),
    value: z.number().finite(),
    deadline: isoDateSchema.optional().describe('Defaults to the end of the goal period.'),
    tolerance: z
      .number()
      .min(0)
      .optional()
      .describe('Allowed miss, as a fraction of the target (0.05 = 5%) before the KPI counts as off.'),
    path: z
      .enum(TARGET_PATHS)
      .optional()
      .describe(
        'How the expected value moves from the baseline to the target: linear (default) or seasonal (shaped like the same days last year; additive metrics only).',
      ),
  })
  .describe('What the KPI must achieve.');

export const thresholdsSchema = z
  .strictObject({
    at_risk: z
      .number()
      .min(0)
      .optional()
      .describe('How far behind the target path or past the limit (fraction, 0.05 = 5%) the KPI may be and still count as on track.'),
    off_track: z
      .number()
      .min(0)
      .optional()
      .describe('How far behind (fraction) before the KPI counts as off track rather than at risk.'),
    on_track_probability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('The least forecast probability of a hit for "on track" (default 0.5); on pace alone is not enough.'),
    off_track_probability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Below this forecast probability of a hit the KPI is off track, whatever its pace (default 0.2).'),
  })
  .refine((t) => t.at_risk === undefined || t.off_track === undefined || t.at_risk <= t.off_track, {
    error: 'at_risk must not be larger than off_track',
    path: ['off_track'],
  })
  .refine(
    (t) =>
      t.on_track_probability === undefined ||
      t.off_track_probability === undefined ||
      t.off_track_probability <= t.on_track_probability,
    { error: 'off_track_probability must not be larger than on_track_probability', path: ['off_track_probability'] },
  )
  .describe('Status thresholds of this KPI; defaults depend on the target kind and its tolerance.');

export const baselineSchema = z
  .union([
    z.strictObject({ value: z.number().finite() }),
    z.strictObject({ from: isoDateSchema, to: isoDateSchema }),
  ])
  .describe('Where the KPI starts from: a value, or a date range to compute it from.');

export const counterMetricSchema = z
  .strictObject({
    metric: identifierSchema,
    tolerance: z.number().min(0).optional().describe('How much it may worsen (fraction) before a warning.'),
  })
  .describe('A metric that must not worsen while the KPI improves (the Goodhart guard).');

export const kpiSchema = z
  .strictObject({
    label: z.string().min(1).optional(),
    metric: identifierSchema,
    goal: identifierSchema,
    filter: filterSchema.optional(),
    target: targetSchema.optional(),
    baseline: baselineSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    owner: z.string().min(1).optional(),
    cadence: z.enum(CADENCES).optional().describe('How often the KPI is reviewed.'),
    indicator: z.enum(INDICATORS).optional().describe('leading (predicts the outcome) or lagging (is the outcome).'),
    min_elapsed: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Share of the current cadence period that must have passed before it is the headline; until then the last complete period is, and the current one shows as "so far (3 of 7 days)". Default 0.5; 0 always shows the current period.',
      ),
    min_volume: z
      .number()
      .min(0)
      .optional()
      .describe(
        "Ratio KPIs: the denominator needed in the period judged before it gets a verdict (\"too few sends (1) to judge\"). Default 30; 0 turns it off.",
      ),
    counter_metric: z.union([identifierSchema, counterMetricSchema]).optional(),
    description: z.string().optional(),
    checks: checksSchema
      .optional()
      .describe('kpi check overrides for this KPI only, e.g. {kpi.vanity: {severity: off, reason: "..."}}.'),
    rollup: rollupSchema.optional(),
    retired: retiredSchema.optional(),
  })
  .describe('A metric promoted to key performance indicator for a goal.');

export const annotationSchema = z
  .strictObject({
    date: isoDateSchema,
    end: isoDateSchema.optional(),
    title: z.string().min(1),
    description: z.string().optional(),
    scope: filterSchema.optional().describe('Dimension values the event concerns, e.g. {channel: paid_social}.'),
  })
  .describe('A dated event that explains movements: a launch, an outage, a campaign.');

export type GoalDef = z.infer<typeof goalSchema>;
export type TargetDef = z.infer<typeof targetSchema>;
export type ThresholdsDef = z.infer<typeof thresholdsSchema>;
export type BaselineDef = z.infer<typeof baselineSchema>;
export type KpiDef = z.infer<typeof kpiSchema>;
export type AnnotationDef = z.infer<typeof annotationSchema>;
