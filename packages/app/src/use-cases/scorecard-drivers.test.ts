// The driver figures of a scorecard on a real DuckDB against a plain roll-up of the raw
// rows done here: per dimension and member, the sums of each KPI's parts (under its filter)
// in the current and previous windows. Pins the fast roll-up (conditions tested once per
// filter, members skipped when they hold none of a KPI's leaves, compiled node evaluation).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type DateRange, type Filter, type Project } from '@kpi/core';
import { openDuckDb, type Engine } from '@kpi/engines';
import type { DriverInput } from '@kpi/scorecard';
import { readDrivers, type DriverRequest } from './scorecard-drivers.js';

const YAML = `
version: 1
project: {name: drivers, timezone: UTC}
datasets:
  ads:
    time: day
    key: [day, channel, market, campaign]
    dimensions: [channel, market, campaign]
    columns:
      day: {type: date}
      channel: {type: string}
      market: {type: string}
      campaign: {type: string}
      spend: {type: number}
      leads: {type: integer}
metrics:
  spend: {kind: simple, dataset: ads, agg: sum, column: spend}
  leads: {kind: simple, dataset: ads, agg: sum, column: leads}
  cpl: {kind: ratio, numerator: spend, denominator: leads}
  double_leads: {kind: derived, expr: "leads * 2"}
`;

type Raw = {
  day: string;
  channel: string;
  market: string;
  campaign: string;
  spend: number | null;
  leads: number | null;
};

// A fixed pseudo-random set of rows over 28 days (an LCG, seed 7): 3 channels, 4 markets, 12 campaigns.
const rows: Raw[] = (() => {
  let s = 7;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: Raw[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 400; i++) {
    const day = `2025-02-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const c = Math.floor(next() * 12);
    const channel = ['meta', 'google', 'tiktok'][c % 3] as string;
    const market = ['de', 'nl', 'at', 'ch'][Math.floor(next() * 4)] as string;
    const key = `${day}|${channel}|${market}|cmp${c}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spend = Math.round(next() * 10000) / 100;
    const leads = next() < 0.1 ? null : Math.floor(next() * 20);
    out.push({ day, channel, market, campaign: `cmp${c}`, spend, leads });
  }
  // A campaign with leads but no spend: it holds only the denominator's leaf of cpl.
  out.push({
    day: '2025-02-03',
    channel: 'google',
    market: 'de',
    campaign: 'cmp_free',
    spend: null,
    leads: 4,
  });
  out.push({
    day: '2025-02-20',
    channel: 'google',
    market: 'nl',
    campaign: 'cmp_free',
    spend: null,
    leads: 2,
  });
  return out;
})();

const CURRENT: DateRange = { start: '2025-02-15', end: '2025-02-28' };
const PREVIOUS: DateRange = { start: '2025-02-01', end: '2025-02-14' };

const holds = (r: Raw, f: Filter | undefined): boolean =>
  Object.entries(f ?? {}).every(([d, v]) =>
    (Array.isArray(v) ? v : [v]).map(String).includes(String(r[d as keyof Raw])),
  );
/** Σ column over the raw rows of a member in a window under a filter; null when no row gives a value. */
const sum = (dim: keyof Raw, member: string, w: DateRange, f: Filter | undefined, col: 'spend' | 'leads') => {
  const xs = rows
    .filter((r) => r[dim] === member && r.day >= w.start && r.day <= w.end && holds(r, f))
    .map((r) => r[col])
    .filter((v): v is number => v !== null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) : null;
};

let db: Engine;
let project: Project;
before(async () => {
  const r = loadProject([{ path: 'kpi.yaml', text: YAML }]);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  project = r.value;
  db = await openDuckDb(':memory:');
  await db.exec(
    'CREATE TABLE ads (day DATE, channel VARCHAR, market VARCHAR, campaign VARCHAR, spend DOUBLE, leads BIGINT)',
  );
  await db.exec(
    `INSERT INTO ads VALUES ${rows
      .map(
        (a) =>
          `('${a.day}', '${a.channel}', '${a.market}', '${a.campaign}', ${a.spend ?? 'NULL'}, ${a.leads ?? 'NULL'})`,
      )
      .join(', ')}`,
  );
});
after(async () => db.close());

