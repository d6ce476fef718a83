// Reads a churn definition's activity from the store into the compact layout the churn model
// uses: one row per customer and day (SQL groups), sorted, with the day's amount, whether a
// cancel happened, and each segment's latest value. IO.
// Invariants: user values (the cancel value, the time zone) are bound parameters; every
// identifier is validated and quoted by the dialect; days are calendar days in the project
// time zone (a timestamp column is converted there before its date is taken).

import { NotFoundError, dayNumber, ownGet, type ChurnDef, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import type { ChurnRule, CustomerActivity } from '@kpi/predict';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export interface ChurnData {
  readonly activity: CustomerActivity;
  /** Customer ids, by index. */
  readonly ids: readonly string[];
  /** Per segment dimension: each customer's latest member (index into members; −1 none). */
  readonly segments: readonly {
    readonly dimension: string;
    readonly members: readonly string[];
    readonly of: Int32Array;
  }[];
  readonly lastDay: string | undefined;
}

/** The model's churn rule and horizon ("next period", in days) of a definition. */
export const churnRuleOf = (def: ChurnDef): { rule: ChurnRule; horizon: number } => ({
  rule:
    def.inactive_days !== undefined && !def.cancel
      ? { kind: 'inactivity', days: def.inactive_days }
      : { kind: 'cancel', ...(def.inactive_days !== undefined ? { inactivityDays: def.inactive_days } : {}) },
  horizon: def.horizon_days ?? def.inactive_days ?? 30,
});

export const churnDef = (lp: LoadedProject, name: string | undefined): { name: string; def: ChurnDef } => {
  const all = lp.project.churn ?? {};
  const names = Object.keys(all).sort();
  const pick = name ?? (names.length === 1 ? names[0] : undefined);
  const def = pick === undefined ? undefined : ownGet(all, pick);
  if (!def || pick === undefined)
    throw new NotFoundError(
      'churn.not_found',
      name === undefined
        ? names.length
          ? 'name the churn definition'
          : 'the project has no churn definition'
        : `no churn definition named "${name}"`,
      names.length
        ? `churn definitions: ${names.join(', ')}`
        : 'add one under churn: in a definitions file (see the README)',
    );
  return { name: pick, def };
};

export const readChurnActivity = (lp: LoadedProject, def: ChurnDef): Promise<ChurnData> =>
  withStore(lp, (engine) => readChurnActivityOn(engine, lp.project, def));

/** The activity of a churn definition, read on an open engine (the scorecard's). */
export const readChurnActivityOn = async (
  engine: Engine,
  project: Project,
  def: ChurnDef,
): Promise<ChurnData> => {
  const ds = ownGet(project.datasets, def.dataset);
  if (!ds) throw new NotFoundError('churn.dataset_unknown', `no dataset "${def.dataset}"`);
  const timeType = ownGet(ds.columns, ds.time)?.type;
  const segs = def.segments ?? [];
  const rows = await (async () => {
    const d = engine.dialect;
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return d.placeholder(params.length);
    };
    const time = d.quoteIdent(ds.time);
    const day =
      timeType === 'timestamp'
        ? d.timestampToDate(d.toLocalTimestamp(time, bind(project.settings.timezone)))
        : time;
    const cancel = def.cancel
      ? `max(CASE WHEN ${d.quoteIdent(def.cancel.column)} = ${bind(def.cancel.value)} THEN 1 ELSE 0 END)`
      : '0';
    const revenue = def.revenue ? `sum(${d.quoteIdent(def.revenue)})` : '0';
    const segCols = segs.map(
      (s, i) => `max(CAST(${d.quoteIdent(s)} AS VARCHAR)) AS ${d.quoteAlias(`S${i}`)}`,
    );
    const sql = [
      `SELECT CAST(${d.quoteIdent(def.customer)} AS VARCHAR) AS ${d.quoteAlias('C')}, CAST(${day} AS VARCHAR) AS ${d.quoteAlias('D')},`,
      `  ${revenue} AS ${d.quoteAlias('R')}, ${cancel} AS ${d.quoteAlias('X')}${segCols.length ? ', ' + segCols.join(', ') : ''}`,
      `FROM ${d.quoteIdent(def.dataset)}`,
      `WHERE ${d.quoteIdent(def.customer)} IS NOT NULL AND ${time} IS NOT NULL`,
      `GROUP BY 1, 2 ORDER BY 1, 2`,
    ].join('\n');
    return (await engine.query(sql, params as never)).rows;
  })();
  const ids: string[] = [];
  const offsets: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  const cancels: number[] = [];
  const segIndex = segs.map(() => new Map<string, number>());
  const segOf: number[][] = segs.map(() => []);
  let lastDay: string | undefined;
  let prev: string | undefined;
  for (const r of rows) {
    const c = String(r['C']);
    const date = String(r['D']).slice(0, 10);
    if (c !== prev) {
      ids.push(c);
      offsets.push(days.length);
      cancels.push(Number.NaN);
      segOf.forEach((s) => s.push(-1));
      prev = c;
    }
    const k = ids.length - 1;
    const dn = dayNumber(date);
    if (!lastDay || date > lastDay) lastDay = date;
    // A cancel ends the customer: the first cancel day counts, and activity after it does not.
    if (Number(r['X']) === 1 && Number.isNaN(cancels[k] as number)) cancels[k] = dn;
    days.push(dn);
    amounts.push(Number(r['R'] ?? 0) || 0);
    segs.forEach((_, i) => {
      const v = r[`S${i}`];
      if (v == null) return;
      const map = segIndex[i] as Map<string, number>;
      let at = map.get(String(v));
      if (at === undefined) {
        at = map.size;
        map.set(String(v), at);
      }
      (segOf[i] as number[])[k] = at;
    });
  }
  offsets.push(days.length);
  return {
    activity: {
      count: ids.length,
      offsets: Int32Array.from(offsets),
      days: Int32Array.from(days),
      amounts: Float64Array.from(amounts),
      cancelDay: Float64Array.from(cancels),
    },
    ids,
    segments: segs.map((dimension, i) => ({
      dimension,
      members: [...(segIndex[i] as Map<string, number>).keys()],
      of: Int32Array.from(segOf[i] as number[]),
    })),
    lastDay,
  };
};
