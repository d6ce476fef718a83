// UTM use-cases: the project's naming rules, the lint of an export file or of the sessions
// dataset, and attribution by campaign (sessions and conversions joined to the paid
// datasets' spend). IO: reads files and the store; the logic is core's (pure).
// Invariants: identifiers come from the validated utm: section and are quoted by the
// dialect; dates are bound values compared in the project's calendar.

import {
  NotFoundError,
  UsageError,
  attributeCampaigns,
  lintUtmRecords,
  ownGet,
  utmRulesOf,
  type CampaignAttribution,
  type CampaignSessions,
  type CampaignSpend,
  type Project,
  type UtmLintReport,
  type UtmParam,
  type UtmRules,
  type UtmTagRecord,
} from '@kpi/core';
import type { Engine } from '@kpi/engines';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { readUtmExport, type UtmExportOptions } from './utm-export-file.js';

/** The project's rules (defaults without a project or a utm: section). */
export const utmRules = (lp: LoadedProject | undefined): UtmRules => utmRulesOf(lp?.project.utm);

export interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

export interface UtmLintOutcome {
  readonly source: string;
  readonly mapping: readonly { readonly param: UtmParam; readonly column: string }[];
  readonly report: UtmLintReport;
}

/** Lints an export file against the project's rules (or the defaults). */
export const lintUtmExport = (
  lp: LoadedProject | undefined,
  path: string,
  options: UtmExportOptions = {},
): UtmLintOutcome => {
  const read = readUtmExport(path, options);
  const mapping = read.mapping.map((m) => ({ param: m.param, column: m.header }));
  if (read.urlHeader !== undefined)
    mapping.push({ param: 'utm_source', column: `${read.urlHeader} (its query)` });
  return { source: path, mapping, report: lintUtmRecords(read.records, utmRules(lp)) };
};

const sessionsDef = (p: Project) => {
  const s = p.utm?.sessions;
  if (!s)
    throw new NotFoundError(
      'utm.sessions_missing',
      'the project names no sessions dataset for campaign tags',
      'add utm: { sessions: { dataset: web_sessions, campaign: utm_campaign, source: source, medium: medium, sessions: sessions, conversions: conversions } } to kpi.yaml',
    );
  return s;
};

const timeFilter = (
  engine: Engine,
  p: Project,
  dataset: string,
  range: DateRange,
  bind: (v: string) => string,
): string => {
  const ds = ownGet(p.datasets, dataset);
  if (!ds) throw new NotFoundError('utm.dataset_unknown', `no dataset "${dataset}"`);
  const d = engine.dialect;
  const time = d.quoteIdent(ds.time);
  const day =
    ownGet(ds.columns, ds.time)?.type === 'timestamp'
      ? d.timestampToDate(d.toLocalTimestamp(time, bind(p.settings.timezone)))
      : time;
  const parts = [
    ...(range.from !== undefined ? [`${day} >= ${d.castParamToDate(bind(range.from))}`] : []),
    ...(range.to !== undefined ? [`${day} <= ${d.castParamToDate(bind(range.to))}`] : []),
  ];
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
};

const binder = (engine: Engine) => {
  const params: string[] = [];
  return {
    params,
    bind: (v: string): string => {
      params.push(v);
      return engine.dialect.placeholder(params.length);
    },
  };
};

const checkRange = (range: DateRange): void => {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to)
    throw new UsageError('utm.bad_range', `--from ${range.from} is after --to ${range.to}`, 'swap them');
};

