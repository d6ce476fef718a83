// Configuration of `kpi check` rules: a severity per rule id, optionally with the reason it
// was changed. Shared by kpi.yaml's `project.checks` and a KPI's own `checks`. Pure.

import { z } from 'zod';

/** Configuration of one check: a severity, or a severity with the reason it was changed. */
export const checkSettingSchema = z
  .union([
    z.enum(['error', 'warning', 'info', 'off']),
    z.strictObject({
      severity: z.enum(['error', 'warning', 'info', 'off']),
      reason: z.string().min(1).describe('Why the check is changed or switched off; shown in reports.'),
    }),
  ])
  .describe('error, warning, info or off; or {severity, reason}.');

/** Checks configured by rule id, e.g. {"goal.focus": {severity: off, reason: "..."}}. */
export const checksSchema = z
  .record(z.string().regex(/^[a-z_]+\.[a-z_]+$/, { error: 'must be a check id such as kpi.vanity or goal.focus' }), checkSettingSchema)
  .describe('Severity overrides of kpi check rules (kpi check --list-rules shows the ids).');

export type CheckSetting = z.infer<typeof checkSettingSchema>;
export type ChecksDef = z.infer<typeof checksSchema>;
