// Section 4 of the KPI page: why it moved. The top drivers (with their annotations), then a
// tab per dimension (arrow keys move between tabs) showing every member's contribution,
// largest effect first; mix and rate effects for ratio metrics. Numbers right-aligned,
// through ui/format.ts; shares as percents. Each member's button opens its drill-down
// (kpi-drill-panel.tsx) below the table: one at a time; the button or Esc closes it and
// the focus returns to the button; changing the tab closes it.

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Cause, CauseDimension, KpiReading, ValueFormat } from '../../api/api-types';
import { COMPARISON_LABEL, fmt, fmtSignedPercent, humanize } from '../../ui/format';
import { KpiDrillPanel, type DrillScope } from './kpi-drill-panel';
import { fmtChange, fmtRange } from './kpi-text';

const pct = (v: number | null): string => fmt(v, { unit: 'percent' });

const senseOf = (v: number, direction: KpiReading['direction']): string =>
  v === 0 ? '' : v > 0 === (direction !== 'lower') ? 'sense-better' : 'sense-worse';

const againstWords = (reading: KpiReading, cause: Cause): string => {
  const c = reading.comparisons.find((x) => x.kind === cause.against);
  const label =
    COMPARISON_LABEL[cause.against as keyof typeof COMPARISON_LABEL] ?? `vs ${humanize(cause.against)}`;
  const cur = reading.current
    ? `${reading.current.label}${reading.current.partial ? ' so far' : ''}`
    : 'this period';
  return `${cur} ${label}${c ? ` (${fmtRange(c.range.start, c.range.end)})` : ''}`;
};

/** The member cell's control: opens (or closes) the member's drill-down. */
interface Drill {
  readonly open: string | undefined;
  readonly panelId: string;
  readonly toggle: (member: string) => void;
  readonly close: () => void;
  readonly buttons: Map<string, HTMLButtonElement>;
}

const MemberTable = ({
  dim,
  format,
  direction,
  caption,
  drill,
}: {
  dim: CauseDimension;
  format: ValueFormat;
  direction: KpiReading['direction'];
  caption: string;
  drill: Drill;
}) => {
  const mixRate = dim.method === 'mix_rate';
  const members = [...dim.members].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="kpi-members">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{dim.label ?? humanize(dim.dimension)}</th>
            <th scope="col" className="num">
              {mixRate ? 'Rate now' : 'Now'}
            </th>
            <th scope="col" className="num">
              {mixRate ? 'Rate before' : 'Before'}
            </th>
            <th scope="col" className="num">
              Effect
            </th>
            <th scope="col" className="num">
              {mixRate ? 'Weight' : 'Share of total'}
            </th>
            <th scope="col" className="num">
              Share of change
            </th>
            {mixRate && (
              <th scope="col" className="num">
                Mix effect
              </th>
            )}
            {mixRate && (
              <th scope="col" className="num">
                Rate effect
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.member} className={drill.open === m.member ? 'kpi-drill-open' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="kpi-drill-toggle"
                  ref={(el) => {
                    if (el) drill.buttons.set(m.member, el);
                    else drill.buttons.delete(m.member);
                  }}
                  aria-expanded={drill.open === m.member}
                  aria-controls={drill.open === m.member ? drill.panelId : undefined}
                  onClick={() => drill.toggle(m.member)}
                  onKeyDown={(e) => {
                    if (e.key !== 'Escape' || drill.open !== m.member) return;
                    e.preventDefault();
                    drill.close();
                  }}
                >
                  {m.label ?? m.member}
                  <span className="visually-hidden"> details</span>
                  <span aria-hidden="true" className="kpi-drill-caret">
                    {drill.open === m.member ? '▾' : '▸'}
                  </span>
                </button>
              </th>
              <td className="num">{fmt(m.current, format)}</td>
              <td className="num">{fmt(m.previous, format)}</td>
              <td className={`num ${senseOf(m.effect, direction)}`}>{fmtChange(m.effect, format)}</td>
              <td className="num">{pct(m.shareOfTotal)}</td>
              <td className="num">{fmtSignedPercent(m.shareOfChange)}</td>
              {mixRate && <td className="num">{fmtChange(m.mix, format)}</td>}
              {mixRate && <td className="num">{fmtChange(m.rate, format)}</td>}
            </tr>
          ))}
          {dim.others && (
            <tr>
              <th scope="row" className="muted">
                {dim.others.count} {dim.others.count === 1 ? 'other' : 'others'}
              </th>
              <td />
              <td />
              <td className="num">{fmtChange(dim.others.effect, format)}</td>
              <td />
              <td />
              {mixRate && <td />}
              {mixRate && <td />}
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{fmt(dim.current, format)}</td>
            <td className="num">{fmt(dim.previous, format)}</td>
            <td className="num">{fmtChange(dim.change, format)}</td>
            <td className="num">{pct(1)}</td>
            <td className="num">{dim.change ? fmtSignedPercent(1) : '—'}</td>
            {mixRate && <td className="num">{fmtChange(dim.mix, format)}</td>}
            {mixRate && <td className="num">{fmtChange(dim.rate, format)}</td>}
          </tr>
        </tfoot>
      </table>
    </div>
  );
};

