// `importFile`: loads one CSV / NDJSON / JSON file into a dataset table. IO.
// Invariants: everything (table changes, rows, the `_kpi_imports` record) happens in one
// transaction, so a failed or killed import changes nothing; a clean CSV takes the fast
// route (typed reader, one pass), anything else, or any surprise on the fast route, takes
// the checked route, which reports every bad row with its line, column and reason.
// Timestamps without an offset are read in the project time zone (session setting,
// restored afterwards). Structural limits (JSON depth and keys, CSV columns, value
// lengths) are checked by a byte scan of the whole file before any reader sees it.

import {
  EngineError,
  NotFoundError,
  UsageError,
  dateFormatHasYear,
  inputLimits,
  ownGet,
  yearlessFormatHint,
  type Project,
} from '@kpi/core';
import type { Engine } from '@kpi/engines';
import {
  badRows,
  convertStage,
  dropTotalsRows,
  countRejected,
  findDuplicates,
  goodRowsSql,
  stageFile,
} from './checked-route.js';
import { ensureDatasetTable, ensureImportLog } from './dataset-tables.js';
import { FastRouteMiss, canTryFast, fastImport } from './fast-route.js';
import { readFileHead, type FileHead } from './file-head.js';
import { reencodeFile } from './file-reencode.js';
import { checkCsvHeader, checkCsvLimits, checkJsonLimits } from './input-limit-check.js';
import { fileProblem, planImport, type ImportPlan } from './import-plan.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  MAX_LISTED_PROBLEMS,
  type ImportOptions,
  type ImportSummary,
} from './import-types.js';
import { recordLines } from './line-map.js';
import { lineOrdinals, problemsError, writeRejects } from './problem-report.js';
import { dropTempSql } from './source-sql.js';
import { sqlString } from './value-sql.js';
import { isEmptyTable, recordImport, upsertRows } from './write-rows.js';

interface Outcome {
  readonly route: 'fast' | 'checked';
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly replaced?: number;
  readonly totalsSkipped?: number;
  readonly seconds: number;
}

class DryRunRollback extends Error {
  constructor(readonly outcome: Outcome) {
    super('dry run');
  }
}

type Phase = (name: string) => void;

const withTimeZone = async <T>(engine: Engine, tz: string, fn: () => Promise<T>): Promise<T> => {
  const prev = String(
    (await engine.query(`SELECT current_setting('TimeZone') AS tz`)).rows[0]?.['tz'] ?? 'UTC',
  );
  await engine.exec(`SET TimeZone = ${sqlString(tz)}`);
  try {
    return await fn();
  } finally {
    await engine.exec(`SET TimeZone = ${sqlString(prev)}`);
  }
};

const checkDateFormat = async (engine: Engine, format: string | undefined): Promise<void> => {
  if (format === undefined) return;
  if (!dateFormatHasYear(format))
    throw new UsageError(
      'import.date_format.no_year',
      `date format ${JSON.stringify(format)} has no year: its dates would be read as 1900`,
      yearlessFormatHint(format),
      { format },
    );
  try {
    await engine.query(`SELECT try_strptime('2000-01-01', ${sqlString(format)}) AS x`);
  } catch (e) {
    throw new UsageError(
      'import.bad_date_format',
      `date format ${JSON.stringify(format)} is not valid`,
      'use strftime codes, e.g. %d/%m/%Y or %m/%d/%Y %H:%M',
      { cause: String(e) },
    );
  }
};

const checkedImport = async (
  engine: Engine,
  plan: ImportPlan,
  opts: ImportOptions,
  phase: Phase,
  rowsRead: number,
) => {
  phase('checking');
  await convertStage(engine, plan);
  await findDuplicates(engine, plan);
  const rejected = await countRejected(engine);
  if (rejected > 0) {
    const rows = await badRows(
      engine,
      plan,
      opts.rejectsPath === undefined ? MAX_LISTED_PROBLEMS : undefined,
    );
    const lines = await recordLines(
      plan.readPath,
      plan.format,
      lineOrdinals(rows),
      plan.quote,
      plan.skipLines,
    );
    const lineOf = (o: number): number => lines.get(o) ?? o + (plan.format === 'csv' ? 2 : 1);
    if (opts.rejectsPath === undefined) throw problemsError(plan, rows, lineOf, rejected, rowsRead);
    writeRejects(opts.rejectsPath, plan, rows, lineOf);
  }
  phase('writing');
  const empty = await isEmptyTable(engine, plan.dataset);
  const counts = await upsertRows(
    engine,
    plan.dataset,
    plan.def,
    goodRowsSql(rejected),
    rowsRead - rejected,
    empty,
  );
  return { rowsRead, rejected, ...counts };
};

const inTransaction = (
  engine: Engine,
  plan: ImportPlan,
  opts: ImportOptions,
  startedAt: Date,
  work: () => Promise<{
    rowsRead: number;
    inserted: number;
    updated: number;
    rejected: number;
    replaced?: number;
  }>,
  route: Outcome['route'],
): Promise<Outcome> =>
  engine.transaction(async () => {
    await ensureImportLog(engine);
    await ensureDatasetTable(engine, plan.dataset, plan.def);
    const c = await work();
    const seconds = await recordImport(engine, { dataset: plan.dataset, file: plan.path, startedAt, ...c });
    const outcome = { route, seconds, ...c };
    if (opts.dryRun) throw new DryRunRollback(outcome);
    return outcome;
  });

