// Creates and evolves the dataset tables and the import log so they match the project. IO.
// Invariants: a table is named after its dataset and every name is quoted by the dialect;
// columns are only ever added or widened losslessly (an empty table may change freely);
// a change that could lose stored values is refused before anything is altered.

import { KpiError, type DatasetDef, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { CATALOG_TYPES, SQL_TYPES, columnTypeOf, isLosslessChange } from './column-sql.js';

export const IMPORT_LOG_TABLE = '_kpi_imports';

const importLogDdl = (engine: Engine): string => {
  const q = engine.dialect.quoteIdent;
  return `CREATE TABLE IF NOT EXISTS ${q(IMPORT_LOG_TABLE)} (
    ${q('id')} BIGINT NOT NULL, ${q('dataset')} VARCHAR NOT NULL, ${q('file_name')} VARCHAR NOT NULL,
    ${q('started_at')} TIMESTAMPTZ NOT NULL, ${q('finished_at')} TIMESTAMPTZ NOT NULL,
    ${q('rows_read')} BIGINT NOT NULL, ${q('rows_inserted')} BIGINT NOT NULL,
    ${q('rows_updated')} BIGINT NOT NULL, ${q('rows_rejected')} BIGINT NOT NULL,
    ${q('seconds')} DOUBLE NOT NULL)`;
};

/** Existing columns of a (non-temporary) table in the main schema: name -> catalog type. */
export const tableColumns = async (engine: Engine, table: string): Promise<Map<string, string>> => {
  const r = await engine.query(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1
     ORDER BY column_index`,
    [table],
  );
  return new Map(r.rows.map((row) => [String(row['name']), String(row['type'])]));
};

const rowCount = async (engine: Engine, table: string): Promise<number> => {
  const r = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(table)}`);
  return Number(r.rows[0]?.['n'] ?? 0);
};

/** Creates the dataset's table or adds / widens its columns. */
export const ensureDatasetTable = async (engine: Engine, name: string, def: DatasetDef): Promise<void> => {
  const q = engine.dialect.quoteIdent;
  const existing = await tableColumns(engine, name);
  const columns = Object.entries(def.columns);
  if (existing.size === 0) {
    const cols = columns.map(([c, col]) => `${q(c)} ${SQL_TYPES[col.type]}`).join(', ');
    await engine.exec(`CREATE TABLE ${q(name)} (${cols})`);
    return;
  }
  const changes = columns.filter(
    ([c, col]) => existing.has(c) && existing.get(c) !== CATALOG_TYPES[col.type],
  );
  const lossy = changes.filter(
    ([c, col]) => !isLosslessChange(existing.get(c) ?? '', CATALOG_TYPES[col.type]),
  );
  if (lossy.length > 0 && (await rowCount(engine, name)) > 0) {
    const list = lossy
      .map(([c, col]) => `${c} (${columnTypeOf(existing.get(c) ?? '')} -> ${col.type})`)
      .join(', ');
    throw new KpiError(
      'dataset.column.type_change',
      `dataset "${name}": changing the type of ${list} could lose stored values`,
      {
        kind: 'conflict',
        details: { dataset: name, columns: lossy.map(([c]) => c) },
        hint: `keep the old type in kpi.yaml, or add a new column under another name; to start over, drop the table "${name}" and re-import`,
      },
    );
  }
  for (const [c, col] of changes) {
    await engine.exec(`ALTER TABLE ${q(name)} ALTER COLUMN ${q(c)} SET DATA TYPE ${SQL_TYPES[col.type]}`);
  }
  for (const [c, col] of columns.filter(([c]) => !existing.has(c))) {
    await engine.exec(`ALTER TABLE ${q(name)} ADD COLUMN ${q(c)} ${SQL_TYPES[col.type]}`);
  }
};

/** Creates the import log table when missing. */
export const ensureImportLog = (engine: Engine): Promise<void> => engine.exec(importLogDdl(engine));

/**
 * Makes every dataset table match kpi.yaml: creates missing tables, adds missing columns,
 * widens types losslessly; refuses (KpiError `dataset.column.type_change`) a lossy change.
 * Every lossy change is checked before any table is altered.
 */
export const ensureDatasetTables = async (engine: Engine, project: Project): Promise<void> => {
  await engine.transaction(async () => {
    await ensureImportLog(engine);
    for (const [name, def] of Object.entries(project.datasets)) await ensureDatasetTable(engine, name, def);
  });
};

/**
 * What ensureDatasetTables would change, without changing it: the datasets whose table is
 * missing or has missing or differently typed columns (and the import log when missing).
 * Empty when the store matches kpi.yaml — then a read-only store can serve the project.
 */
export const datasetTableChanges = async (engine: Engine, project: Project): Promise<string[]> => {
  const out: string[] = [];
  if ((await tableColumns(engine, IMPORT_LOG_TABLE)).size === 0) out.push(IMPORT_LOG_TABLE);
  for (const [name, def] of Object.entries(project.datasets)) {
    const existing = await tableColumns(engine, name);
    const differs = Object.entries(def.columns).some(
      ([c, col]) => existing.get(c) !== CATALOG_TYPES[col.type],
    );
    if (differs) out.push(name);
  }
  return out;
};
