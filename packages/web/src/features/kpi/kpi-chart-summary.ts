// The words a screen reader (or anyone) gets instead of the KPI chart: what is drawn, the
// latest value against its target path, last year, the forecast at the end, and counts of
// anomalies and annotations. Pure; numbers through ui/format.ts.

import type { KpiReading } from '../../api/api-types';
import { fmt, fmtDate } from '../../ui/format';
import type { ChartModel } from './kpi-chart-model';
import { GRAIN_ADJECTIVE, GRAIN_PLURAL } from './kpi-text';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const describeChart = (reading: KpiReading, model: ChartModel): string => {
  const f = reading.format;
  const actual = model.rows.filter((r) => r.value !== null);
  const first = actual[0];
  const last = actual[actual.length - 1];
  if (!first || !last) return 'The chart has no values yet.';
  const values = actual.map((r) => r.value as number);
  const grainWord = GRAIN_ADJECTIVE[reading.grain] ?? 'Period';
  const parts: string[] = [
    `${grainWord} values of ${reading.label ?? reading.kpi}, ${first.label} to ${last.label} ` +
      `(${plural(actual.length, 'period', GRAIN_PLURAL[reading.grain] ?? 'periods')}): latest ${fmt(last.value, f)}` +
      `${last.partial ? ' (period not over)' : ''}, lowest ${fmt(Math.min(...values), f)}, highest ${fmt(Math.max(...values), f)}.`,
  ];
  if (last.target !== null) parts.push(`Target path (dashed) for ${last.label}: ${fmt(last.target, f)}.`);
  if (model.hasLastYear && last.lastYear !== null)
    parts.push(`Same period last year (dotted): ${fmt(last.lastYear, f)}.`);
  const fcRows = model.rows.filter((r) => r.fc !== null && r.value === null);
  const end = fcRows[fcRows.length - 1];
  if (model.forecast !== 'none' && end && end.band80 && end.band95)
    parts.push(
      `Forecast for ${end.label}: ${fmt(end.fc, f)} (80% range ${fmt(end.band80[0], f)} to ${fmt(end.band80[1], f)}, ` +
        `95% range ${fmt(end.band95[0], f)} to ${fmt(end.band95[1], f)}).`,
    );
  if (model.deadline) parts.push(`Deadline ${fmtDate(model.deadline.date)}.`);
  const anomalies = reading.anomalies?.length ?? 0;
  if (anomalies > 0)
    parts.push(`${plural(anomalies, 'unusual day', 'unusual days')} marked (listed below the chart).`);
  if (model.markers.length > 0)
    parts.push(`${plural(model.markers.length, 'annotation', 'annotations')} marked as numbered lines.`);
  return parts.join(' ');
};