const runImport = async (
  engine: Engine,
  plan: ImportPlan,
  opts: ImportOptions,
  startedAt: Date,
  phase: Phase,
): Promise<Outcome> => {
  if (canTryFast(plan)) {
    try {
      return await inTransaction(
        engine,
        plan,
        opts,
        startedAt,
        async () => {
          phase('loading');
          return {
            ...(await fastImport(engine, plan, await isEmptyTable(engine, plan.dataset))),
            rejected: 0,
          };
        },
        'fast',
      );
    } catch (e) {
      if (!(e instanceof EngineError || e instanceof FastRouteMiss)) throw e;
    }
  }
  // Staged outside the transaction: a temporary table only this connection sees, whose
  // rowids are then the plain record ordinals 0..n-1 (rows added inside a transaction
  // carry provisional rowids).
  phase('reading');
  const staged = await stageFile(engine, plan);
  const totals = await dropTotalsRows(engine, plan);
  const rowsRead = staged - totals;
  if (rowsRead === 0) {
    throw fileProblem(
      'import.file.empty',
      `${plan.path} has no data rows`,
      plan.path,
      'export the data again; nothing was imported',
    );
  }
  const outcome = await inTransaction(
    engine,
    plan,
    opts,
    startedAt,
    () => checkedImport(engine, plan, opts, phase, rowsRead),
    'checked',
  );
  return totals > 0 ? { ...outcome, totalsSkipped: totals } : outcome;
};

/**
 * Imports `filePath` into the table of `dataset`. Throws ProblemsError (bad rows or file
 * problems, nothing changed), IoError (missing or unreadable file) or UsageError.
 */
export const importFile = async (
  engine: Engine,
  project: Project,
  dataset: string,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportSummary> => {
  if (engine.dialect.name !== 'duckdb')
    throw new UsageError(
      'import.database_in_place',
      `this project's facts live in its PostgreSQL database (project.database in kpi.yaml), which kpi queries in place and never writes: nothing was imported`,
      'load the rows into the table with your own tools (COPY, your ETL); kpi reads them as soon as they are there',
    );
  const def = ownGet(project.datasets, dataset);
  if (!def)
    throw new NotFoundError('import.dataset_unknown', `dataset "${dataset}" is not defined in the project`);
  const startedAt = new Date();
  let phaseName = 'opening';
  const report = (): void => options.onProgress?.(engine.progress(), phaseName);
  const phase: Phase = (name) => {
    phaseName = name;
    report();
  };
  phase('opening');
  const timer = options.onProgress ? setInterval(report, 200) : undefined;
  let cleanup: (() => void) | undefined;
  try {
    let head: FileHead = readFileHead(
      filePath,
      options.format,
      options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    );
    // UTF-16, CR-only or mixed line endings: read through a UTF-8 / LF copy.
    if (head.encoding !== 'utf-8' || head.lineEndings !== undefined) {
      const copy = await reencodeFile(head.path, head.encoding);
      cleanup = copy.cleanup;
      head = { ...head, readPath: copy.readPath };
    }
    // Structural limits first: no reader (DuckDB's included) sees a file that breaks them.
    const limits = inputLimits(project.settings.limits);
    if (head.format === 'csv')
      await checkCsvHeader(head.readPath, options.delimiter, options.quote ?? '"', limits, head.path);
    else await checkJsonLimits(head.readPath, head.format, limits, options);
    await checkDateFormat(engine, options.dateFormat);
    const plan = await planImport(engine, dataset, def, head, options);
    options.onPlan?.({ ignoredColumns: plan.mapping.ignored, missingColumns: plan.mapping.missingOptional });
    if (plan.format === 'csv')
      await checkCsvLimits(plan.readPath, plan.delimiter, plan.quote, limits, plan.path);
    const outcome = await withTimeZone(engine, project.settings.timezone, async () => {
      try {
        return await runImport(engine, plan, options, startedAt, phase);
      } catch (e) {
        if (e instanceof DryRunRollback) return e.outcome;
        throw e;
      } finally {
        for (const sql of dropTempSql) await engine.exec(sql).catch(() => undefined);
      }
    });
    phase('done');
    return {
      dataset,
      file: filePath,
      format: plan.format,
      ...outcome,
      ...(outcome.rejected > 0 && options.rejectsPath !== undefined
        ? { rejectsPath: options.rejectsPath }
        : {}),
      ...(plan.snapshotDate !== undefined && plan.def.static !== true
        ? { snapshotDate: plan.snapshotDate }
        : {}),
      ...(plan.def.static === true ? { static: true as const } : {}),
      ignoredColumns: plan.mapping.ignored,
      missingColumns: plan.mapping.missingOptional,
      dryRun: options.dryRun === true,
    };
  } finally {
    if (timer) clearInterval(timer);
    cleanup?.();
  }
};
