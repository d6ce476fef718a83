// The fast route: a clean CSV is read once by DuckDB's typed CSV reader straight into the
// dataset table (or a staging table when the table already has rows). IO.
// Invariants: accepts exactly what the checked route accepts for the files it is tried on
// (plain numbers, ISO dates, integers without fractions, keys present, unique keys); any
// surprise raises an error, the caller rolls back and takes the checked route, which
// finds and reports the problems precisely. Runs inside the caller's transaction.

import { ownGet, type ColumnType } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { SQL_TYPES } from './column-sql.js';
import { isRequired } from './header-map.js';
import type { ImportPlan } from './import-plan.js';
import { CONVERTED, fieldName, readCsvSql } from './source-sql.js';
import { FALSE_WORDS, TRUE_WORDS, stampedSql } from './value-sql.js';
import { replacesByDate, upsertRows, type WriteCounts } from './write-rows.js';

const STRICT: Readonly<Record<ColumnType, RegExp>> = {
  string: /[\s\S]*/,
  number: /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/,
  integer: /^\s*[+-]?\d{1,18}\s*$/,
  boolean: new RegExp(`^\\s*(${[...TRUE_WORDS, ...FALSE_WORDS].join('|')})\\s*$`, 'i'),
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/,
};

/** Whether the fast route is worth trying: CSV, no custom formats, and a clean sample. */
export const canTryFast = (plan: ImportPlan): boolean => {
  if (plan.format !== 'csv' || plan.decimalComma) return false;
  return plan.mapping.mapped.every((m) => {
    const col = ownGet(plan.def.columns, m.column);
    if (!col) return false;
    if ((col.type === 'date' || col.type === 'timestamp') && ownGet(plan.formats, m.column) !== undefined)
      return false;
    const required = isRequired(m.column, plan.def);
    return plan.sample.every((rec) => {
      const v = rec[m.index] ?? '';
      if (v === '') return !required;
      return STRICT[col.type].test(v);
    });
  });
};

// Integers are read as DOUBLE: DuckDB's BIGINT reader silently rounds "1.5" to 2, while a
// DOUBLE keeps the fraction for the check below and parses much faster than VARCHAR.
// Beyond 2^53 a DOUBLE is no longer exact, so such values send the file to the checked route.
const READ_TYPES: Readonly<Record<ColumnType, string>> = { ...SQL_TYPES, integer: 'DOUBLE' };

/** SELECT list producing the dataset's columns from the typed read; errors on surprises. */
const typedSelect = (engine: Engine, plan: ImportPlan): string => {
  const q = engine.dialect.quoteIdent;
  const byColumn = new Map(plan.mapping.mapped.map((m) => [m.column, m]));
  return Object.entries(plan.def.columns)
    .map(([column, col]) => {
      const m = byColumn.get(column);
      if (!m) return `${stampedSql(plan, column) ?? `CAST(NULL AS ${SQL_TYPES[col.type]})`} AS ${q(column)}`;
      const x = fieldName(m.index);
      let v = x;
      if (col.type === 'number') v = `CASE WHEN NOT isfinite(${x}) THEN error('not finite') ELSE ${x} END`;
      if (col.type === 'integer')
        v = `CASE WHEN ${x} <> trunc(${x}) OR abs(${x}) >= 9007199254740992 THEN error('not an exact integer') ELSE CAST(${x} AS BIGINT) END`;
      if (isRequired(column, plan.def)) v = `CASE WHEN ${x} IS NULL THEN error('missing') ELSE ${v} END`;
      return `${v} AS ${q(column)}`;
    })
    .join(', ');
};

const hasDuplicateKeys = async (engine: Engine, plan: ImportPlan, table: string): Promise<boolean> => {
  // Grouping on one 64-bit hash is cheaper than on the key columns; a (very unlikely)
  // collision only sends the file to the checked route, which compares the real keys.
  if (plan.def.key.length === 0) return false;
  const keys = plan.def.key.map(engine.dialect.quoteIdent).join(', ');
  const r = await engine.query(
    `SELECT 1 AS one FROM ${table} GROUP BY hash(${keys}) HAVING count(*) > 1 LIMIT 1`,
  );
  return r.rows.length > 0;
};

export class FastRouteMiss extends Error {}

/** Loads the file through the typed reader; throws (FastRouteMiss or an engine error) on any surprise. */
export const fastImport = async (
  engine: Engine,
  plan: ImportPlan,
  tableEmpty: boolean,
): Promise<WriteCounts & { readonly rowsRead: number }> => {
  const types = plan.fields.map((_, i) => {
    const m = plan.mapping.mapped.find((x) => x.index === i);
    const col = m ? ownGet(plan.def.columns, m.column) : undefined;
    return col ? READ_TYPES[col.type] : 'VARCHAR';
  });
  const select = `SELECT ${typedSelect(engine, plan)} FROM ${readCsvSql(plan, types)}`;
  const q = engine.dialect.quoteIdent;
  const cols = Object.keys(plan.def.columns).map(q).join(', ');
  if (tableEmpty) {
    const r = await engine.query(`INSERT INTO ${q(plan.dataset)} (${cols}) ${select}`);
    const rowsRead = Number(r.rows[0]?.['Count'] ?? 0);
    if (rowsRead === 0 || (await hasDuplicateKeys(engine, plan, q(plan.dataset)))) throw new FastRouteMiss();
    return {
      rowsRead,
      inserted: rowsRead,
      updated: 0,
      ...(replacesByDate(plan.def) || (plan.def.static === true && plan.def.key.length === 0)
        ? { replaced: 0 }
        : {}),
    };
  }
  const r = await engine.query(`CREATE OR REPLACE TEMP TABLE ${CONVERTED} AS ${select}`);
  const rowsRead = Number(r.rows[0]?.['Count'] ?? 0);
  if (rowsRead === 0 || (await hasDuplicateKeys(engine, plan, CONVERTED))) throw new FastRouteMiss();
  return {
    rowsRead,
    ...(await upsertRows(engine, plan.dataset, plan.def, `temp.main.${CONVERTED}`, rowsRead)),
  };
};