type Figure = number | null | { readonly numerator: number | null; readonly denominator: number | null };
const flat = (v: Figure): (number | null)[] =>
  v !== null && typeof v === 'object' ? [v.numerator, v.denominator] : [v];

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const KPIS: { key: string; metric: string; filter?: Filter }[] = [
  { key: 'spend_all', metric: 'spend' },
  { key: 'spend_meta', metric: 'spend', filter: { channel: 'meta' } },
  { key: 'leads_de_nl', metric: 'leads', filter: { market: ['de', 'nl'] } },
  { key: 'double_meta_de', metric: 'double_leads', filter: { channel: 'meta', market: 'de' } },
  { key: 'cpl_google', metric: 'cpl', filter: { channel: 'google' } },
  { key: 'cpl_all', metric: 'cpl' },
];

describe('readDrivers', () => {
  test('every member of every dimension has the sums of a plain roll-up of the raw rows, and no other member is listed', async () => {
    const requests: DriverRequest[] = KPIS.map((k) => ({
      key: k.key,
      item: { key: k.key, metric: k.metric, ...(k.filter ? { filter: k.filter } : {}) },
      current: CURRENT,
      previous: PREVIOUS,
    }));
    const got = await readDrivers(db, project, requests, { start: PREVIOUS.start, end: CURRENT.end });
    assert.equal(got.statements, 1);
    let checked = 0;
    for (const k of KPIS) {
      const inputs = got.inputs.get(k.key) as readonly DriverInput[];
      assert.ok(inputs, k.key);
      for (const dim of ['channel', 'market', 'campaign'] as const) {
        const all = [...new Set(rows.map((r) => r[dim]))].sort();
        const expected = all
          .map((member) => {
            const at = (w: DateRange) =>
              k.metric === 'cpl'
                ? {
                    numerator: sum(dim, member, w, k.filter, 'spend'),
                    denominator: sum(dim, member, w, k.filter, 'leads'),
                  }
                : k.metric === 'double_leads'
                  ? ((v) => (v === null ? null : v * 2))(sum(dim, member, w, k.filter, 'leads'))
                  : sum(dim, member, w, k.filter, k.metric as 'spend' | 'leads');
            return { member, current: at(CURRENT), previous: at(PREVIOUS) };
          })
          .filter((m) => JSON.stringify([m.current, m.previous]).match(/\d/));
        const input = inputs.find((d) => d.dimension === dim);
        const members = [...(input?.members ?? [])].sort((a, b) => (a.member < b.member ? -1 : 1));
        assert.deepEqual(
          members.map((m) => m.member),
          expected.map((m) => m.member),
          `${k.key} ${dim}: members`,
        );
        assert.equal(
          input?.kind ?? (k.metric === 'cpl' ? 'ratio' : 'additive'),
          k.metric === 'cpl' ? 'ratio' : 'additive',
        );
        members.forEach((m, i) => {
          const e = expected[i] as (typeof expected)[number];
          const gotFigures = [...flat(m.current), ...flat(m.previous)];
          const wantFigures = [...flat(e.current), ...flat(e.previous)];
          assert.equal(gotFigures.length, wantFigures.length);
          gotFigures.forEach((a, j) => {
            const b = wantFigures[j] as number | null;
            assert.ok(close(a, b), `${k.key} ${dim} ${m.member}: ${String(a)} vs ${String(b)}`);
            checked++;
          });
        });
      }
    }
    // The filtered KPIs leave members out (meta's campaigns only for spend_meta), so the skip is exercised.
    const spendMeta = (got.inputs.get('spend_meta') ?? []).find((d) => d.dimension === 'campaign');
    assert.equal(spendMeta?.members.length, 4);
    assert.ok(checked > 200, `checked ${checked}`);
  });
});
