// Row counts, time range and last import of each dataset, for `kpi datasets`. IO.
// Invariant: a dataset whose table does not exist yet reports zero rows, not an error.

import type { Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { IMPORT_LOG_TABLE, tableColumns } from './dataset-tables.js';
import type { DatasetStats } from './import-types.js';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const datasetStats = async (engine: Engine, project: Project): Promise<DatasetStats[]> => {
  const q = engine.dialect.quoteIdent;
  const hasLog = (await tableColumns(engine, IMPORT_LOG_TABLE)).size > 0;
  const out: DatasetStats[] = [];
  for (const [name, def] of Object.entries(project.datasets).sort(([a], [b]) => a.localeCompare(b))) {
    const cols = await tableColumns(engine, name);
    let rows = 0;
    let from: string | null = null;
    let to: string | null = null;
    if (cols.size > 0) {
      const t = cols.has(def.time) ? q(def.time) : 'NULL';
      const r = await engine.query(
        `SELECT count(*) AS n, CAST(min(${t}) AS VARCHAR) AS lo, CAST(max(${t}) AS VARCHAR) AS hi FROM ${q(name)}`,
      );
      rows = Number(r.rows[0]?.['n'] ?? 0);
      from = text(r.rows[0]?.['lo']);
      to = text(r.rows[0]?.['hi']);
    }
    let lastImport: DatasetStats['lastImport'] = null;
    if (hasLog) {
      const r = await engine.query(
        `SELECT CAST(finished_at AS VARCHAR) AS at, file_name AS file, rows_inserted + rows_updated AS n
         FROM ${q(IMPORT_LOG_TABLE)} WHERE dataset = $1 ORDER BY id DESC LIMIT 1`,
        [name],
      );
      const row = r.rows[0];
      if (row) lastImport = { at: String(row['at']), file: String(row['file']), rows: Number(row['n']) };
    }
    out.push({ dataset: name, rows, from, to, lastImport });
  }
  return out;
};
