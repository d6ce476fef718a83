// What an import will read: format, delimiter, the file's fields and how they map onto
// the dataset's columns, and how values are written. IO (JSON keys are read through the
// engine). Invariant: a plan is only returned when every required column is present; the
// file problems found here (empty file, wrong delimiter, missing column, a column map that
// names unknown columns or absent headers) are thrown as a ProblemsError before any table
// is touched.

import {
  ProblemsError,
  UsageError,
  isIsoDate,
  type DatasetDef,
  type Issue,
  ownGet,
  ownRecord,
} from '@kpi/core';
import type { Engine } from '@kpi/engines';
import {
  delimiterName,
  findHeaderLine,
  fitsBetter,
  fromLine,
  parseRecords,
  scoreDelimiter,
  sniffDelimiter,
} from './csv-sniff.js';
import { looksDecimalComma } from './decimal-detect.js';
import type { FileHead } from './file-head.js';
import { findMappedHeader, mapHeaders, type HeaderMapping } from './header-map.js';
import type { ImportFormat, ImportOptions } from './import-types.js';
import { sqlString } from './value-sql.js';

export interface ImportPlan {
  readonly dataset: string;
  readonly def: DatasetDef;
  /** The file as the user named it (every message uses this). */
  readonly path: string;
  /** The file the readers open: `path` or its UTF-8 / LF copy. */
  readonly readPath: string;
  readonly format: ImportFormat;
  /** Lines above the header (a report's title, date range, comments), skipped. */
  readonly skipLines: number;
  readonly delimiter: string;
  readonly quote: string;
  /** The file's header fields (CSV) or keys (JSON), in file order. */
  readonly fields: readonly string[];
  readonly mapping: HeaderMapping;
  /** First data records (CSV only), to choose the route. */
  readonly sample: readonly (readonly string[])[];
  readonly decimalComma: boolean;
  /** The date stamped on every row (snapshot datasets only). */
  readonly snapshotDate: string | undefined;
  /** Per column: the strftime format accepted besides ISO. */
  readonly formats: Readonly<Record<string, string | undefined>>;
}

const fileIssue = (code: string, message: string, file: string, hint?: string): Issue => ({
  code,
  severity: 'error',
  message,
  path: [],
  position: { file, line: 1, column: 1 },
  ...(hint === undefined ? {} : { hint }),
});

export const fileProblem = (code: string, message: string, file: string, hint?: string): ProblemsError =>
  new ProblemsError(code, message, [fileIssue(code, message, file, hint)], { file });

const emptyFile = (file: string, headerOnly: boolean): ProblemsError =>
  fileProblem(
    'import.file.empty',
    headerOnly ? `${file} has a header but no data rows` : `${file} is empty`,
    file,
    'export the data again; nothing was imported',
  );

/** The read_json call for a file (all keys as VARCHAR when `keys` is given). */
export const readJsonSql = (path: string, format: ImportFormat, keys?: readonly string[]): string => {
  const fmt = format === 'json' ? 'array' : 'newline_delimited';
  const cols = keys ? `, columns={${keys.map((k) => `${sqlString(k)}: 'VARCHAR'`).join(', ')}}` : '';
  return `read_json(${sqlString(path)}, format='${fmt}'${cols})`;
};

const jsonKeys = async (engine: Engine, head: FileHead): Promise<string[]> => {
  try {
    const r = await engine.query(`DESCRIBE SELECT * FROM ${readJsonSql(head.readPath, head.format)}`);
    return r.rows.map((row) => String(row['column_name']));
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/^database error: /, '');
    throw fileProblem(
      'import.file.bad_json',
      `${head.path} is not valid ${head.format === 'json' ? 'JSON (an array of objects)' : 'NDJSON (one object per line)'}: ${msg}`,
      head.path,
      head.format === 'json' ? 'for one object per line, use the ndjson format' : undefined,
    );
  }
};

const missingColumns = (
  file: string,
  mapping: HeaderMapping,
  fields: readonly string[],
  def: DatasetDef,
): ProblemsError => {
  const found = fields.length ? fields.map((f) => JSON.stringify(f)).join(', ') : '(none)';
  const issues = mapping.missingRequired.map((c) => {
    const src = ownGet(def.columns, c)?.source;
    const names =
      src === undefined
        ? `"${c}"`
        : [c, ...(Array.isArray(src) ? src : [src])].map((n) => `"${n}"`).join(' or ');
    return fileIssue(
      'import.file.missing_column',
      `required column ${c} is missing: no header named ${names}; headers found: ${found}`,
      file,
      `rename the header in the file, or add its name to "source" of column ${c} in kpi.yaml`,
    );
  });
  const names = mapping.missingRequired.join(', ');
  return new ProblemsError(
    'import.file.missing_column',
    `${file}: missing required column(s) ${names}`,
    issues,
    { file },
  );
};

const mapIssue = (code: string, message: string, column: string, hint: string): Issue => ({
  code,
  severity: 'error',
  message,
  path: ['columns', column],
  hint,
});

/** Columns of the map that the dataset does not have (checked before the file is read). */
const checkMapColumns = (dataset: string, def: DatasetDef, map: Readonly<Record<string, string>>): void => {
  const valid = Object.keys(def.columns).join(', ');
  const unknown = Object.keys(map).filter((c) => !Object.hasOwn(def.columns, c));
  if (unknown.length === 0) return;
  const issues = unknown.map((c) =>
    mapIssue(
      'import.column_map.unknown_column',
      `column map: dataset ${dataset} has no column "${c}"; its columns are ${valid}`,
      c,
      `map only the columns of ${dataset}`,
    ),
  );
  throw new ProblemsError(
    'import.column_map.unknown_column',
    `the column map names ${unknown.length === 1 ? 'a column' : 'columns'} that dataset ${dataset} does not have: ${unknown.join(', ')} (its columns are ${valid})`,
    issues,
    { columns: Object.keys(def.columns) },
  );
};

