// The scorecard part of `npm run bench`: a 50-KPI scorecard over the bench store, kpi's
// batched evaluation against hand-written SQL that computes the same numbers (series,
// comparison windows, goal to date, baseline, and the per-member figures of the causes),
// in one run on the same file. The numbers of both are compared before timing counts.
// A script, not a test: nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { evaluateScorecardOn } from '@kpi/app';
import { calendarOf, comparisonWindows, lastPeriods } from '@kpi/core';
import { openDuckDb } from '@kpi/engines';

const METRICS = [
  'leads',
  'spend',
  'clicks',
  'paid_impressions',
  'paid_revenue',
  'paid_conversions',
  'ctr',
  'cpc',
  'cost_per_lead',
  'roas',
];
/** KPI filters and cadences shared by the generated bench projects (scorecard and check). */
export const FILTERS = [
  undefined,
  { channel: 'meta_ads' },
  { channel: 'google_search' },
  { channel: 'linkedin_ads' },
  { channel: 'tiktok_ads' },
  { market: 'de' },
  { market: 'nl' },
  { market: 'at' },
];
export const CADENCES = ['weekly', 'monthly', 'quarterly'];
const GRAIN = { weekly: 'week', monthly: 'month', quarterly: 'quarter' };
// Leaves (column, aggregate) of each metric: [numerator, denominator] for ratios.
const PARTS = {
  leads: ['leads'],
  spend: ['spend'],
  clicks: ['clicks'],
  paid_impressions: ['impressions'],
  paid_revenue: ['revenue'],
  paid_conversions: ['conversions'],
  ctr: ['clicks', 'impressions'],
  cpc: ['spend', 'clicks'],
  cost_per_lead: ['spend', 'leads'],
  roas: ['revenue', 'spend'],
};

/** The demo project with two goals and 50 KPIs on paid_campaigns. */
export const scorecardProject = (project) => {
  const goals = {
    quarter: { title: 'Paid media this quarter', period: { start: '2026-07-01', end: '2026-09-30' } },
    year: { title: 'Paid media this year', period: { start: '2026-01-01', end: '2026-12-31' } },
  };
  const kpis = {};
  for (let i = 0; i < 50; i++) {
    const metric = METRICS[i % METRICS.length];
    const ratio = PARTS[metric].length === 2;
    const lower = project.metrics[metric]?.direction === 'lower';
    kpis[`k${String(i).padStart(2, '0')}`] = {
      metric,
      goal: i % 2 ? 'quarter' : 'year',
      cadence: CADENCES[i % 3],
      ...(FILTERS[i % FILTERS.length] ? { filter: FILTERS[i % FILTERS.length] } : {}),
      target: ratio
        ? { kind: lower ? 'stay_below' : 'stay_above', value: 1 }
        : { kind: 'cumulative', value: 1e6 },
      ...(i % 4 === 0 ? { baseline: { from: '2026-04-01', to: '2026-06-30' } } : {}),
    };
  }
  return { ...project, goals, kpis, annotations: [] };
};

const lit = (s) => `'${s}'`;
const inRange = (r) => `date BETWEEN DATE ${lit(r.start)} AND DATE ${lit(r.end)}`;
const filterSql = (f) => Object.entries(f ?? {}).map(([d, v]) => `${d} = ${lit(v)}`);
const agg = (col, conds) => `sum(${col})${conds.length ? ` FILTER (WHERE ${conds.join(' AND ')})` : ''}`;
const value = (metric, f, extra) => {
  const [n, d] = PARTS[metric].map((c) => agg(c, [...filterSql(f), ...extra]));
  return d ? `${n} / NULLIF(${d}, 0)` : n;
};

/** Hand-written SQL for the same numbers: per cadence a GROUP BY period, one row of range aggregates, one GROUPING SETS for members. */
const referenceSql = (project, asOf) => {
  const cal = calendarOf(project.settings);
  const kpis = Object.entries(project.kpis).map(([name, k]) => {
    const grain = GRAIN[k.cadence];
    const goal = project.goals[k.goal].period;
    return {
      name,
      k,
      grain,
      w: comparisonWindows(asOf, grain, cal),
      series: lastPeriods(asOf, grain, 12, cal),
      goalToDate: { start: goal.start, end: asOf < goal.end ? asOf : goal.end },
      baseline: k.baseline ? { start: k.baseline.from, end: k.baseline.to } : undefined,
    };
  });
  const statements = [];
  for (const grain of ['week', 'month', 'quarter']) {
    const ks = kpis.filter((x) => x.grain === grain);
    const from = ks[0].series[0].start;
    statements.push({
      name: `series_${grain}`,
      sql: `SELECT CAST(date_trunc('${grain}', date) AS DATE) AS period, ${ks.map((x) => `${value(x.k.metric, x.k.filter, [])} AS ${x.name}`).join(', ')}
        FROM paid_campaigns WHERE date BETWEEN DATE ${lit(from)} AND DATE ${lit(asOf)} GROUP BY 1 ORDER BY 1`,
    });
  }
  const cols = kpis.flatMap((x) => [
    `${value(x.k.metric, x.k.filter, [inRange(x.w.current.range)])} AS ${x.name}_cur`,
    `${value(x.k.metric, x.k.filter, [inRange(x.w.previous.range)])} AS ${x.name}_prev`,
    `${value(x.k.metric, x.k.filter, [inRange(x.w.lastYear.range)])} AS ${x.name}_ly`,
    `${value(x.k.metric, x.k.filter, [inRange(x.goalToDate)])} AS ${x.name}_gtd`,
    ...(x.baseline ? [`${value(x.k.metric, x.k.filter, [inRange(x.baseline)])} AS ${x.name}_base`] : []),
  ]);
  const lo = kpis.reduce((a, x) => [x.w.lastYear.range.start, x.baseline?.start ?? a, a].sort()[0], asOf);
  statements.push({
    name: 'ranges',
    sql: `SELECT ${cols.join(', ')} FROM paid_campaigns WHERE date BETWEEN DATE ${lit(lo)} AND DATE ${lit(asOf)}`,
  });
  // Members: every KPI's parts per member, in each current and previous window (a VALUES list of ranges joined on the day).
  const windows = new Map();
  for (const x of kpis)
    for (const r of [x.w.current.range, x.w.previous.range]) windows.set(`${r.start}/${r.end}`, r);
  const memberCols = kpis.flatMap((x) =>
    PARTS[x.k.metric].map((c, j) => `${agg(c, filterSql(x.k.filter))} AS ${x.name}_${j}`),
  );
  const values = [...windows]
    .map(([k, r]) => `(${lit(k)}, DATE ${lit(r.start)}, DATE ${lit(r.end)})`)
    .join(', ');
  const mlo = [...windows.values()].reduce((a, r) => (r.start < a ? r.start : a), asOf);
  statements.push({
    name: 'members',
    sql: `SELECT w.k, channel, campaign, market, GROUPING(channel, campaign, market) AS g, ${memberCols.join(', ')}
      FROM paid_campaigns JOIN (VALUES ${values}) AS w(k, s, e) ON date BETWEEN w.s AND w.e
      WHERE date BETWEEN DATE ${lit(mlo)} AND DATE ${lit(asOf)}
      GROUP BY GROUPING SETS ((w.k, channel), (w.k, campaign), (w.k, market))`,
  });
  return { kpis, statements };
};

