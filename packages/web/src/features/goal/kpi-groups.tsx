// A goal's KPI cards, grouped so leading and lagging KPIs sit visibly side by side:
// "Leading (inputs)" next to "Lagging (outcomes)" (stacked on a phone), then the KPIs
// not classified either way. Used by the goal dashboard and meeting mode.

import type { CSSProperties } from 'react';
import type { KpiReading } from '../../api/api-types';
import { KpiCard } from './kpi-card';

const Group = ({
  id,
  title,
  note,
  readings,
  onDrawn,
  kind,
  empty,
}: {
  id: string;
  title: string;
  note: string;
  readings: readonly KpiReading[];
  onDrawn?: ((kpi: string) => void) | undefined;
  kind: 'leading' | 'lagging' | 'other';
  empty?: string;
}) => (
  <section className={`kpi-group kpi-group-${kind}`} aria-labelledby={id}>
    <div className="kpi-group-head">
      <h2 id={id}>{title}</h2>
      <p className="kpi-group-note">{note}</p>
    </div>
    {readings.length === 0 ? (
      <p className="kpi-group-empty">{empty}</p>
    ) : (
      <div className="card-grid">
        {readings.map((r) => (
          <KpiCard key={r.kpi} reading={r} onDrawn={onDrawn} />
        ))}
      </div>
    )}
  </section>
);

/** Side by side on a wide screen, each side as wide as its share of the cards (an empty side narrow). */
const side = (n: number): string => (n === 0 ? 'minmax(12rem, 0.5fr)' : `minmax(0, ${n}fr)`);

const pairColumns = (lead: number, lag: number): CSSProperties =>
  ({
    '--pair-cols': `${side(lead)} auto ${side(lag)}`,
  }) as CSSProperties;

export const KpiGroups = ({
  goal,
  readings,
  onDrawn,
}: {
  goal: string;
  readings: readonly KpiReading[];
  onDrawn?: ((kpi: string) => void) | undefined;
}) => {
  const leading = readings.filter((r) => r.indicator === 'leading');
  const lagging = readings.filter((r) => r.indicator === 'lagging');
  const other = readings.filter((r) => r.indicator !== 'leading' && r.indicator !== 'lagging');
  if (readings.length === 0) return <p className="muted">This goal has no KPIs yet.</p>;
  return (
    <>
      {(leading.length > 0 || lagging.length > 0) && (
        <div
          className="kpi-pair"
          role="group"
          aria-label="Leading inputs paired with lagging outcomes"
          style={pairColumns(leading.length, lagging.length)}
        >
          <Group
            id={`${goal}-leading`}
            kind="leading"
            title="Leading (inputs)"
            note="Move first: act on these to move the outcomes."
            readings={leading}
            onDrawn={onDrawn}
            empty="No leading KPI yet: add an input the team can act on this week."
          />
          <div className="kpi-pair-link" aria-hidden="true">
            <span>drive</span>
          </div>
          <Group
            id={`${goal}-lagging`}
            kind="lagging"
            title="Lagging (outcomes)"
            note="Follow later: they show whether the goal is met."
            readings={lagging}
            onDrawn={onDrawn}
            empty="No lagging KPI yet: add the outcome this goal is judged on."
          />
        </div>
      )}
      {other.length > 0 && (
        <Group
          id={`${goal}-other`}
          kind="other"
          title={leading.length + lagging.length > 0 ? 'Not marked leading or lagging' : 'KPIs'}
          note={
            leading.length + lagging.length > 0
              ? 'Mark each as leading or lagging in its definition to pair it.'
              : 'None of these KPIs is marked leading or lagging yet.'
          }
          readings={other}
          onDrawn={onDrawn}
        />
      )}
    </>
  );
};
