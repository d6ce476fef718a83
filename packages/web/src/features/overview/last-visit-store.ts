// "What changed since your last visit": the last visit (time + each KPI's status then) is
// kept in localStorage, one entry per project and user. Pure helpers plus two tiny
// storage calls that never throw (private mode, full storage or bad JSON mean "no visit").

import type { Scorecard, Status } from '../../api/api-types';

export interface Visit {
  /** ISO timestamp of the visit. */
  readonly at: string;
  /** Each KPI's status at that visit. */
  readonly statuses: Readonly<Record<string, Status>>;
}

export interface StatusChange {
  readonly kpi: string;
  readonly label: string;
  readonly goal: string;
  readonly goalTitle: string;
  readonly from: Status;
  readonly to: Status;
}

export const visitKey = (project: string, email: string): string =>
  `kpi.lastVisit:${project}:${email.toLowerCase()}`;

export const readVisit = (key: string): Visit | null => {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const v = JSON.parse(raw) as Partial<Visit>;
    if (typeof v.at !== 'string' || typeof v.statuses !== 'object' || v.statuses === null) return null;
    return { at: v.at, statuses: v.statuses };
  } catch {
    return null;
  }
};

export const writeVisit = (key: string, visit: Visit): void => {
  try {
    window.localStorage.setItem(key, JSON.stringify(visit));
  } catch {
    // storage unavailable: the next visit is simply a first visit again
  }
};

/** Every KPI's status in this scorecard. Pure. */
export const statusSnapshot = (sc: Scorecard): Record<string, Status> => {
  const out: Record<string, Status> = {};
  for (const g of sc.goals) for (const k of g.kpis) out[k.kpi] = k.status;
  return out;
};

/** KPIs whose status differs from the one seen at the last visit (new KPIs are not changes). Pure. */
export const statusChanges = (previous: Visit, sc: Scorecard): StatusChange[] =>
  sc.goals.flatMap((g) =>
    g.kpis.flatMap((k) => {
      const from = previous.statuses[k.kpi];
      return from === undefined || from === k.status
        ? []
        : [{ kpi: k.kpi, label: k.label ?? k.kpi, goal: g.goal, goalTitle: g.title, from, to: k.status }];
    }),
  );
