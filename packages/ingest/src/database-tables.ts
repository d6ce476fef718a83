// The tables of a project whose facts live in a PostgreSQL database: kpi queries them in
// place and never creates or changes them, so it checks that each dataset's table is there
// with columns of a type that holds what kpi.yaml says. IO (reads the catalog).
// Invariant: only information_schema is read; every problem is listed, none stops the rest.

import { ownGet, type ColumnType, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';

/** information_schema.columns.data_type values that hold each kpi column type without loss. */
const ACCEPTED: Readonly<Record<ColumnType, readonly string[]>> = {
  string: ['character varying', 'text', 'character'],
  integer: ['smallint', 'integer', 'bigint'],
  number: ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'],
  boolean: ['boolean'],
  date: ['date'],
  timestamp: ['timestamp with time zone'],
};

/** One line per problem: a missing table, a missing column, a column of the wrong type. */
export const databaseTableProblems = async (engine: Engine, project: Project): Promise<string[]> => {
  const problems: string[] = [];
  for (const [name, def] of Object.entries(project.datasets)) {
    const r = await engine.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1`,
      [name],
    );
    if (r.rows.length === 0) {
      problems.push(`dataset "${name}": the database has no table or view "${name}"`);
      continue;
    }
    const types = new Map(r.rows.map((row) => [String(row['name']), String(row['type'])]));
    for (const [column, col] of Object.entries(def.columns)) {
      const found = types.get(column);
      const accepted = ownGet(ACCEPTED, col.type) ?? [];
      if (found === undefined) problems.push(`dataset "${name}": the table has no column "${column}"`);
      else if (!accepted.includes(found))
        problems.push(
          `dataset "${name}": column "${column}" is ${found} in the database, which does not hold a ${col.type}` +
            (col.type === 'timestamp' && found === 'timestamp without time zone'
              ? ' (an instant needs timestamp with time zone: cast it in a view)'
              : ''),
        );
    }
  }
  return problems;
};
