// What a check or an import answered: the rows the server rejected (every listed one, with
// line, column, reason and hint), the dry-run summary, or the result of the import.
// Invariant: counts go through the one formatter; messages and hints are the server's.

import { Link } from 'wouter';
import type { ImportSummary, Issue } from '../../api/api-types';
import { fmt, fmtDate } from '../../ui/format';
import type { RejectedRows } from './import-request';

const count = (n: number): string => fmt(n, { unit: 'count' });
const rows = (n: number): string => `${count(n)} row${n === 1 ? '' : 's'}`;

const lineOf = (i: Issue): string => {
  const line = i.position?.line ?? (typeof i.path?.[0] === 'number' ? i.path[0] : undefined);
  return line === undefined ? '—' : count(line);
};

const columnOf = (i: Issue): string => {
  const c = i.path?.[1];
  return typeof c === 'string' ? c : i.position?.column !== undefined ? `field ${i.position.column}` : '—';
};

export const RejectedPanel = ({ result, fileName }: { result: RejectedRows; fileName: string }) => (
  <section className="panel import-rejected" data-testid="import-rejected">
    <h3 id="rejected-title">
      {count(result.rejected)} of {rows(result.rowsRead)} have problems; nothing was imported
    </h3>
    <p className="small">
      Fix these rows in <strong>{fileName}</strong>, save it, and choose it again under “File” — then check it
      again.
    </p>
    {(result.listed < result.rejected || result.listed < result.problems) && (
      <p className="small" data-testid="rejected-partial">
        {`Only the first ${count(result.listed)} problems are listed here (${rows(result.rejected)} with problems in all); more will show once these are fixed.`}
      </p>
    )}
    <div className="table-scroll">
      <table className="import-rejected-table">
        <caption className="visually-hidden">Rejected rows</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Reason</th>
            <th scope="col">Hint</th>
          </tr>
        </thead>
        <tbody>
          {result.issues.map((i, n) => (
            <tr key={n}>
              <td className="num" data-label="Line">
                {lineOf(i)}
              </td>
              <td data-label="Column">
                <code>{columnOf(i)}</code>
              </td>
              <td data-label="Reason">{i.message}</td>
              <td className="muted" data-label="Hint">
                {i.hint ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

/** Rows left out (keep-the-rejects), with the file of them and their reasons. */
const RejectsNote = ({ s }: { s: ImportSummary }) =>
  s.rejected > 0 ? (
    <p data-testid="import-rejects">
      {rows(s.rejected)} {s.dryRun ? 'would not be loaded' : 'not loaded'} (bad values).{' '}
      {s.rejectsCsv !== undefined && (
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(s.rejectsCsv)}`}
          download={`${s.dataset}-rejected-rows.csv`}
        >
          Download the rows and their reasons
        </a>
      )}
    </p>
  ) : null;

const ColumnsNote = ({ s }: { s: ImportSummary }) => (
  <>
    <RejectsNote s={s} />
    {(s.totalsSkipped ?? 0) > 0 && (
      <p className="small">Totals rows of the export left out: {rows(s.totalsSkipped ?? 0)}.</p>
    )}
    {s.snapshotDate !== undefined && <p className="small">Snapshot of {fmtDate(s.snapshotDate)}.</p>}
    {s.ignoredColumns.length > 0 && (
      <p className="small">
        Ignored headers (no column of the dataset): {s.ignoredColumns.map((c) => `“${c}”`).join(', ')}.
      </p>
    )}
    {s.missingColumns.length > 0 && (
      <p className="small">Columns not in the file (left empty): {s.missingColumns.join(', ')}.</p>
    )}
  </>
);

export const CheckSummary = ({ s }: { s: ImportSummary }) => (
  <section className="panel import-ok" data-testid="import-checked">
    <h3 id="check-title">
      <span aria-hidden="true">✓ </span>Check passed: {rows(s.rowsRead)} read,{' '}
      {s.rejected > 0 ? `${rows(s.rejected)} to leave out` : 'none rejected'}
    </h3>
    <p>
      Importing it would insert {rows(s.inserted)} and update {rows(s.updated)}. Nothing has been imported
      yet.
    </p>
    <ColumnsNote s={s} />
  </section>
);

export const ImportDone = ({ s }: { s: ImportSummary }) => (
  <section className="panel import-ok" data-testid="import-done">
    <h3 id="done-title">
      <span aria-hidden="true">✓ </span>Imported {rows(s.rowsRead)} into {s.dataset}
    </h3>
    <p>
      {rows(s.inserted)} inserted, {rows(s.updated)} updated, in {fmt(s.seconds)} seconds.
    </p>
    <ColumnsNote s={s} />
    <p>
      <Link href="/">See the overview</Link>
    </p>
  </section>
);