/** Headers the map names that the file does not have, or that two columns share. */
const checkMapHeaders = (
  file: string,
  fields: readonly string[],
  map: Readonly<Record<string, string>>,
): void => {
  const found = fields.length ? fields.map((f) => JSON.stringify(f)).join(', ') : '(none)';
  const owner = new Map<number, string>();
  const issues: Issue[] = [];
  for (const [column, header] of Object.entries(map)) {
    if (header.trim() === '') continue; // "not in the file"
    const index = findMappedHeader(fields, header);
    if (index < 0)
      issues.push(
        mapIssue(
          'import.column_map.header_missing',
          `column map: ${column} is mapped to ${JSON.stringify(header)}, which is not a header of the file; headers found: ${found}`,
          column,
          'map the column to one of the headers found, or leave it out to match it by name',
        ),
      );
    else if (owner.has(index))
      issues.push(
        mapIssue(
          'import.column_map.header_shared',
          `column map: ${column} and ${owner.get(index)} are both mapped to ${JSON.stringify(fields[index])}`,
          column,
          'map each header to one column',
        ),
      );
    else owner.set(index, column);
  }
  if (issues.length > 0)
    throw new ProblemsError(
      issues[0]?.code ?? 'import.column_map.header_missing',
      `${file}: the column map does not fit the file (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
      issues,
      { file, headers: fields },
    );
};

const csvFields = (file: FileHead, def: DatasetDef, opts: ImportOptions, quote: string) => {
  const count = (h: readonly string[]) => mapHeaders(h, def, opts.columnMap).mapped.length;
  const skip = findHeaderLine(file.text, quote, opts.delimiter, count);
  const head = skip > 0 ? { ...file, text: fromLine(file.text, skip) } : file;
  const best = sniffDelimiter(head.text, quote, head.complete, count)[0];
  if (opts.delimiter === undefined) return best && { ...best, skip, text: head.text };
  const given = scoreDelimiter(head.text, opts.delimiter, quote, head.complete, count);
  if (best && best.delimiter !== opts.delimiter && fitsBetter(best, given)) {
    throw fileProblem(
      'import.file.wrong_delimiter',
      `${head.path} does not look ${delimiterName(opts.delimiter)}-separated: its header splits into ${given.headerFields} column(s) with it, but into ${best.headerFields} with ${delimiterName(best.delimiter)} (${best.mapped} matching the dataset)`,
      head.path,
      `use the delimiter ${best.delimiter === '\t' ? '"\\t" (tab)' : `"${best.delimiter}"`}, or leave it out to detect it`,
    );
  }
  return { ...given, skip, text: head.text };
};

const checkSnapshotDate = (dataset: string, date: string | undefined): string => {
  if (date === undefined || !isIsoDate(date))
    throw new UsageError(
      'import.snapshot_date.invalid',
      date === undefined
        ? `dataset ${dataset} has no time column, so an import needs the date of its snapshot`
        : `snapshot date ${JSON.stringify(date)} is not a date written YYYY-MM-DD`,
      'give the date of the export as YYYY-MM-DD (by default, today)',
    );
  return date;
};

export const planImport = async (
  engine: Engine,
  dataset: string,
  def: DatasetDef,
  head: FileHead,
  opts: ImportOptions,
): Promise<ImportPlan> => {
  const quote = opts.quote ?? '"';
  const columnMap = opts.columnMap ?? {};
  checkMapColumns(dataset, def, columnMap);
  if (
    head.text.trim() === '' ||
    (head.complete && head.format === 'json' && /^\[\s*\]$/.test(head.text.trim()))
  ) {
    throw emptyFile(head.path, false);
  }
  let fields: readonly string[];
  let sample: readonly (readonly string[])[] = [];
  let delimiter = opts.delimiter ?? ',';
  let skipLines = 0;
  if (head.format === 'csv') {
    const scored = csvFields(head, def, opts, quote);
    const records = scored?.records ?? [];
    delimiter = scored?.delimiter ?? delimiter;
    skipLines = scored?.skip ?? 0;
    fields = (records[0] ?? []).map((f) => f.trim());
    if (head.complete && records.length === 1) throw emptyFile(head.path, true);
    sample = parseRecords(scored?.text ?? head.text, delimiter, quote, 1001, head.complete).slice(1);
  } else fields = await jsonKeys(engine, head);
  checkMapHeaders(head.path, fields, columnMap);
  const mapping = mapHeaders(fields, def, columnMap);
  if (mapping.missingRequired.length > 0) throw missingColumns(head.path, mapping, fields, def);
  const formats = ownRecord<string | undefined>();
  for (const [c, col] of Object.entries(def.columns)) formats[c] = opts.dateFormat ?? col.format;
  return {
    dataset,
    def,
    path: head.path,
    readPath: head.readPath,
    skipLines,
    format: head.format,
    delimiter,
    quote,
    fields,
    mapping,
    sample,
    // Not given: told from the first rows ("54,50" can only be a decimal comma) of a file
    // not separated by commas (spreadsheets that write a decimal comma separate by ; or tab).
    decimalComma:
      opts.decimalComma ??
      (head.format === 'csv' && delimiter !== ',' && looksDecimalComma(sample, mapping, def)),
    snapshotDate: def.snapshot ? checkSnapshotDate(dataset, opts.snapshotDate) : undefined,
    formats,
  };
};
