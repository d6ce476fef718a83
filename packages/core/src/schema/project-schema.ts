// The whole project file: settings plus the sections. One schema for kpi.yaml and for
// every file under definitions/ (each holds a part of the sections). Pure.

import { z } from 'zod';
import { currencyCodeSchema, identifierSchema } from './common-schema.js';
import { datasetSchema } from './dataset-schema.js';
import { metricSchema } from './metric-schema.js';
import { annotationSchema, goalSchema, kpiSchema } from './goal-schema.js';
import { checksSchema } from './check-schema.js';
import { objectiveSchema, unitSchema } from './cascade-schema.js';
import { limitsSchema } from '../limits/input-limits.js';
import { alertSchema, channelSchema, reportScheduleSchema } from './delivery-schema.js';
import { churnSchema } from './churn-schema.js';
import { utmSchema } from './utm-schema.js';

export { checkSettingSchema, checksSchema } from './check-schema.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const settingsSchema = z.strictObject({
  name: z.string().min(1).describe('Project name.'),
  timezone: z
    .string()
    .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/New_York' })
    .default('UTC'),
  week_start: z.enum(WEEKDAYS).default('monday').describe('First day of a week (ISO weeks start on Monday).'),
  fiscal_year_start: z.number().int().min(1).max(12).default(1).describe('Month the fiscal year starts (1-12).'),
  currency: currencyCodeSchema.default('USD'),
  checks: checksSchema.optional(),
  limits: limitsSchema.optional(),
  database: z
    .strictObject({
      url_env: z
        .string()
        .regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must be an environment variable name such as KPI_DATABASE_URL' })
        .describe('The environment variable that holds the postgres:// URL (never the URL itself: it holds a password).'),
    })
    .optional()
    .describe(
      "Where the facts live when not in the embedded DuckDB file: a PostgreSQL database whose tables (one per dataset, named as the dataset) kpi queries in place. kpi keeps its own tables there too, all named _kpi_*.",
    ),
});

const sections = {
  datasets: z.record(identifierSchema, datasetSchema).optional(),
  metrics: z.record(identifierSchema, metricSchema).optional(),
  units: z.record(identifierSchema, unitSchema).optional(),
  goals: z.record(identifierSchema, goalSchema).optional(),
  kpis: z.record(identifierSchema, kpiSchema).optional(),
  annotations: z.array(annotationSchema).optional(),
  objectives: z.record(identifierSchema, objectiveSchema).optional(),
  channels: z.record(identifierSchema, channelSchema).optional(),
  reports: z.record(identifierSchema, reportScheduleSchema).optional(),
  alerts: z.record(identifierSchema, alertSchema).optional(),
  churn: z.record(identifierSchema, churnSchema).optional(),
  /** One section for the whole project: in kpi.yaml or in one definitions file. */
  utm: utmSchema.optional(),
};

/** The main kpi.yaml: version, project settings and any sections. */
export const projectFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).describe('Project file format version.'),
    project: settingsSchema,
    ...sections,
  })
  .describe('A kpi project: datasets, metrics, goals, KPIs, annotations, and the reports and alerts sent from them.');

/** A file under definitions/: a part of the sections, no settings. */
export const partFileSchema = z.strictObject({ $schema: z.string().optional(), ...sections });

export type ProjectSettings = z.infer<typeof settingsSchema>;
export type ProjectFile = z.infer<typeof projectFileSchema>;
export type PartFile = z.infer<typeof partFileSchema>;
