// Retirement: a KPI with `retired: {date, reason}` leaves the scorecard and the checks but
// keeps its history (reviews and changes stay in the store). Pure.

import { ownGet, ownRecord, type Project } from '@kpi/core';

export const isRetired = (p: Project, kpi: string): boolean => ownGet(p.kpis, kpi)?.retired !== undefined;

/** The project without its retired KPIs (roll-ups keep only active sources). */
export const withoutRetired = (p: Project): Project => {
  const active = Object.entries(p.kpis).filter(([, k]) => k.retired === undefined);
  if (active.length === Object.keys(p.kpis).length) return p;
  return { ...p, kpis: ownRecord(active) };
};
