// The schema of a benchmark set file (benchmarks/<name>.yaml): industry or competitor
// percentiles (p25, p50, p75) per metric, platform and period, with where they come from
// and when. Pure. Invariants: every set names its source and date; a set of illustrative
// figures says so (`example: true`) and every reading of it repeats that.

import { z } from 'zod';
import { filterSchema, identifierSchema, isoDateSchema } from './common-schema.js';

/** The periods a benchmark figure can cover; it applies to KPIs reviewed at that cadence. */
export const BENCHMARK_PERIODS = ['week', 'month', 'quarter', 'year'] as const;

export const benchmarkEntrySchema = z
  .strictObject({
    metric: identifierSchema.describe('The metric the figures are for (a name under metrics:).'),
    platform: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe('The platform the figures are for, as people read it: "Instagram".'),
    filter: filterSchema
      .optional()
      .describe(
        'The KPIs it applies to: those on the metric with exactly this filter ({platform: instagram}). Without it: KPIs on the metric without a filter.',
      ),
    period: z.enum(BENCHMARK_PERIODS).describe('The period each figure covers: week, month, quarter or year.'),
    p25: z.number().describe('The 25th percentile: a quarter of the group is below it.'),
    p50: z.number().describe('The median: half of the group is below it.'),
    p75: z.number().describe('The 75th percentile: three quarters of the group are below it.'),
  })
  .describe('Percentiles of one metric over one period, for one platform.');

export const benchmarkSetSchema = z
  .strictObject({
    label: z
      .string()
      .min(1)
      .max(120)
      .describe('Whose figures these are, as a sentence reads them: "retail brands".'),
    kind: z
      .enum(['industry', 'competitors'])
      .default('industry')
      .describe('industry: a published survey of many brands; competitors: named rivals you track.'),
    source: z
      .string()
      .min(1)
      .max(300)
      .describe('Where the figures come from: the publisher and report, or a URL.'),
    date: isoDateSchema.describe('When the figures were published or collected (YYYY-MM-DD).'),
    example: z
      .boolean()
      .default(false)
      .describe('true for illustrative figures that are not real data: every reading then says "example figures".'),
    benchmarks: z.array(benchmarkEntrySchema).min(1).max(1000).describe('The figures, one entry per metric, platform and period.'),
  })
  .describe('A benchmark set: percentiles of a group of brands, with their source and date.');

export type BenchmarkEntryDef = z.infer<typeof benchmarkEntrySchema>;
export type BenchmarkSetInput = z.infer<typeof benchmarkSetSchema>;

/** A loaded set: its name (the file name) and the file it came from. */
export interface BenchmarkSet extends BenchmarkSetInput {
  readonly name: string;
  readonly file: string;
}