const DimensionTabs = ({
  reading,
  cause,
  scope,
}: {
  reading: KpiReading;
  cause: Cause;
  scope: DrillScope;
}) => {
  const [chosen, setChosen] = useState(0);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const base = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const dims = cause.dimensions;
  const dim = dims[chosen] ?? dims[0];
  if (!dim) return null;
  const choose = (i: number) => {
    if (i !== chosen) setOpen(undefined);
    setChosen(i);
  };
  const close = () => {
    if (open !== undefined) buttons.current.get(open)?.focus();
    setOpen(undefined);
  };
  const drill: Drill = {
    open,
    panelId: `${base}-drill`,
    toggle: (member) => (member === open ? close() : setOpen(member)),
    close,
    buttons: buttons.current,
  };
  const move = (e: KeyboardEvent<HTMLButtonElement>) => {
    const n = dims.length;
    const next =
      e.key === 'ArrowRight'
        ? (chosen + 1) % n
        : e.key === 'ArrowLeft'
          ? (chosen - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(next);
    tabs.current[next]?.focus();
  };
  return (
    <div className="kpi-dims">
      <div role="tablist" aria-label="Break the change down by" className="kpi-tabs">
        {dims.map((d, i) => (
          <button
            key={d.dimension}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${i}`}
            aria-selected={i === chosen}
            aria-controls={`${base}-panel`}
            tabIndex={i === chosen ? 0 : -1}
            onClick={() => choose(i)}
            onKeyDown={move}
          >
            {d.label ?? humanize(d.dimension)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${chosen}`}
        className="kpi-tabpanel"
      >
        <p className="small muted">
          {dim.method === 'mix_rate'
            ? 'A ratio: each member’s effect splits into mix (its weight changed) and rate (its own ratio changed). Weight is its share of the denominator.'
            : 'Each member’s effect is its own change; the effects add up to the total change.'}{' '}
          Choose a member for its trend and breakdown.
        </p>
        <MemberTable
          dim={dim}
          format={reading.format}
          direction={reading.direction}
          caption={`Contribution by ${dim.label ?? humanize(dim.dimension)}, ${againstWords(reading, cause)}`}
          drill={drill}
        />
        {open !== undefined && (
          <KpiDrillPanel
            key={`${dim.dimension}:${open}`}
            id={drill.panelId}
            reading={reading}
            dimension={dim.dimension}
            member={open}
            memberLabel={dim.members.find((m) => m.member === open)?.label}
            others={dims.filter((d) => d !== dim).map((d) => d.dimension)}
            ratio={dim.method === 'mix_rate'}
            scope={scope}
            onClose={close}
          />
        )}
      </div>
    </div>
  );
};

export const KpiDriversSection = ({ reading, scope }: { reading: KpiReading; scope: DrillScope }) => {
  const cause = reading.cause;
  const f = reading.format;
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-drivers-h">
      <h2 id="kpi-drivers-h">Why it moved</h2>
      {!cause ? (
        <p className="muted">
          No breakdown: this KPI's metric has no dimensions to compare, or no comparison period.
        </p>
      ) : (
        <>
          <p>
            {againstWords(reading, cause)}: change{' '}
            <strong className={`num ${senseOf(cause.change ?? 0, reading.direction)}`}>
              {fmtChange(cause.change, f)}
            </strong>
            .
          </p>
          {cause.drivers.length === 0 && cause.note && <p className="muted">{cause.note}.</p>}
          {cause.drivers.length > 0 && (
            <>
              <h3>Top drivers</h3>
              <ul className="kpi-drivers">
                {cause.drivers.map((d) => (
                  <li key={`${d.dimension}:${d.member}`}>
                    <strong>{d.label ?? d.member}</strong>{' '}
                    <span className="muted">({d.dimensionLabel ?? humanize(d.dimension)})</span>:{' '}
                    <span className={`num ${senseOf(d.effect, reading.direction)}`}>
                      {fmtChange(d.effect, f)}
                    </span>
                    {d.shareOfChange !== null && <>, {pct(d.shareOfChange)} of the change</>}
                    {d.previous != null && d.current != null && (
                      <span className="num">
                        {' '}
                        ({fmt(d.previous, f)} → {fmt(d.current, f)})
                      </span>
                    )}
                    {d.mix !== undefined && d.rate !== undefined && (
                      <span className="muted">
                        {' '}
                        (mix {fmtChange(d.mix, f)}, rate {fmtChange(d.rate, f)})
                      </span>
                    )}
                    {d.annotations.map((a) => (
                      <div key={`${a.date}${a.title}`} className="small">
                        Note {fmtRange(a.date, a.end ?? a.date)}: {a.title}
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          {cause.dimensions.length > 0 ? (
            <DimensionTabs reading={reading} cause={cause} scope={scope} />
          ) : (
            <p className="muted">No dimensions to break the change down by.</p>
          )}
        </>
      )}
    </section>
  );
};
