// The DuckDB table functions that read an import file, and the temporary tables of an
// import. Pure (builds SQL text). Invariants: paths and file field names only enter SQL as
// escaped string literals; file fields are addressed by position (c0, c1, ...), never by
// their header text.

import type { ImportPlan } from './import-plan.js';
import { readJsonSql } from './import-plan.js';
import { sqlString } from './value-sql.js';

export const STAGE = '_kpi_stage';
export const CONVERTED = '_kpi_converted';
export const DUPLICATES = '_kpi_duplicates';

/** Position name of the i-th file field. */
export const fieldName = (i: number): string => `c${i}`;

/** read_csv with every field typed as given (`VARCHAR` when missing). */
export const readCsvSql = (plan: ImportPlan, types: readonly (string | undefined)[] = []): string => {
  const cols = plan.fields.map((_, i) => `'${fieldName(i)}': '${types[i] ?? 'VARCHAR'}'`).join(', ');
  const skip = plan.skipLines > 0 ? `skip=${Math.floor(plan.skipLines)}, ` : '';
  return `read_csv(${sqlString(plan.readPath)}, header=true, ${skip}auto_detect=false, delim=${sqlString(plan.delimiter)},
    quote=${sqlString(plan.quote)}, escape=${sqlString(plan.quote)}, columns={${cols}})`;
};

/** Creates the all-VARCHAR staging table (c0..cN) and fills it from the file. */
export const stageSql = (plan: ImportPlan): readonly string[] => {
  const cols = plan.fields.map((_, i) => `${fieldName(i)} VARCHAR`).join(', ');
  const source =
    plan.format === 'csv' ? readCsvSql(plan) : readJsonSql(plan.readPath, plan.format, plan.fields);
  return [`CREATE OR REPLACE TEMP TABLE ${STAGE} (${cols})`, `INSERT INTO ${STAGE} SELECT * FROM ${source}`];
};

export const dropTempSql = [STAGE, CONVERTED, DUPLICATES].map((t) => `DROP TABLE IF EXISTS temp.main.${t}`);
