// The checked route: stage the file as text, convert every value in SQL, and find bad
// values, missing keys and duplicate keys, each with its record ordinal. IO.
// Invariants: runs inside the caller's transaction; the file is read once, by DuckDB;
// `_row` is the 0-based data record ordinal (the staging table keeps file order).

import { EngineError, ProblemsError, ownGet } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { isRequired } from './header-map.js';
import type { ImportPlan } from './import-plan.js';
import { CONVERTED, DUPLICATES, STAGE, fieldName, stageSql } from './source-sql.js';
import { SQL_TYPES } from './column-sql.js';
import { convertSql, presentSql, stampedSql } from './value-sql.js';

/** Reads the file into the staging table; returns the number of data records. */
export const stageFile = async (engine: Engine, plan: ImportPlan): Promise<number> => {
  try {
    for (const sql of stageSql(plan)) await engine.exec(sql);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const cause = e.cause instanceof Error ? e.cause.message : e.message;
    const lineMatch = /Line: (\d+)/.exec(cause);
    const line = lineMatch ? Number(lineMatch[1]) : 0;
    const reason = cause
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^(Original Line|Possible fixes|\* |LINE \d)/.test(l))
      .slice(0, 3)
      .join(' ');
    const code = plan.format === 'csv' ? 'import.file.bad_csv' : 'import.file.bad_json';
    const message = `${plan.path}${line ? ` line ${line}` : ''}: the file cannot be read: ${reason}`;
    throw new ProblemsError(code, message, [
      {
        code,
        severity: 'error',
        message,
        path: [],
        position: { file: plan.path, line, column: 1 },
        hint:
          plan.format === 'csv'
            ? 'check the quoting and the number of fields on that line, and the delimiter'
            : 'check that the file is valid JSON in the expected layout',
      },
    ]);
  }
  return Number((await engine.query(`SELECT count(*) AS n FROM ${STAGE}`)).rows[0]?.['n'] ?? 0);
};

/**
 * Removes the totals rows of a platform export ("Total: Account", "Totals", "Grand total"
 * as the first filled field among the first three, and no valid time value when the file
 * has the time column). Ordinals of the other rows are kept (rowids do not move), so their
 * line numbers stay right. Returns how many were removed.
 */
export const dropTotalsRows = async (engine: Engine, plan: ImportPlan): Promise<number> => {
  if (plan.format !== 'csv' || plan.fields.length < 2) return 0;
  const first = plan.fields
    .slice(0, 3)
    .map((_, i) => `NULLIF(trim(${fieldName(i)}), '')`)
    .join(', ');
  const label = `regexp_full_match(lower(coalesce(${first})), '(grand\\s+)?totals?(\\s*:.*)?')`;
  const time = plan.mapping.mapped.find((m) => m.column === plan.def.time);
  const timeType = ownGet(plan.def.columns, plan.def.time)?.type ?? 'date';
  const noTime = time
    ? ` AND ${convertSql(timeType, fieldName(time.index), { decimalComma: false, format: ownGet(plan.formats, time.column) })} IS NULL`
    : '';
  const n = Number(
    (await engine.query(`SELECT count(*) AS n FROM ${STAGE} WHERE ${label}${noTime}`)).rows[0]?.['n'] ?? 0,
  );
  if (n > 0) await engine.exec(`DELETE FROM ${STAGE} WHERE ${label}${noTime}`);
  return n;
};

