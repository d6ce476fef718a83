// Zod schemas of API inputs and outputs that are not project-file schemas: the OpenAPI
// document is generated from these and from the project schemas. Pure.
// Invariant: a name the caller looks up (path, query, metrics and dimensions of a query,
// columns of a column map) is checked with `nameSchema` (format only), so an unknown
// "constructor" is refused by the lookup like any other unknown name; a name that will be
// written into the project files is checked by the project schemas (reserved names refused).

import { z } from 'zod';
import {
  GRAINS,
  annotationSchema,
  datasetSchema,
  goalSchema,
  isoDateSchema,
  kpiSchema,
  metricSchema,
  nameSchema,
} from '@kpi/core';
import { ROLES, TOKEN_ACCESS } from '@kpi/app';

export const nameParams = z.strictObject({ name: nameSchema });
export const idParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{12}$/, { error: 'not a token id' }),
});

const issue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  hint: z.string().optional(),
});

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable dotted code, e.g. auth.forbidden or input.invalid.'),
      message: z.string(),
      details: z
        .record(z.string(), z.unknown())
        .describe('For 422: `issues`, each with a path into the input.'),
      hint: z.string().optional(),
      requestId: z.string(),
    }),
  })
  .describe('Every error has this shape.');

export const userSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  createdAt: z.string(),
});

export const tokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  access: z.enum(TOKEN_ACCESS),
  datasets: z.array(z.string()).nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('When the token stops working; null: never.'),
  lastUsedAt: z.string().nullable().describe('Last use (recorded at most once a minute); null: never used.'),
});

export const loginSchema = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const setupSchema = z.strictObject({
  setupToken: z.string().max(200).describe('The secret from the setup link printed at first start.'),
  email: z.string().max(254),
  name: z.string().max(200).optional(),
  password: z.string().max(200),
});

export const meSchema = z.object({
  user: userSchema,
  via: z.enum(['session', 'token']),
  token: z.object({ id: z.string(), name: z.string(), access: z.enum(TOKEN_ACCESS) }).optional(),
  csrfToken: z.string().optional(),
});

export const okSchema = z.object({ ok: z.literal(true) });

export const healthSchema = z.object({ status: z.literal('ok'), project: z.string() });

export const projectSchema = z.object({
  name: z.string(),
  timezone: z.string(),
  week_start: z.string(),
  fiscal_year_start: z.number(),
  currency: z.string(),
  counts: z.object({
    datasets: z.number(),
    metrics: z.number(),
    goals: z.number(),
    kpis: z.number(),
    annotations: z.number(),
  }),
  churn: z.array(z.string()).describe('Names of the churn definitions (for the churn view).'),
});

const named = <S extends z.ZodObject>(s: S) => s.extend({ name: z.string() });
export const datasetOut = named(
  datasetSchema.extend({
    snapshot: z
      .boolean()
      .optional()
      .describe('True when the time column is the import date (a dataset without time in kpi.yaml).'),
  }),
);
// Each kind gets the name (an intersection with a closed object could never match).
const [simpleMetric, snapshotMetric, ratioMetric, derivedMetric, churnMetric] = metricSchema.options;
export const metricOut = z.discriminatedUnion('kind', [
  named(simpleMetric),
  named(snapshotMetric),
  named(ratioMetric),
  named(derivedMetric),
  named(churnMetric),
]);
export const goalOut = named(goalSchema).extend({ kpis: z.array(z.string()) });
export const kpiOut = named(kpiSchema);

export const datasetStatsSchema = z.object({
  dataset: z.string(),
  rows: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  lastImport: z.object({ at: z.string(), file: z.string(), rows: z.number() }).nullable(),
});