const close = (a, b) =>
  a === null || a === undefined
    ? b === null || b === undefined
    : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Checks kpi's readings against the reference rows; throws on the first difference. */
const check = (card, ref, results) => {
  const readings = new Map(card.goals.flatMap((g) => g.kpis).map((k) => [k.kpi, k]));
  const ranges = results.ranges[0];
  for (const x of ref.kpis) {
    const r = readings.get(x.name);
    const want = [
      ['current', r.current.value, ranges[`${x.name}_cur`]],
      ['previous', r.comparisons[0].value, ranges[`${x.name}_prev`]],
      ['last year', r.comparisons[1].value, ranges[`${x.name}_ly`]],
      [
        'goal to date',
        r.target.kind === 'cumulative' ? r.target.actual : ranges[`${x.name}_gtd`],
        ranges[`${x.name}_gtd`],
      ],
      ...(x.baseline
        ? [['baseline', r.target.baseline ?? ranges[`${x.name}_base`], ranges[`${x.name}_base`]]]
        : []),
    ];
    const rows = results[`series_${x.grain}`];
    r.series
      .slice(0, -1)
      .forEach((p) =>
        want.push([
          `series ${p.start}`,
          p.value,
          rows.find((row) => row.period === p.start)?.[x.name] ?? null,
        ]),
      );
    for (const [what, got, exp] of want)
      if (!close(got, exp)) throw new Error(`${x.name} ${what}: kpi ${got}, SQL ${exp}`);
    const channel = r.cause.dimensions.find((d) => d.dimension === 'channel');
    const members = results.members.filter((row) => row.g === 3);
    for (const m of channel?.members ?? []) {
      const parts = (which) => {
        const r = x.w[which].range;
        const row = members.find((z) => z.channel === m.member && z.k === `${r.start}/${r.end}`);
        return PARTS[x.k.metric].map((_, j) => row?.[`${x.name}_${j}`] ?? null);
      };
      const [c0, c1] = parts('current');
      const [p0, p1] = parts('previous');
      const cur = c1 === undefined ? c0 : c1 ? c0 / c1 : null;
      const prev = p1 === undefined ? p0 : p1 ? p0 / p1 : null;
      if (!close(m.current, cur) || !close(m.previous, prev))
        throw new Error(`${x.name} member ${m.member}: kpi ${m.current}/${m.previous}, SQL ${cur}/${prev}`);
    }
  }
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `open` gives the engine holding paid_campaigns (the DuckDB file at dbPath by default). */
export const benchScorecard = async (dbPath, baseProject, runs = 3, open = () => openDuckDb(dbPath)) => {
  const project = scorecardProject(baseProject);
  const engine = await open();
  const asOf = (await engine.query('SELECT CAST(max(date) AS VARCHAR) AS d FROM paid_campaigns')).rows[0].d;
  const ref = referenceSql(project, asOf);
  const times = { kpi: [], hand: [] };
  let card;
  let results;
  for (let i = 0; i <= runs; i++) {
    let t = performance.now();
    card = await evaluateScorecardOn(engine, project, { asOf, withoutSupporting: true });
    const k = performance.now() - t;
    t = performance.now();
    results = {};
    for (const s of ref.statements) results[s.name] = (await engine.query(s.sql)).rows;
    const h = performance.now() - t;
    if (i > 0) {
      times.kpi.push(k / 1000);
      times.hand.push(h / 1000);
    }
  }
  await engine.close();
  check(card, ref, results);
  return {
    kpi: median(times.kpi),
    hand: median(times.hand),
    kpis: Object.keys(project.kpis).length,
    asOf,
    kpiStatements: card.queries,
    handStatements: ref.statements.length,
  };
};
