// Reads the API's answers for the KPI page into the shapes the page draws, tolerating the
// shapes the server has used over time (a bare reading or a {reading} explanation; history
// as HistoryEntry or change rows; reviews with `who`, `reviewer` or `author`; checks as
// {findings} or the older {issues, note}). Pure. Invariant: unknown input yields empty
// lists, never a throw, so one odd answer cannot blank the page.

import type { Finding, KpiDef, KpiReading } from '../../api/api-types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** GET /api/kpis/{name}/scorecard: a reading, or an explanation wrapping one. */
export const readingOf = (body: unknown): KpiReading | undefined => {
  if (!isObject(body)) return undefined;
  if (body['kind'] === 'kpi_reading') return body as unknown as KpiReading;
  const inner = body['reading'];
  return isObject(inner) && inner['kind'] === 'kpi_reading' ? (inner as unknown as KpiReading) : undefined;
};

/** The explanation's goal title, when the server sends one. */
export const goalTitleOf = (body: unknown): string | undefined =>
  isObject(body) ? str(body['goalTitle']) : undefined;

export interface ChangeItem {
  readonly at: string;
  readonly who: string;
  readonly action: string;
  /** Top-level fields that differ between before and after. */
  readonly fields: readonly string[];
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
  readonly reason: string | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ (in key order of after, then before). */
export const changedFields = (
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] =>
  [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !same(before[k], after[k]));

/** GET /api/kpis/{name}/history: the changes (reviews in it are left to the reviews list), newest first. */
export const changesOf = (rows: unknown): ChangeItem[] => {
  if (!Array.isArray(rows)) return [];
  const out: ChangeItem[] = [];
  for (const r of rows) {
    if (!isObject(r) || r['kind'] === 'review') continue;
    const before = isObject(r['before']) ? r['before'] : {};
    const after = isObject(r['after']) ? r['after'] : {};
    const given = Array.isArray(r['fields'])
      ? r['fields'].filter((f): f is string => typeof f === 'string')
      : [];
    out.push({
      at: str(r['at']) ?? '',
      who: str(r['who']) ?? str(r['actor']) ?? 'someone',
      action: str(r['action']) ?? 'update',
      fields: given.length > 0 ? given : changedFields(before, after),
      before,
      after,
      reason: str(r['reason']) ?? null,
    });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
};

/** A change that moved the target or the baseline (the rest are "other changes"). */
export const isTargetChange = (c: ChangeItem): boolean =>
  c.fields.some(
    (f) => f === 'target' || f === 'baseline' || f.startsWith('target.') || f.startsWith('baseline.'),
  );

export interface ReviewItem {
  readonly key: string;
  readonly at: string;
  readonly who: string;
  readonly decision: string;
  readonly note: string;
}

/** GET /api/kpis/{name}/reviews, newest first. */
export const reviewsOf = (rows: unknown): ReviewItem[] => {
  if (!Array.isArray(rows)) return [];
  return rows
    .filter(isObject)
    .map((r, i) => ({
      key: r['id'] === undefined ? `r${i}` : String(r['id']),
      at: str(r['at']) ?? '',
      who: str(r['who']) ?? str(r['reviewer']) ?? str(r['author']) ?? 'someone',
      decision: str(r['decision']) ?? 'note',
      note: str(r['note']) ?? '',
    }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
};

export interface KpiFindings {
  readonly findings: readonly Finding[];
  /** The server's note (older shape: why the list is short). */
  readonly note?: string;
}

const SEVERITY_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2 };

/** GET /api/checks?kpi=: this KPI's findings only, errors first, whichever shape came back. */
export const findingsOf = (body: unknown, kpi: string): KpiFindings => {
  if (!isObject(body)) return { findings: [] };
  const note = str(body['note']);
  const list = Array.isArray(body['findings'])
    ? body['findings']
    : Array.isArray(body['issues'])
      ? body['issues']
      : [];
  const mine = list.filter(isObject).filter((f) => {
    if (typeof f['kpi'] === 'string') return f['kpi'] === kpi;
    // The older shape has no `kpi`: keep the issues whose path names this KPI.
    const path = Array.isArray(f['path']) ? f['path'] : [];
    return path.includes(kpi);
  }) as unknown as Finding[];
  const findings = [...mine].sort(
    (a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3),
  );
  return note === undefined ? { findings } : { findings, note };
};

/** A KPI's counter-metric: a metric name, or {metric, tolerance} in newer definitions. */
export const counterMetricOf = (
  def: KpiDef | undefined,
): { metric: string; tolerance?: number } | undefined => {
  const c: unknown = def?.counter_metric;
  if (typeof c === 'string') return { metric: c };
  if (isObject(c) && typeof c['metric'] === 'string')
    return typeof c['tolerance'] === 'number'
      ? { metric: c['metric'], tolerance: c['tolerance'] }
      : { metric: c['metric'] };
  return undefined;
};
