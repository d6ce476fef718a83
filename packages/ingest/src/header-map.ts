// Maps a file's header (CSV) or keys (JSON) onto a dataset's columns. Pure.
// Invariants: matching is case-insensitive and trimmed (spaces and dashes also match
// underscores, and a trailing currency code such as " (EUR)" may be left out), through
// each column's `source` names; the first matching header wins;
// an explicit column map (column -> header) is applied first and wins over the automatic
// matching, and a column mapped to "" is not in the file (never matched by name); key,
// time and `required` columns are required, others may be absent; the snapshot date of a
// dataset without time is stamped by the import and never matched.

import { ownGet, type DatasetDef } from '@kpi/core';

export interface MappedColumn {
  readonly column: string;
  /** 0-based index of the field in the file (CSV) or of the key (JSON). */
  readonly index: number;
  readonly header: string;
}

export interface HeaderMapping {
  readonly mapped: readonly MappedColumn[];
  readonly ignored: readonly string[];
  /** Required columns absent from the file. */
  readonly missingRequired: readonly string[];
  /** Optional columns absent from the file (become NULL). */
  readonly missingOptional: readonly string[];
}

const norm = (s: string): string => s.trim().toLowerCase();
const loose = (s: string): string => norm(s).replace(/[\s-]+/g, '_');

/** The header names a column answers to, normalised. */
export const namesOf = (column: string, def: DatasetDef): readonly string[] => {
  const src = ownGet(def.columns, column)?.source;
  const names = src === undefined ? [column] : [...(Array.isArray(src) ? src : [src]), column];
  return names.map(norm);
};

/** The snapshot date column of a dataset without time: filled by the import, not the file. */
/** A header without a trailing ISO currency code in parentheses: "Cost (USD)" -> "Cost". */
export const withoutCurrency = (h: string): string => h.replace(/\s*\([A-Z]{3}\)\s*$/, '');

export const isStamped = (column: string, def: DatasetDef): boolean =>
  def.snapshot === true && column === def.time;

export const isRequired = (column: string, def: DatasetDef): boolean =>
  column === def.time || def.key.includes(column) || ownGet(def.columns, column)?.required === true;

/** The index of the header a column map names: exact first, then case- and space-insensitive. */
export const findMappedHeader = (headers: readonly string[], header: string): number => {
  const exact = headers.findIndex((h) => h.trim() === header.trim());
  return exact >= 0 ? exact : headers.findIndex((h) => norm(h) === norm(header));
};

export const mapHeaders = (
  headers: readonly string[],
  def: DatasetDef,
  columnMap: Readonly<Record<string, string>> = {},
): HeaderMapping => {
  const taken = new Set<number>();
  const explicit = new Map<string, number>();
  const absent = new Set(
    Object.entries(columnMap)
      .filter(([, header]) => header.trim() === '')
      .map(([column]) => column),
  );
  for (const [column, header] of Object.entries(columnMap)) {
    if (absent.has(column)) continue;
    const index = findMappedHeader(headers, header);
    if (index >= 0 && ownGet(def.columns, column) && !taken.has(index)) {
      taken.add(index);
      explicit.set(column, index);
    }
  }
  const mapped: MappedColumn[] = [];
  const missingRequired: string[] = [];
  const missingOptional: string[] = [];
  for (const column of Object.keys(def.columns)) {
    if (isStamped(column, def)) continue;
    const chosen = explicit.get(column);
    if (chosen !== undefined) {
      mapped.push({ column, index: chosen, header: headers[chosen] ?? '' });
      continue;
    }
    if (absent.has(column)) {
      (isRequired(column, def) ? missingRequired : missingOptional).push(column);
      continue;
    }
    const names = namesOf(column, def);
    const looseNames = names.map(loose);
    let index = headers.findIndex((h, i) => !taken.has(i) && names.includes(norm(h)));
    if (index < 0) index = headers.findIndex((h, i) => !taken.has(i) && looseNames.includes(loose(h)));
    // "Amount spent (EUR)" answers to "Amount spent": exports put the currency in the header.
    if (index < 0)
      index = headers.findIndex((h, i) => !taken.has(i) && looseNames.includes(loose(withoutCurrency(h))));
    if (index >= 0) {
      taken.add(index);
      mapped.push({ column, index, header: headers[index] ?? '' });
    } else if (isRequired(column, def)) missingRequired.push(column);
    else missingOptional.push(column);
  }
  const ignored = headers.filter((_, i) => !taken.has(i));
  return { mapped, ignored, missingRequired, missingOptional };
};
