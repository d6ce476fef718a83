// Writes checked rows into a dataset table (insert new keys, update existing ones) and
// records the import in `_kpi_imports`. IO. Invariants: runs inside the caller's
// transaction; `source` holds unique, non-null keys; an update replaces the whole row.
// A snapshot dataset, or one without a key, is written by replacement: the stored rows of
// the dates the import covers (its first to its last time value; a snapshot: its one
// date) are removed, then every row is inserted. A static dataset (`time: none`) holds
// one current version: without a key an import replaces every stored row; with one, it
// upserts by key.

import type { DatasetDef } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { IMPORT_LOG_TABLE } from './dataset-tables.js';

export interface WriteCounts {
  readonly inserted: number;
  readonly updated: number;
  /** Stored rows removed by a replacing write. */
  readonly replaced?: number;
}

/** True when imports into `def` replace the dates they cover instead of upserting by key. */
export const replacesByDate = (def: DatasetDef): boolean =>
  def.static !== true && (def.snapshot === true || def.key.length === 0);

const count = async (engine: Engine, sql: string): Promise<number> =>
  Number((await engine.query(sql)).rows[0]?.['n'] ?? 0);

/** True when the dataset table has no rows. */
export const isEmptyTable = async (engine: Engine, dataset: string): Promise<boolean> =>
  (await engine.query(`SELECT 1 AS one FROM ${engine.dialect.quoteIdent(dataset)} LIMIT 1`)).rows.length ===
  0;

/** Upserts the rows of `source` (a table or a parenthesised SELECT with the dataset's columns). */
export const upsertRows = async (
  engine: Engine,
  dataset: string,
  def: DatasetDef,
  source: string,
  total: number,
  tableEmpty = false,
): Promise<WriteCounts> => {
  const q = engine.dialect.quoteIdent;
  const table = q(dataset);
  const cols = Object.keys(def.columns).map(q).join(', ');
  if (def.static === true && def.key.length === 0) {
    const replaced = tableEmpty ? 0 : await count(engine, `SELECT count(*) AS n FROM ${table}`);
    if (replaced > 0) await engine.exec(`DELETE FROM ${table}`);
    await engine.exec(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${source} AS s`);
    return { inserted: total, updated: 0, replaced };
  }
  if (replacesByDate(def)) {
    const t = q(def.time);
    const replaced = tableEmpty
      ? 0
      : await count(
          engine,
          `SELECT count(*) AS n FROM ${table} WHERE ${t} BETWEEN (SELECT min(${t}) FROM ${source} AS s) AND (SELECT max(${t}) FROM ${source} AS s)`,
        );
    if (replaced > 0)
      await engine.exec(
        `DELETE FROM ${table} WHERE ${t} BETWEEN (SELECT min(${t}) FROM ${source} AS s) AND (SELECT max(${t}) FROM ${source} AS s)`,
      );
    await engine.exec(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${source} AS s`);
    return { inserted: total, updated: 0, replaced };
  }
  const on = def.key.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ');
  const updated = tableEmpty
    ? 0
    : await count(engine, `SELECT count(*) AS n FROM ${source} AS s SEMI JOIN ${table} AS t ON ${on}`);
  if (updated > 0) await engine.exec(`DELETE FROM ${table} AS t USING ${source} AS s WHERE ${on}`);
  await engine.exec(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${source} AS s`);
  return { inserted: total - updated, updated };
};

export interface ImportRecord {
  readonly dataset: string;
  readonly file: string;
  readonly startedAt: Date;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
}

/** Appends one row to `_kpi_imports`; returns the seconds elapsed since `startedAt`. */
export const recordImport = async (engine: Engine, r: ImportRecord): Promise<number> => {
  const seconds = (Date.now() - r.startedAt.getTime()) / 1000;
  const log = engine.dialect.quoteIdent(IMPORT_LOG_TABLE);
  await engine.exec(
    `INSERT INTO ${log} SELECT coalesce(max(id), 0) + 1, $1, $2, CAST($3 AS TIMESTAMPTZ), CAST($4 AS TIMESTAMPTZ), $5, $6, $7, $8, $9 FROM ${log}`,
    [
      r.dataset,
      r.file,
      r.startedAt.toISOString(),
      new Date().toISOString(),
      r.rowsRead,
      r.inserted,
      r.updated,
      r.rejected,
      seconds,
    ],
  );
  return seconds;
};
