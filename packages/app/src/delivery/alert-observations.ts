// What an alert's condition sees at a check: from the KPI's reading (verdict, probability,
// anomalies, guard warnings), its last review, or a dataset's last import. Pure (the
// facts are read by the caller). Invariants: no data / no target is "cannot judge"
// (null), never "clear", so an alert never resolves on a gap in the data; the volume of
// the minimum-volume guard is the ratio KPI's denominator, else the KPI's value.

import { addDays, formatValue, type AlertDef } from '@kpi/core';
import { likelihoodText, type KpiReading, type Status } from '@kpi/scorecard';
import type { AlertObservation } from '@kpi/delivery';

export interface AlertFacts {
  readonly at: Date;
  /** The as-of day of the readings (the last complete day). */
  readonly asOf: string;
  readonly reading?: KpiReading;
  /** The KPI's last review day (YYYY-MM-DD), null when never reviewed. */
  readonly lastReview?: string | null;
  /** The dataset's last import instant, null when never imported. */
  readonly lastImport?: Date | null;
}

const STATUS_WORDS: Readonly<Record<Status, string>> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  missed: 'missed',
  no_data: 'no data',
  no_target: 'no target',
};

const CADENCE_DAYS = { weekly: 7, monthly: 31, quarterly: 92, yearly: 366 } as const;

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The verdict phrase of a reading ("off track, 12% likely"), else its status in words. */
export const verdictWords = (r: KpiReading): string => r.verdict?.phrase ?? STATUS_WORDS[r.status];

export const observeAlert = (def: AlertDef, facts: AlertFacts, kpiDays?: number): AlertObservation => {
  const at = facts.at.toISOString();
  const w = def.when;
  if (w.kind === 'stale_import') {
    if (facts.lastImport === undefined) return { at, active: null, summary: 'import log not read' };
    if (facts.lastImport === null)
      return { at, active: true, summary: `${w.dataset} has never been imported`, volume: null };
    const days = (facts.at.getTime() - facts.lastImport.getTime()) / 86_400_000;
    return {
      at,
      active: days > w.days,
      summary: `${w.dataset}: last import ${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'} ago (alert after ${w.days})`,
      volume: null,
    };
  }
  const r = facts.reading;
  if (!r) return { at, active: null, summary: 'no reading' };
  const volume = r.volume?.value ?? r.value;
  const base = { at, volume };
  if (w.kind === 'verdict') {
    const status = r.status;
    if (status === 'no_data' || status === 'no_target')
      return { ...base, active: null, summary: verdictWords(r) };
    const watch = new Set<Status>([
      ...(w.to.includes('at_risk') ? (['at_risk'] as const) : []),
      ...(w.to.includes('off_track') ? (['off_track', 'missed'] as const) : []),
    ]);
    const level = status === 'at_risk' ? 1 : 2;
    return { ...base, active: watch.has(status), level, summary: verdictWords(r) };
  }
  if (w.kind === 'probability_below') {
    const p = r.verdict?.probability ?? r.forecast?.probability ?? null;
    if (p === null) return { ...base, active: null, summary: 'no forecast' };
    return {
      ...base,
      active: p < w.value,
      summary: `${likelihoodText(p)} likely to hit the target (alert below ${likelihoodText(w.value)})`,
    };
  }
  if (w.kind === 'anomaly') {
    if (r.anomalies === undefined)
      return { ...base, active: null, summary: 'no anomaly check (no forecast)' };
    const since = addDays(facts.asOf, -(w.days - 1));
    const a = r.anomalies.find((x) => x.date >= since);
    return a
      ? {
          ...base,
          active: true,
          summary: `unusual ${a.direction} day on ${a.date}: ${formatValue(a.value, r.format)} where about ${formatValue(a.expected, r.format)} was expected`,
        }
      : { ...base, active: false, summary: 'no unusual day' };
  }
  if (w.kind === 'guard') {
    const warning = r.warnings?.[0];
    return warning
      ? { ...base, active: true, summary: warning }
      : { ...base, active: false, summary: 'guard holds' };
  }
  // review_overdue
  const limit = w.days ?? kpiDays ?? 31;
  const today = addDays(facts.asOf, 1);
  if (facts.lastReview === undefined) return { at, active: null, summary: 'reviews not read' };
  if (facts.lastReview === null) return { at, active: true, summary: 'never reviewed', volume: null };
  const age = daysBetween(facts.lastReview, today);
  return {
    at,
    active: age > limit,
    summary: `last reviewed ${facts.lastReview}, ${age} days ago (due every ${limit})`,
    volume: null,
  };
};

/** The review period of a KPI's cadence in days. */
export const cadenceDays = (cadence: keyof typeof CADENCE_DAYS | undefined): number | undefined =>
  cadence === undefined ? undefined : CADENCE_DAYS[cadence];