/** Lints the tags of the sessions dataset: one record per distinct set of tags. */
export const lintUtmDataset = async (lp: LoadedProject, range: DateRange = {}): Promise<UtmLintOutcome> => {
  checkRange(range);
  const s = sessionsDef(lp.project);
  const cols = (
    [
      ['utm_source', s.source],
      ['utm_medium', s.medium],
      ['utm_campaign', s.campaign],
      ['utm_content', s.content],
      ['utm_term', s.term],
    ] as const
  ).flatMap(([param, column]) => (column === undefined ? [] : [{ param, column }]));
  const ds = ownGet(lp.project.datasets, s.dataset);
  const rows = await withStore(lp, async (engine) => {
    const d = engine.dialect;
    const { params, bind } = binder(engine);
    const where = timeFilter(engine, lp.project, s.dataset, range, bind);
    const sql = [
      `SELECT ${cols.map((c, i) => `CAST(${d.quoteIdent(c.column)} AS VARCHAR) AS ${d.quoteAlias(`T${i}`)}`).join(', ')},`,
      `  count(*) AS ${d.quoteAlias('N')}, CAST(min(${d.quoteIdent(ds?.time ?? '')}) AS VARCHAR) AS ${d.quoteAlias('F')}`,
      `FROM ${d.quoteIdent(s.dataset)} ${where}`,
      `GROUP BY ${cols.map((_, i) => i + 1).join(', ')} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`,
    ].join('\n');
    return (await engine.query(sql, params)).rows;
  });
  const records: UtmTagRecord[] = rows.map((r) => {
    const tags: Partial<Record<UtmParam, string>> = {};
    cols.forEach((c, i) => {
      const v = r[`T${i}`];
      if (typeof v === 'string') tags[c.param] = v;
    });
    return { refs: [`first on ${String(r['F'] ?? '').slice(0, 10)}`], count: Number(r['N'] ?? 0), tags };
  });
  return {
    source: `dataset ${s.dataset}`,
    mapping: cols,
    report: lintUtmRecords(records, utmRules(lp)),
  };
};

export interface UtmAttributionOutcome extends CampaignAttribution {
  readonly sessionsDataset: string;
  readonly paidDatasets: readonly string[];
  readonly range: DateRange;
  readonly currency: string;
}

/** Sessions and conversions by UTM campaign joined to the spend of the paid datasets. */
export const utmAttribution = async (
  lp: LoadedProject,
  range: DateRange = {},
): Promise<UtmAttributionOutcome> => {
  checkRange(range);
  const p = lp.project;
  const s = sessionsDef(p);
  const paid = p.utm?.paid ?? [];
  if (paid.length === 0)
    throw new NotFoundError(
      'utm.paid_missing',
      'the project names no paid dataset to join the campaigns to',
      'add utm: { paid: [{ dataset: paid_campaigns, campaign: campaign, spend: spend }] } to kpi.yaml',
    );
  const { sessions, spend } = await withStore(lp, async (engine) => {
    const d = engine.dialect;
    const a = binder(engine);
    const n = (col: string | undefined) => (col === undefined ? 'count(*)' : `sum(${d.quoteIdent(col)})`);
    const sql = [
      `SELECT CAST(${d.quoteIdent(s.campaign)} AS VARCHAR) AS ${d.quoteAlias('C')}, ${n(s.sessions)} AS ${d.quoteAlias('S')},`,
      `  ${s.conversions === undefined ? '0' : n(s.conversions)} AS ${d.quoteAlias('V')}`,
      `FROM ${d.quoteIdent(s.dataset)} ${timeFilter(engine, p, s.dataset, range, a.bind)}`,
      'GROUP BY 1 ORDER BY 1',
    ].join('\n');
    const sessionRows = (await engine.query(sql, a.params)).rows;
    const spendRows: CampaignSpend[] = [];
    for (const pd of paid) {
      const b = binder(engine);
      const q = [
        `SELECT CAST(${d.quoteIdent(pd.campaign)} AS VARCHAR) AS ${d.quoteAlias('C')}, sum(${d.quoteIdent(pd.spend)}) AS ${d.quoteAlias('M')}`,
        `FROM ${d.quoteIdent(pd.dataset)} ${timeFilter(engine, p, pd.dataset, range, b.bind)}`,
        'GROUP BY 1 ORDER BY 1',
      ].join('\n');
      for (const r of (await engine.query(q, b.params)).rows)
        spendRows.push({ campaign: String(r['C'] ?? ''), spend: Number(r['M'] ?? 0), dataset: pd.dataset });
    }
    return {
      sessions: sessionRows.map((r): CampaignSessions => ({
        campaign: r['C'] === null || r['C'] === undefined ? '' : String(r['C']),
        sessions: Number(r['S'] ?? 0),
        conversions: Number(r['V'] ?? 0),
      })),
      spend: spendRows,
    };
  });
  return {
    ...attributeCampaigns(sessions, spend),
    sessionsDataset: s.dataset,
    paidDatasets: paid.map((x) => x.dataset),
    range,
    currency: p.settings.currency,
  };
};
