// Step 3 of an import: which header of the file fills which column of the dataset (each
// pre-filled with the automatic match), and a preview of the first rows as they will land.
// Invariant: every select has a label naming its column; required columns are marked in
// words, not only by a sign.

import { ownGet } from '@kpi/core/own-lookup';
import type { DatasetInfo } from '../../api/api-types';
import { fileColumns, isRequired, previewRows, unusedHeaders, type ColumnMapping } from './column-map';
import type { FileHeadResult } from './file-head';

const NUMERIC = new Set(['integer', 'number']);

export const MappingTable = ({
  ds,
  head,
  mapping,
  onChange,
}: {
  readonly ds: DatasetInfo;
  readonly head: FileHeadResult;
  readonly mapping: ColumnMapping;
  readonly onChange: (column: string, header: string) => void;
}) => {
  const columns = fileColumns(ds);
  const unused = unusedHeaders(head.headers, mapping);
  return (
    <>
      <div className="table-scroll">
        <table className="import-mapping">
          <caption className="visually-hidden">Dataset columns and the headers that fill them</caption>
          <thead>
            <tr>
              <th scope="col">Dataset column</th>
              <th scope="col">Type</th>
              <th scope="col">Header in the file</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const def = ownGet(ds.columns, c);
              const about = def?.description;
              const req = isRequired(c, ds);
              const missing = req && (mapping[c] ?? '') === '';
              const id = `map-${c}`;
              return (
                <tr key={c} className={missing ? 'import-missing' : undefined}>
                  <th scope="row">
                    <code>{c}</code>
                    {req && <span className="import-required"> required</span>}
                    {c === ds.time && <span className="muted small"> · time</span>}
                    {ds.key.includes(c) && <span className="muted small"> · key</span>}
                    {about && <div className="muted small">{about}</div>}
                  </th>
                  <td>{def?.type}</td>
                  <td>
                    <label htmlFor={id} className="visually-hidden">
                      Header for {c}
                    </label>
                    <select
                      id={id}
                      value={mapping[c] ?? ''}
                      aria-invalid={missing ? true : undefined}
                      onChange={(e) => onChange(c, e.target.value)}
                    >
                      <option value="">{req ? '— choose a header —' : '— not in the file —'}</option>
                      {head.headers.map((h, n) => (
                        <option key={`${h}-${n}`} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {unused.length > 0 && (
        // Said loudly: a renamed header that matches nothing would load its column empty.
        <p className="field-warning" role="status" data-testid="import-unused-headers">
          <strong>
            {unused.length === 1
              ? 'This header matches no column'
              : `${unused.length} headers match no column`}{' '}
            and will not be loaded:
          </strong>{' '}
          {unused.map((h) => `“${h}”`).join(', ')}.
          {columns.some((c) => (mapping[c] ?? '') === '') &&
            ` Columns left empty: ${columns.filter((c) => (mapping[c] ?? '') === '').join(', ')} — if a header was renamed, choose it above.`}
        </p>
      )}
      <h3 id="preview-title">Preview: the first {head.rows.length} rows as they will be imported</h3>
      {head.rows.length === 0 ? (
        <p className="muted">No complete data rows in the start of the file.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-title">
          <table className="import-preview">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c}
                    scope="col"
                    className={NUMERIC.has(ownGet(ds.columns, c)?.type ?? '') ? 'num' : undefined}
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {previewRows(head.headers, head.rows, mapping, columns).map((r, n) => (
                <tr key={n}>
                  {r.map((v, i) => (
                    <td
                      key={i}
                      className={
                        NUMERIC.has(ownGet(ds.columns, columns[i] ?? '')?.type ?? '') ? 'num' : undefined
                      }
                    >
                      {v === undefined ? <span className="muted">—</span> : v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
