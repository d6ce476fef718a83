// `kpi import <dataset> <file>`: load a CSV / NDJSON / JSON export into a dataset.
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { findProjectDir, importDataset, openProject, sweepStaleUploads } from '@kpi/app';
import { UsageError, isIsoDate } from '@kpi/core';
import type { ImportOptions } from '@kpi/ingest';
import { parse } from '../args.js';
import { dim, green, yellow, type Command } from '../cli-context.js';
import { sentimentRunLine } from '../output/sentiment-output.js';
import { renderJson } from '../output/table-output.js';
import { progressBar } from '../output/progress-bar.js';

const usage =
  'kpi import <dataset> <file> [--delimiter C] [--decimal-comma] [--date-format FMT] [--rejects FILE] [--as-of-date DATE] [--json]';

export const importCommand: Command = {
  name: 'import',
  summary: 'load a CSV, NDJSON or JSON export into a dataset',
  help: `usage: ${usage}

Maps the file's header onto the dataset's columns (by name or the column's "source"),
converts values ("$1,234.50", "3.2%", dates in the column's format) and loads the rows in
one transaction: if anything fails, nothing changes. Rows whose natural key already
exists are updated, not duplicated. By default any bad row rejects the whole file and
every bad row is listed with its line, column and reason.

Before any row is read, the whole file is checked against structural limits, and a file
that breaks one is refused with the line and column (exit 1). Raise a limit under
project.limits in kpi.yaml:
  json_depth     nesting of arrays and objects in JSON / NDJSON (default 64, at most 1,000)
  json_keys      keys in one JSON object (default 4,096, at most 20,000)
  field_bytes    length of one value or CSV field (default 1 MiB, at most 16 MiB)
  csv_columns    columns in one CSV record (default 4,096, at most 20,000)

options:
  --format F           csv, ndjson or json (default: from the file extension)
  --delimiter C        CSV delimiter (default: detected; "\\t" for tab)
  --quote C            CSV quote character (default ")
  --decimal-comma      numbers are written 1.234,5 (comma decimal, dot thousands)
  --date-format FMT    date format for this file, strftime style, e.g. %d.%m.%Y
  --rejects FILE       load the good rows and write the bad ones, with reasons, to FILE
  --as-of-date DATE    a dataset without a time column: the date of this snapshot
                       (YYYY-MM-DD, default today); it replaces that date's rows
  --dry-run            check the file and report, without changing anything
  --json               print a machine-readable summary
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        format: { type: 'string' },
        delimiter: { type: 'string' },
        quote: { type: 'string' },
        'decimal-comma': { type: 'boolean' },
        'date-format': { type: 'string' },
        rejects: { type: 'string' },
        'as-of-date': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const [dataset, file, ...extra] = positionals;
    if (dataset === undefined || file === undefined || extra.length > 0) {
      throw new UsageError(
        'cli.bad_arguments',
        'import takes a dataset name and one file',
        `usage: ${usage}`,
      );
    }
    const format = values.format;
    if (format !== undefined && format !== 'csv' && format !== 'ndjson' && format !== 'json') {
      throw new UsageError(
        'cli.bad_format',
        `--format "${format}" is not supported`,
        'use csv, ndjson or json',
      );
    }
    const asOfDate = values['as-of-date'];
    if (asOfDate !== undefined && !isIsoDate(asOfDate))
      throw new UsageError('cli.bad_date', `--as-of-date "${asOfDate}" is not a date written YYYY-MM-DD`);
    const delimiter = values.delimiter === '\\t' || values.delimiter === 'tab' ? '\t' : values.delimiter;
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    // Upload folders left in the temporary folder by kpi processes that were killed.
    sweepStaleUploads(tmpdir(), { now: Date.now() });
    const bar = ctx.stderrIsTty && !values.json ? progressBar(ctx) : undefined;
    const options: ImportOptions = {
      ...(format !== undefined ? { format } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
      ...(values.quote !== undefined ? { quote: values.quote } : {}),
      ...(values['decimal-comma'] ? { decimalComma: true } : {}),
      ...(values['date-format'] !== undefined ? { dateFormat: values['date-format'] } : {}),
      ...(values.rejects !== undefined ? { rejectsPath: resolve(ctx.cwd, values.rejects) } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(asOfDate !== undefined ? { snapshotDate: asOfDate } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
      // Before any row is loaded: headers that match no column, said loudly (a renamed
      // header would otherwise load its column empty).
      onPlan: ({ ignoredColumns, missingColumns }) => {
        if (ignoredColumns.length === 0 || values.json) return;
        const names = ignoredColumns.map((h) => JSON.stringify(h)).join(', ');
        ctx.err(
          `${yellow(ctx, `warning: ${ignoredColumns.length === 1 ? 'this header matches' : `${ignoredColumns.length} headers match`} no column of ${dataset} and will not be loaded: ${names}`)}\n` +
            (missingColumns.length
              ? `  columns of ${dataset} left empty: ${missingColumns.join(', ')}\n`
              : '') +
            dim(
              ctx,
              `  hint: if a header was renamed, add it to "source" of its column in kpi.yaml (source: [${JSON.stringify(ignoredColumns[0] ?? '')}])\n`,
            ),
        );
      },
    };
    let summary;
    try {
      summary = await importDataset(lp, dataset, resolve(ctx.cwd, file), options);
    } finally {
      bar?.done();
    }
    if (values.json) {
      ctx.out(renderJson(summary));
      return 0;
    }
    const n = (x: number) => x.toLocaleString('en-US');
    ctx.out(
      `${green(ctx, values['dry-run'] ? 'checked' : 'imported')} ${file} into ${dataset}: ${n(summary.rowsRead)} rows read, ${n(summary.inserted)} inserted, ${n(summary.updated)} updated, ${n(summary.rejected)} rejected in ${summary.seconds.toFixed(2)}s\n`,
    );
    if (summary.static === true)
      ctx.out(
        summary.replaced === undefined
          ? `static reference data: rows updated by key, no snapshot kept\n`
          : summary.replaced > 0
            ? `static reference data: the import replaced the ${n(summary.replaced)} rows it had\n`
            : `static reference data: loaded as the current version, no snapshot kept\n`,
      );
    else if (summary.snapshotDate !== undefined)
      ctx.out(
        `snapshot of ${summary.snapshotDate}${summary.replaced ? `: replaced the ${n(summary.replaced)} rows it had` : ''}\n`,
      );
    else if (summary.replaced)
      ctx.out(`replaced ${n(summary.replaced)} stored rows of the dates the file covers\n`);
    if (summary.rejected > 0 && summary.rejectsPath)
      ctx.out(`bad rows and reasons: ${summary.rejectsPath}\n`);
    for (const run of summary.sentiment ?? []) ctx.out(sentimentRunLine(run));
    return 0;
  },
};