export const importSummarySchema = z.object({
  dataset: z.string(),
  file: z.string(),
  format: z.enum(['csv', 'ndjson', 'json']),
  rowsRead: z.number(),
  inserted: z.number(),
  updated: z.number(),
  rejected: z.number(),
  seconds: z.number(),
  ignoredColumns: z.array(z.string()),
  missingColumns: z.array(z.string()),
  dryRun: z.boolean(),
  route: z.enum(['fast', 'checked']),
  replaced: z.number().optional().describe('Stored rows replaced (a snapshot, or a dataset without a key).'),
  snapshotDate: z.string().optional().describe('The snapshot written (datasets without a time column).'),
  totalsSkipped: z.number().optional().describe('Totals rows of the export left out.'),
  rejectsCsv: z
    .string()
    .optional()
    .describe(
      'With keepRejects and rejected rows: the rejected rows as CSV (line, column, reason, then the fields).',
    ),
  replayed: z.boolean().describe('True when this answers a retried request with the same Idempotency-Key.'),
});

const cell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export const pushRowsSchema = z
  .array(z.record(z.string().max(200), cell))
  .min(1)
  .max(100_000)
  .describe('Rows as JSON objects keyed by column (or source header) name.');

export const queryBodySchema = z
  .strictObject({
    metrics: z.array(nameSchema).min(1).max(20),
    grain: z.enum(GRAINS).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    last: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('The last N periods of `grain`, this one included.'),
    groupBy: z.array(nameSchema).max(5).optional(),
    where: z.record(nameSchema, z.array(z.string().max(500)).min(1).max(200)).optional(),
  })
  .describe('A metric query: metrics by period and dimensions, filtered by dimension values.');

export const metricValuesQuery = z.strictObject({
  grain: z.enum(GRAINS).optional(),
  last: z.coerce.number().int().min(1).max(1000).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  by: nameSchema.optional().describe('A dimension to group by.'),
});

export const queryOutSchema = z.object({
  columns: z.array(
    z.object({
      name: z.string(),
      role: z.enum(['period', 'dimension', 'metric']),
      unit: z.string().optional(),
      currency: z.string().optional(),
    }),
  ),
  rows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))
    .describe(
      'One object per row, keyed by column name: periods and dimensions as text, metrics as numbers.',
    ),
  sql: z.string(),
  params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).describe('The bound values.'),
});

export const changeSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  entity: z.enum(['kpi', 'goal', 'annotation']),
  name: z.string(),
  action: z.enum(['create', 'update']),
  before: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The definition before the change (null when created).'),
  after: z.record(z.string(), z.unknown()).nullable().describe('The definition after the change.'),
  reason: z.string().nullable(),
  file: z.string().nullable(),
});

export const reviewSchema = z.object({
  id: z.number(),
  at: z.string(),
  author: z.string(),
  kpi: z.string().nullable(),
  decision: z.string(),
  note: z.string(),
});

export const editResultSchema = (entity: z.ZodType) =>
  z.object({ file: z.string().describe('The project file that was changed.'), value: entity });

const position = z.object({ file: z.string(), line: z.number(), column: z.number() });

export const findingSchema = issue
  .extend({
    rule: z
      .string()
      .describe('The rule id (`kpi.vanity`), or `project.load` for a warning found loading the files.'),
    kpi: z.string().optional(),
    goal: z.string().optional(),
    position: position.optional().describe('Where in the project files (line and column are 1-based).'),
  })
  .describe('One finding of the KPI checks.');

export const checksSchema = z.object({
  today: isoDateSchema.describe('The day the checks were run for (project time zone).'),
  withData: z.boolean().describe('False when the data-backed rules were skipped (`data=false`).'),
  counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  findings: z.array(findingSchema).describe('Errors first, then warnings, then notes.'),
  suppressed: z
    .array(
      z.object({
        rule: z.string(),
        code: z.string(),
        kpi: z.string().optional(),
        goal: z.string().optional(),
        reason: z.string(),
      }),
    )
    .describe('Findings switched off in kpi.yaml, with the recorded reason.'),
});

export const checksQuery = z.strictObject({
  kpi: nameSchema.optional().describe("Only this KPI's findings."),
  goal: nameSchema.optional().describe("Only this goal's findings (its KPIs' included)."),
  data: z.enum(['true', 'false']).optional().describe('false: skip the rules that read data (faster).'),
});

export const annotationOut = annotationSchema;