/** Converts the staged text into typed columns plus `_bad` (some value is wrong or missing). */
export const convertStage = async (engine: Engine, plan: ImportPlan): Promise<void> => {
  const q = engine.dialect.quoteIdent;
  const inner: string[] = ['rowid AS _row'];
  const bad: string[] = [];
  const byColumn = new Map(plan.mapping.mapped.map((m) => [m.column, m]));
  for (const [column, col] of Object.entries(plan.def.columns)) {
    const m = byColumn.get(column);
    if (!m) {
      inner.push(`${stampedSql(plan, column) ?? `CAST(NULL AS ${SQL_TYPES[col.type]})`} AS ${q(column)}`);
      continue;
    }
    const raw = fieldName(m.index);
    const opts = { decimalComma: plan.decimalComma, format: ownGet(plan.formats, column) };
    inner.push(`${convertSql(col.type, raw, opts)} AS ${q(column)}`, `${raw} AS _r${m.index}`);
    if (isRequired(column, plan.def)) bad.push(`${q(column)} IS NULL`);
    else if (col.type !== 'string') bad.push(`(${presentSql(`_r${m.index}`)} AND ${q(column)} IS NULL)`);
  }
  const cols = Object.keys(plan.def.columns).map(q).join(', ');
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE ${CONVERTED} AS SELECT _row, ${cols}, (${bad.join(' OR ') || 'false'}) AS _bad
     FROM (SELECT ${inner.join(', ')} FROM ${STAGE})`,
  );
};

/** Later rows repeating an earlier row's key: (_row, _first). Returns their count. */
export const findDuplicates = async (
  engine: Engine,
  plan: ImportPlan,
  table = CONVERTED,
): Promise<number> => {
  const q = engine.dialect.quoteIdent;
  const keys = plan.def.key.map(q);
  if (keys.length === 0) {
    // No key: no duplicates to find (the import replaces the dates it covers).
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE ${DUPLICATES} AS SELECT 0 AS _row, 0 AS _first WHERE false`,
    );
    return 0;
  }
  const notNull = keys.map((k) => `${k} IS NOT NULL`).join(' AND ');
  const on = keys.map((k) => `c.${k} = g.${k}`).join(' AND ');
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE ${DUPLICATES} AS
     WITH g AS (SELECT ${keys.join(', ')}, min(_row) AS _first FROM ${table} WHERE ${notNull}
                GROUP BY ${keys.join(', ')} HAVING count(*) > 1)
     SELECT c._row, g._first FROM ${table} AS c JOIN g ON ${on} WHERE c._row <> g._first`,
  );
  return Number((await engine.query(`SELECT count(*) AS n FROM ${DUPLICATES}`)).rows[0]?.['n'] ?? 0);
};

/** Rows with at least one problem. */
export const countRejected = async (engine: Engine): Promise<number> =>
  Number(
    (
      await engine.query(
        `SELECT count(*) AS n FROM ${CONVERTED} AS c WHERE _bad OR EXISTS (SELECT 1 FROM ${DUPLICATES} AS d WHERE d._row = c._row)`,
      )
    ).rows[0]?.['n'] ?? 0,
  );

/** The good rows, as a relation for upsertRows. */
export const goodRowsSql = (rejected: number): string =>
  rejected === 0
    ? `temp.main.${CONVERTED}`
    : `(SELECT * FROM ${CONVERTED} AS c WHERE NOT _bad AND NOT EXISTS (SELECT 1 FROM ${DUPLICATES} AS d WHERE d._row = c._row))`;

export interface BadRow {
  readonly row: number;
  /** Raw text of every file field, by position. */
  readonly raw: readonly (string | null)[];
  /** Per dataset column: true when its converted value is NULL. */
  readonly isNull: Readonly<Record<string, boolean>>;
  readonly duplicateOf: number | null;
}

/** The rejected rows in file order, at most `limit` of them. */
export const badRows = async (engine: Engine, plan: ImportPlan, limit?: number): Promise<BadRow[]> => {
  const q = engine.dialect.quoteIdent;
  const columns = Object.keys(plan.def.columns);
  const nulls = columns.map((c, i) => `(c.${q(c)} IS NULL) AS _n${i}`).join(', ');
  const raws = plan.fields.map((_, i) => `s.${fieldName(i)}`).join(', ');
  const r = await engine.query(
    `WITH p AS (SELECT _row FROM ${CONVERTED} WHERE _bad UNION SELECT _row FROM ${DUPLICATES})
     SELECT p._row AS _row, d._first AS _first, ${nulls}${raws ? `, ${raws}` : ''}
     FROM p JOIN ${CONVERTED} AS c ON c._row = p._row LEFT JOIN ${DUPLICATES} AS d ON d._row = p._row
     JOIN (SELECT rowid AS _row, * FROM ${STAGE}) AS s ON s._row = p._row
     ORDER BY p._row${limit === undefined ? '' : ` LIMIT ${Math.floor(limit)}`}`,
  );
  return r.rows.map((row) => ({
    row: Number(row['_row']),
    raw: plan.fields.map((_, i) => (row[fieldName(i)] ?? null) as string | null),
    isNull: Object.fromEntries(columns.map((c, i) => [c, row[`_n${i}`] === true])),
    duplicateOf: row['_first'] == null ? null : Number(row['_first']),
  }));
};
