// Copies a project's dataset tables from one engine to another with bound multi-row inserts,
// as a warehouse filled by another tool would hold them. IO, test support.
// Invariant: the target tables are created with the types a PostgreSQL warehouse would use;
// timestamps travel as text with their offset, so no instant shifts.

import type { ColumnType, Project } from '@kpi/core';
import type { Engine, SqlValue } from '../engine.js';

const PG_TYPES: Readonly<Record<ColumnType, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE PRECISION',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
};

/** Creates each dataset's table on `to` and fills it from `from`; the rows copied per table. */
export const copyDatasetTables = async (
  from: Engine,
  to: Engine,
  project: Project,
  only?: readonly string[],
): Promise<Record<string, number>> => {
  const q = to.dialect.quoteIdent;
  const copied: Record<string, number> = {};
  for (const [name, def] of Object.entries(project.datasets)) {
    if (only && !only.includes(name)) continue;
    const cols = Object.entries(def.columns);
    await to.exec(
      `CREATE TABLE ${q(name)} (${cols.map(([c, col]) => `${q(c)} ${PG_TYPES[col.type]}`).join(', ')})`,
    );
    const select = cols
      .map(([c, col]) => (col.type === 'timestamp' ? `CAST(${q(c)} AS VARCHAR) AS ${q(c)}` : q(c)))
      .join(', ');
    const rows = (await from.query(`SELECT ${select} FROM ${q(name)}`)).rows;
    for (let i = 0; i < rows.length; i += 400) {
      const params: SqlValue[] = [];
      const values = rows.slice(i, i + 400).map(
        (row) =>
          `(${cols
            .map(([c]) => {
              params.push((row[c] ?? null) as SqlValue);
              return `$${params.length}`;
            })
            .join(', ')})`,
      );
      await to.exec(`INSERT INTO ${q(name)} VALUES ${values.join(', ')}`, params);
    }
    copied[name] = rows.length;
  }
  return copied;
};
