// Themes as the cause of sentiment KPIs: for each KPI whose metric counts mentions by a
// `sentiment:` column (positive / negative mentions, net sentiment, ...), the words and
// phrases over-represented in the current period's negative mentions against the
// previous period's (the KPI's own comparison windows), with example mentions. IO.
// Invariants: one statement per distinct source and window span (never one per theme),
// plus one catalogue lookup for the corrections table;
// the mentions read are those the KPI counts (its metrics' filters and the KPI's filter,
// without the sentiment condition); days are local days in the project time zone; values
// are bound, identifiers quoted.

import { hasOwn, metricDeps, ownGet, type DateRange, type Filter, type Project } from '@kpi/core';
import type { Engine, SqlValue } from '@kpi/engines';
import { themeTerms } from '@kpi/sentiment';
import type { MentionExample, ThemeCause } from '@kpi/scorecard';
import type { KpiPlan } from './scorecard-plan.js';
import { SENTIMENT_TABLE, sentimentColumnsOf, rowKeySql } from './sentiment-store.js';

export interface SentimentSource {
  readonly dataset: string;
  readonly column: string;
  readonly textColumn: string;
  /** The conditions of the mentions the KPI counts, the sentiment condition left out. */
  readonly filter: Filter;
}

/** The sentiment source a KPI's metric counts, if it counts mentions by a sentiment column. */
export const sentimentSourceOf = (
  project: Project,
  metric: string,
  kpiFilter?: Filter,
): SentimentSource | undefined => {
  const seen = new Set<string>();
  const walk = (name: string, inherited: Filter): SentimentSource | undefined => {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const def = ownGet(project.metrics, name);
    if (!def) return undefined;
    const filter = { ...inherited, ...(def.filter ?? {}) };
    if (def.kind === 'simple') {
      const ds = ownGet(project.datasets, def.dataset);
      if (!ds) return undefined;
      const col = sentimentColumnsOf(ds).find((c) => hasOwn(filter, c.column));
      if (!col) return undefined;
      const rest = Object.fromEntries(Object.entries(filter).filter(([k]) => k !== col.column));
      return { dataset: def.dataset, column: col.column, textColumn: col.from, filter: rest };
    }
    for (const d of metricDeps(def)) {
      const found = walk(d, filter);
      if (found) return found;
    }
    return undefined;
  };
  return walk(metric, kpiFilter ?? {});
};

interface MentionRow {
  readonly key: readonly string[];
  readonly date: string;
  readonly text: string;
  readonly label: string;
  readonly corrected: boolean;
}

const hasTable = async (engine: Engine, table: string): Promise<boolean> => {
  const r = await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1`, [
    table,
  ]);
  return Number(r.rows[0]?.['n'] ?? 0) > 0;
};

/** The negative mentions of `src` over the local days of `range`, in key order. */
const readNegative = async (
  engine: Engine,
  project: Project,
  src: SentimentSource,
  range: DateRange,
  corrections: boolean,
): Promise<MentionRow[]> => {
  const ds = ownGet(project.datasets, src.dataset);
  if (!ds) return [];
  const d = engine.dialect;
  const q = d.quoteIdent;
  const params: SqlValue[] = [];
  const bind = (v: SqlValue): string => {
    params.push(v);
    return d.placeholder(params.length);
  };
  const time = `t.${q(ds.time)}`;
  const day =
    ownGet(ds.columns, ds.time)?.type === 'timestamp'
      ? d.timestampToDate(d.toLocalTimestamp(time, bind(project.settings.timezone)))
      : `CAST(${time} AS DATE)`;
  const conds = [
    `t.${q(src.column)} = ${bind('negative')}`,
    `t.${q(src.textColumn)} IS NOT NULL`,
    `${day} BETWEEN ${d.castParamToDate(bind(range.start))} AND ${d.castParamToDate(bind(range.end))}`,
    ...Object.entries(src.filter).map(([col, v]) => {
      const values = Array.isArray(v) ? v : [v];
      return `t.${q(col)} IN (${values.map((x) => bind(x)).join(', ')})`;
    }),
  ];
  const keyCols = ds.key.map((k, i) => `CAST(t.${q(k)} AS VARCHAR) AS ${d.quoteAlias(`K${i}`)}`);
  const join = corrections
    ? ` LEFT JOIN ${q(SENTIMENT_TABLE)} AS s ON s.dataset = ${bind(src.dataset)} AND s.column_name = ${bind(src.column)} AND s.row_key = ${rowKeySql(engine, ds, 't')}`
    : '';
  const sql = [
    `SELECT ${keyCols.join(', ')}, CAST(${day} AS VARCHAR) AS ${d.quoteAlias('D')}, t.${q(src.textColumn)} AS ${d.quoteAlias('T')},`,
    `  ${corrections ? 's.corrected_label IS NOT NULL' : 'false'} AS ${d.quoteAlias('C')}`,
    `FROM ${q(src.dataset)} AS t${join}`,
    `WHERE ${conds.join(' AND ')}`,
    `ORDER BY ${ds.key.map((k) => `t.${q(k)}`).join(', ')}`,
  ].join('\n');
  const r = await engine.query(sql, params);
  return r.rows.map((row) => ({
    key: ds.key.map((_, i) => String(row[`K${i}`])),
    date: String(row['D']).slice(0, 10),
    text: String(row['T']),
    label: 'negative',
    corrected: row['C'] === true,
  }));
};

/** The theme cause of every sentiment KPI among `plans`, by KPI name; `statements` counts the queries run. */
export const readThemeCauses = async (
  engine: Engine,
  project: Project,
  plans: readonly KpiPlan[],
): Promise<{ readonly causes: ReadonlyMap<string, ThemeCause>; readonly statements: number }> => {
  const causes = new Map<string, ThemeCause>();
  const cache = new Map<string, Promise<MentionRow[]>>();
  let statements = 0;
  let corrections: boolean | undefined;
  for (const k of plans) {
    const src = sentimentSourceOf(project, k.def.metric, k.def.filter);
    if (!src) continue;
    if (corrections === undefined) {
      corrections = await hasTable(engine, SENTIMENT_TABLE);
      statements++;
    }
    // One statement per source over both windows (the previous one ends before the current one starts).
    const span = { start: k.windows.previous.range.start, end: k.windows.current.range.end };
    const id = JSON.stringify([src, span]);
    let rows = cache.get(id);
    if (!rows) {
      statements++;
      rows = readNegative(engine, project, src, span, corrections === true);
      cache.set(id, rows);
    }
    const all = await rows;
    const within = (r: DateRange) => all.filter((m) => m.date >= r.start && m.date <= r.end);
    const cur = within(k.windows.current.range);
    const prev = within(k.windows.previous.range);
    const terms = themeTerms(
      cur.map((m) => m.text),
      prev.map((m) => m.text),
      { top: 5, examples: 3 },
    ).map((t) => ({
      term: t.term,
      current: t.current,
      previous: t.previous,
      z: t.z,
      examples: t.examples.map((i): MentionExample => cur[i]!),
    }));
    causes.set(k.name, {
      dataset: src.dataset,
      column: src.column,
      textColumn: src.textColumn,
      label: 'negative',
      current: { range: k.windows.current.range, mentions: cur.length },
      previous: { range: k.windows.previous.range, mentions: prev.length },
      terms,
    });
  }
  return { causes, statements };
};
