// A KPI's comparisons (previous period, same period last year): the earlier value and the
// signed change, coloured by whether the change is better or worse AND said with an arrow
// and a word, so the meaning never rests on colour.

import type { Comparison, ValueFormat } from '../../api/api-types';
import { COMPARISON_LABEL, fmt, fmtSignedChange, fmtSignedPercent } from '../../ui/format';

const ARROW = (change: number | null): string =>
  change === null || change === 0 ? '→' : change > 0 ? '▲' : '▼';

const SENSE_WORD: Readonly<Record<Comparison['sense'], string>> = {
  better: 'better',
  worse: 'worse',
  same: 'no change',
  unknown: '',
};

export const ChangeText = ({ c, format }: { c: Comparison; format: ValueFormat }) => {
  if (c.thin)
    return (
      <span className="muted">
        not comparable: data on only {c.thin.daysWithData} {c.thin.daysWithData === 1 ? 'day' : 'days'}
      </span>
    );
  if (c.value === null || c.change === null) return <span className="muted">no earlier value</span>;
  return (
    <span className={`change sense-${c.sense}`}>
      <span aria-hidden="true">{ARROW(c.change)} </span>
      <span className="num">
        {c.changeRelative !== null && format.unit !== 'percent'
          ? fmtSignedPercent(c.changeRelative)
          : fmtSignedChange(c.change, format)}
      </span>
      {SENSE_WORD[c.sense] !== '' && <span className="change-word"> {SENSE_WORD[c.sense]}</span>}
    </span>
  );
};

export const KpiComparisons = ({
  comparisons,
  format,
}: {
  comparisons: readonly Comparison[];
  format: ValueFormat;
}) =>
  comparisons.length === 0 ? null : (
    <dl className="card-comparisons">
      {comparisons.map((c) => (
        <div key={c.kind} className="card-comparison">
          <dt>{COMPARISON_LABEL[c.kind]}</dt>
          <dd>
            <span className="num">{fmt(c.value, format)}</span> <ChangeText c={c} format={format} />
          </dd>
        </div>
      ))}
    </dl>
  );
