// The dataset schema: a table of facts with typed columns, a time column (or snapshots
// stamped with their import date), an optional natural key and dimension columns. Pure. Cross-field rules (key columns exist, ...) live in
// project/validate-project.ts so every problem is reported with its own path.

import { z } from 'zod';
import { identifierSchema } from './common-schema.js';
import { engagementSpecSchema } from '../engagement/engagement-rate.js';

export const COLUMN_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'timestamp'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const columnSchema = z
  .strictObject({
    type: z.enum(COLUMN_TYPES).describe('Value type; numbers accept "$1,234.50" and "3.2%" on import.'),
    source: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe('Header name(s) of this column in imported files, when it differs from the column name.'),
    format: z
      .string()
      .min(1)
      .optional()
      .describe('Date or timestamp format in imported files (strftime, e.g. "%m/%d/%Y"); ISO is always accepted.'),
    required: z.boolean().optional().describe('Reject rows where this column is empty (key and time columns always are).'),
    description: z.string().optional(),
    sentiment: z
      .strictObject({
        from: identifierSchema.describe('The text column whose sentiment this column holds.'),
        tool: identifierSchema
          .optional()
          .describe("A column with the listening tool's own sentiment label: kept as it is; kpi reports how often its model agrees."),
      })
      .optional()
      .describe(
        'Fill this column (type string: positive / neutral / negative) with the sentiment of a text column, scored by kpi\'s own model at import; `kpi sentiment rescore` after a model update; corrections override the model.',
      ),
    engagement: engagementSpecSchema.optional(),
    label: z.string().min(1).optional().describe('Display name of the column, e.g. "Channel" for channel.'),
    labels: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe(
        'Display names of a dimension\'s values, used in every sentence, table and card: {meta_ads: "Meta ads"}.',
      ),
  })
  .describe('A dataset column.');

export type ColumnDef = z.infer<typeof columnSchema>;

/** The date column of a snapshot dataset; imports stamp it, files never provide it. */
export const SNAPSHOT_COLUMN = 'snapshot_date';

/** `time: none`: static reference data, one current version, never snapshotted. */
export const NO_TIME = 'none';

export const datasetSchema = z
  .strictObject({
    description: z.string().optional(),
    time: z
      .union([z.literal(NO_TIME), identifierSchema])
      .optional()
      .describe(
        `The column holding the date or timestamp of each row. Leave it out for exports without dates (lifetime or per-ad totals): each import is then a snapshot, stamped with its import date in the column ${SNAPSHOT_COLUMN}. Write \`time: ${NO_TIME}\` for static reference data (a price list, store list, targets per region): it is not snapshotted, each import replaces it (or updates rows by key), and metrics over it have no comparison and no forecast.`,
      ),
    key: z
      .array(identifierSchema)
      .default([])
      .describe(
        'The natural key: re-importing a row with the same key updates it instead of adding a copy. Without a key, an import replaces the rows of the dates it covers (a snapshot: its snapshot date).',
      ),
    dimensions: z
      .array(identifierSchema)
      .default([])
      .describe('Columns you can filter and group by (channel, campaign, platform...).'),
    columns: z.record(identifierSchema, columnSchema).describe('Every column of the dataset, by name.'),
  })
  .describe('A table of facts that metrics aggregate.');

/** A dataset as written in kpi.yaml (time may be left out). */
export type DatasetInput = z.infer<typeof datasetSchema>;

/**
 * A dataset as loaded: it always has a time column. A snapshot dataset (no time in
 * kpi.yaml) gets the date column SNAPSHOT_COLUMN, which imports fill with their date.
 */
export type DatasetDef = Omit<DatasetInput, 'time'> & {
  readonly time: string;
  /** True when the time column is the import date (SNAPSHOT_COLUMN), not a column of the file. */
  readonly snapshot?: boolean;
  /**
   * `time: none`: static reference data. The table holds one current version (each import
   * replaces it, or updates it by key); SNAPSHOT_COLUMN records the day of the last import
   * and queries read every row whatever the period.
   */
  readonly static?: boolean;
};


/** The loaded form of a dataset: a snapshot or static dataset gets its date column. */
export const normalizeDataset = (d: DatasetInput): DatasetDef => {
  if (d.time !== undefined && d.time !== NO_TIME) return { ...d, time: d.time };
  const isStatic = d.time === NO_TIME;
  return {
    ...d,
    time: SNAPSHOT_COLUMN,
    snapshot: true,
    ...(isStatic ? { static: true } : {}),
    columns: {
      ...d.columns,
      [SNAPSHOT_COLUMN]: isStatic
        ? { type: 'date', label: 'Loaded on', description: 'The date of the import that wrote the row.' }
        : { type: 'date', label: 'Snapshot date', description: 'The date of the import.' },
    },
  };
};
