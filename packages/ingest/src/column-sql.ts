// Column types of dataset tables and the rules for changing them. Pure.
// Invariant: the mapping below is shared with the metric compiler; a type change is
// allowed only when no stored value can be lost.

import type { ColumnType } from '@kpi/core';

export const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
};

/** DuckDB's spelling of each type in duckdb_columns(). */
export const CATALOG_TYPES: Readonly<Record<ColumnType, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
};

const LOSSLESS: Readonly<Record<string, readonly string[]>> = {
  BIGINT: ['DOUBLE', 'VARCHAR'],
  DOUBLE: ['VARCHAR'],
  BOOLEAN: ['VARCHAR'],
  DATE: ['VARCHAR'],
  'TIMESTAMP WITH TIME ZONE': ['VARCHAR'],
};

/** True when every value of type `from` converts to `to` without loss. */
export const isLosslessChange = (from: string, to: string): boolean =>
  from === to || (LOSSLESS[from] ?? []).includes(to);

/** The column's type name for messages (`integer`), from a catalog type. */
export const columnTypeOf = (catalogType: string): string =>
  (Object.entries(CATALOG_TYPES).find(([, t]) => t === catalogType)?.[0] as string | undefined) ??
  catalogType;
