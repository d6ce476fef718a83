// Maps a file's headers onto a dataset's columns, the way the server's importer does on
// its own: case-insensitive and trimmed, spaces and dashes matching underscores, through
// each column's `source` names; the first free matching header wins. Pure.
// Invariants: key, time and `required` columns are required; a header maps to one column.

import { ownGet } from '@kpi/core/own-lookup';
import type { DatasetInfo } from '../../api/api-types';

/** Dataset column -> file header ('' = not in the file). */
export type ColumnMapping = Readonly<Record<string, string>>;

const norm = (s: string): string => s.trim().toLowerCase();
const loose = (s: string): string => norm(s).replace(/[\s-]+/g, '_');

const namesOf = (column: string, ds: DatasetInfo): string[] => {
  const src = ownGet(ds.columns, column)?.source;
  const names = src === undefined ? [column] : [...(typeof src === 'string' ? [src] : src), column];
  return names.map(norm);
};

/** The snapshot date of a dataset without time: stamped by the import, never in the file. */
export const isStamped = (column: string, ds: DatasetInfo): boolean =>
  ds.snapshot === true && column === ds.time;

/** The columns a file can fill (all but a snapshot's date). */
export const fileColumns = (ds: DatasetInfo): string[] =>
  Object.keys(ds.columns).filter((c) => !isStamped(c, ds));

export const isRequired = (column: string, ds: DatasetInfo): boolean =>
  !isStamped(column, ds) &&
  (column === ds.time || ds.key.includes(column) || ownGet(ds.columns, column)?.required === true);

/** The automatic mapping of `headers` onto the columns of `ds`. */
export const autoMapping = (headers: readonly string[], ds: DatasetInfo): ColumnMapping => {
  const taken = new Set<number>();
  const out: Record<string, string> = {};
  for (const column of fileColumns(ds)) {
    const names = namesOf(column, ds);
    const looseNames = names.map(loose);
    let i = headers.findIndex((h, n) => !taken.has(n) && names.includes(norm(h)));
    if (i < 0) i = headers.findIndex((h, n) => !taken.has(n) && looseNames.includes(loose(h)));
    if (i >= 0) taken.add(i);
    out[column] = i >= 0 ? (headers[i] ?? '') : '';
  }
  return out;
};

/** How many columns of `ds` the headers map onto (for sniffing a CSV delimiter). */
export const mappedCount = (headers: readonly string[], ds: DatasetInfo): number =>
  Object.values(autoMapping(headers, ds)).filter((h) => h !== '').length;

export const missingRequired = (mapping: ColumnMapping, ds: DatasetInfo): string[] =>
  fileColumns(ds).filter((c) => isRequired(c, ds) && (mapping[c] ?? '') === '');

/** Headers chosen for more than one column. */
export const duplicateHeaders = (mapping: ColumnMapping): string[] => {
  const seen = new Map<string, number>();
  for (const h of Object.values(mapping)) if (h !== '') seen.set(h, (seen.get(h) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([h]) => h);
};

/**
 * The mapping sent to the server, every column of the dataset included: a header, or ""
 * for "not in the file" (the server then leaves that column empty instead of matching it
 * by name), so what the preview shows is what is loaded.
 */
export const explicitMapping = (mapping: ColumnMapping, columns: readonly string[]): Record<string, string> =>
  Object.fromEntries(columns.map((c) => [c, mapping[c] ?? '']));

/** Headers of the file no column uses (the server ignores them). */
export const unusedHeaders = (headers: readonly string[], mapping: ColumnMapping): string[] => {
  const used = new Set(Object.values(mapping));
  return headers.filter((h) => !used.has(h));
};

/** The first rows as they will land: one cell per dataset column, in the dataset's order. */
export const previewRows = (
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  columns: readonly string[],
): (string | undefined)[][] =>
  rows.map((r) =>
    columns.map((c) => {
      const h = mapping[c] ?? '';
      const i = h === '' ? -1 : headers.indexOf(h);
      return i < 0 ? undefined : (r[i] ?? '');
    }),
  );
