// Section 5 of the KPI page: how the target moved — each change to the target or baseline
// with when, who, before → after and the reason — then the other changes to the KPI.
// Newest first (the server's order). Values through ui/format.ts.

import type { ValueFormat } from '../../api/api-types';
import { fmtTimestamp, humanize } from '../../ui/format';
import { isTargetChange, type ChangeItem } from './kpi-shapes';
import { baselineInWords, recordedTargetInWords } from './kpi-text';

const fieldValue = (field: string, v: unknown, format: ValueFormat): string => {
  if (field === 'target') return recordedTargetInWords(v, format);
  if (field === 'baseline') return baselineInWords(v, format);
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

const Change = ({ c, fields, format }: { c: ChangeItem; fields: readonly string[]; format: ValueFormat }) => (
  <li className="kpi-change">
    <div className="small muted">
      <time dateTime={c.at}>{fmtTimestamp(c.at)}</time> · {c.actor}
      {c.action === 'create' ? ' · created the KPI' : ''}
    </div>
    {c.action !== 'create' &&
      fields.map((f) => (
        <div key={f}>
          <span className="kpi-field">{humanize(f)}</span>: {fieldValue(f, c.before[f], format)}{' '}
          <span aria-label="changed to">→</span> <strong>{fieldValue(f, c.after[f], format)}</strong>
        </div>
      ))}
    <div className={c.reason ? '' : 'muted small'}>
      {c.reason ? `Why: ${c.reason}` : 'No reason was recorded.'}
    </div>
  </li>
);

export const KpiHistoryList = ({
  changes,
  format,
}: {
  changes: readonly ChangeItem[];
  format: ValueFormat;
}) => {
  const target = changes.filter(isTargetChange);
  const other = changes.filter((c) => !isTargetChange(c));
  return (
    <>
      {target.length === 0 ? (
        <p className="muted">The target and baseline have not been changed through kpi.</p>
      ) : (
        <ol className="kpi-changes">
          {target.map((c) => (
            <Change key={c.id} c={c} fields={c.fields} format={format} />
          ))}
        </ol>
      )}
      {other.length > 0 && (
        <>
          <h3>Other changes</h3>
          <ol className="kpi-changes">
            {other.map((c) => (
              <Change key={c.id} c={c} fields={c.fields} format={format} />
            ))}
          </ol>
        </>
      )}
    </>
  );
};
