// Reports rejected rows: as a ProblemsError listing each problem with its line, or as a
// rejects CSV (line, column, reason, then the row's original fields). IO (writes the file).
// Invariants: problems are listed in file order, at most MAX_LISTED_PROBLEMS, with the
// true totals in the message; the rejects file holds exactly the rejected rows.

import { writeFileSync } from 'node:fs';
import { IoError, ProblemsError, type Issue, ownGet } from '@kpi/core';
import type { BadRow } from './checked-route.js';
import { isRequired } from './header-map.js';
import type { ImportPlan } from './import-plan.js';
import { MAX_LISTED_PROBLEMS } from './import-types.js';
import { badValue, duplicateKey, missingValue, toIssue, type RowProblem } from './row-issues.js';

/** Every problem of one rejected row. */
export const rowProblems = (
  plan: ImportPlan,
  row: BadRow,
  lineOf: (ordinal: number) => number,
): RowProblem[] => {
  const out: RowProblem[] = [];
  for (const m of plan.mapping.mapped) {
    const col = ownGet(plan.def.columns, m.column);
    if (!col || !row.isNull[m.column]) continue;
    const raw = row.raw[m.index] ?? null;
    const field = plan.format === 'csv' ? m.index + 1 : 0;
    const present = raw !== null && raw.trim() !== '';
    if (present && col.type !== 'string') {
      out.push(
        badValue(m.column, field, col.type, raw, {
          decimalComma: plan.decimalComma,
          format: ownGet(plan.formats, m.column),
        }),
      );
    } else if (isRequired(m.column, plan.def)) {
      out.push(missingValue(m.column, field, m.column === plan.def.time || plan.def.key.includes(m.column)));
    }
  }
  if (row.duplicateOf !== null) {
    out.push(
      duplicateKey(plan.def.key, lineOf(row.duplicateOf), plan.format === 'json' ? 'element' : 'line'),
    );
  }
  return out;
};

export const lineOrdinals = (rows: readonly BadRow[]): number[] =>
  rows.flatMap((r) => (r.duplicateOf === null ? [r.row] : [r.row, r.duplicateOf]));

/** The error thrown when the file has bad rows and no rejects file was asked for. */
export const problemsError = (
  plan: ImportPlan,
  rows: readonly BadRow[],
  lineOf: (ordinal: number) => number,
  rejected: number,
  rowsRead: number,
): ProblemsError => {
  const issues: Issue[] = [];
  let total = 0;
  for (const row of rows) {
    for (const p of rowProblems(plan, row, lineOf)) {
      total++;
      if (issues.length < MAX_LISTED_PROBLEMS) issues.push(toIssue(p, plan.path, lineOf(row.row)));
    }
  }
  const more =
    rejected > rows.length
      ? ' (first ones listed)'
      : issues.length < total
        ? ` (first ${issues.length} listed)`
        : '';
  return new ProblemsError(
    'import.rejected',
    `${plan.path}: ${rejected} of ${rowsRead} rows have problems${more}; nothing was imported`,
    issues,
    // listed < problems: the list was cut at MAX_LISTED_PROBLEMS (a row may have several problems).
    { file: plan.path, rejected, rowsRead, listed: issues.length, problems: Math.max(total, rejected) },
  );
};

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes the rejects CSV: line, column, reason, then the original fields. */
export const writeRejects = (
  path: string,
  plan: ImportPlan,
  rows: readonly BadRow[],
  lineOf: (ordinal: number) => number,
): void => {
  const lines = [['line', 'column', 'reason', ...plan.fields].map(csvField).join(',')];
  for (const row of rows) {
    const problems = rowProblems(plan, row, lineOf);
    const cols = [...new Set(problems.map((p) => p.column))].join(';');
    const reason = problems.map((p) => p.message).join('; ');
    lines.push([lineOf(row.row), cols, reason, ...row.raw].map(csvField).join(','));
  }
  try {
    writeFileSync(path, `${lines.join('\n')}\n`);
  } catch (e) {
    throw new IoError(
      'import.rejects.unwritable',
      `cannot write the rejects file ${path}: ${(e as Error).message}`,
      {
        cause: e,
        details: { path },
      },
    );
  }
};