export const historyQuery = z.strictObject({
  entity: z.enum(['kpi', 'goal', 'annotation']).optional(),
  name: z.string().max(200).optional(),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only changes made after this instant (ISO 8601 with Z or an offset), e.g. the last visit.'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('At most this many (default 1000).'),
});

export const pushQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
});

export const importQuery = z.strictObject({
  filename: z.string().max(255).optional().describe('The uploaded file name (shown in the import log).'),
  dryRun: z.enum(['true', 'false']).optional(),
  decimalComma: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: numbers are written 1.234,5; false: 1,234.5; left out: told from the first rows.'),
  dateFormat: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('strftime format of the dates in this file, e.g. %d.%m.%Y (ISO dates are always accepted).'),
  keepRejects: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'true: load the good rows and answer the bad ones as rejectsCsv, instead of refusing the file.',
    ),
  columns: z
    .string()
    .max(50_000)
    .optional()
    .describe(
      'A JSON object mapping dataset columns to file headers, e.g. {"date":"Day","campaign_id":"Campaign ID"}; a mapped header wins over matching by name; an empty string says the column is not in the file (it is not matched by name).',
    ),
});

/** The decoded `columns` of an import: dataset column -> file header ("" = not in the file). */
export const columnMapSchema = z
  .record(nameSchema, z.string().trim().max(200))
  .refine((m) => Object.keys(m).length <= 500, { error: 'at most 500 columns' });

const bandPeriod = z.object({
  start: isoDateSchema,
  end: isoDateSchema.describe('Last day of the period.'),
  label: z.string().describe('"W46 2026", "Nov 2026", "Q4 2026".'),
});

export const forecastBandSchema = z
  .object({
    kpi: z.string(),
    metric: z.string(),
    grain: z.enum(GRAINS).describe("The KPI's review cadence as a period: week, month or quarter."),
    asOf: isoDateSchema.describe('The last complete day; only periods closed by then are history.'),
    deadline: z.string().describe('The target deadline, else the end of the goal period.'),
    horizon: z.number().describe('Periods forecast.'),
    model: z.string().optional().describe('The model or combination used (absent without a forecast).'),
    history: z.array(bandPeriod.extend({ value: z.number().nullable() })),
    points: z.array(
      bandPeriod.extend({
        value: z.number().describe('The forecast (mean).'),
        low80: z.number(),
        high80: z.number(),
        low95: z.number(),
        high95: z.number(),
      }),
    ),
    note: z.string().optional().describe('Why `points` is empty: too little history to forecast.'),
  })
  .describe("The KPI's closed periods and the forecast for the next ones, with 80% and 95% intervals.");

export const forecastQuery = z.strictObject({
  horizon: z.coerce
    .number()
    .int()
    .min(1)
    .max(104)
    .optional()
    .describe('Periods ahead (default: up to the deadline, at most 26 weeks / 12 months / 8 quarters).'),
  asOf: isoDateSchema.optional().describe('Treat this day as the last complete one (default: yesterday).'),
});

// The top level of the scorecard readings (their full schema is issue 14's work): each
// object with the keys it always has; further keys allowed.
export const kpiReadingTop = z
  .looseObject({
    kind: z.literal('kpi_reading'),
    kpi: z.string(),
    label: z.string(),
    goal: z.string(),
    metric: z.string(),
    asOf: z.string(),
    grain: z.string(),
    current: z.looseObject({ label: z.string(), value: z.number().nullable() }),
    value: z.number().nullable(),
    status: z.string(),
    statusReason: z.string(),
    comparisons: z.array(z.looseObject({})),
    cause: z.looseObject({}),
    series: z.array(z.looseObject({})),
    annotations: z.array(z.looseObject({})),
  })
  .describe('One KPI reading: target, pace, comparisons, cause, series.');

export const goalReadingTop = z
  .looseObject({
    goal: z.string(),
    title: z.string(),
    period: z.looseObject({ start: z.string(), end: z.string() }),
    statusCounts: z.record(z.string(), z.number()),
    kpis: z.array(kpiReadingTop),
  })
  .describe("One goal with its KPIs' readings.");
