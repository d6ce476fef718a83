import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssue, loadProject, UsageError } from '@kpi/core';
import type { Project } from '@kpi/core';
import { generateDemo } from './generate-demo.js';
import { toCsvLines } from './csv-lines.js';
import type { DemoProject } from './demo-types.js';

const END = '2025-06-30';

const load = (demo: DemoProject): Project => {
  const r = loadProject(demo.files);
  if (!r.ok) assert.fail(r.issues.map(formatIssue).join('\n'));
  for (const w of r.warnings ?? []) console.log(`warning: ${formatIssue(w)}`);
  return r.value;
};

/** Every file and every row, as one text (the CSV route a user's import takes). */
const fingerprint = (demo: DemoProject): string => {
  const parts = demo.files.map((f) => `${f.path}\n${f.text}`);
  for (const ds of demo.datasets) parts.push(ds.name, ...toCsvLines(ds.columns, ds.rows()));
  return parts.join('\n');
};

const totalRows = (demo: DemoProject): number => {
  let n = 0;
  for (const ds of demo.datasets) for (const _row of ds.rows()) n++;
  return n;
};

describe('generateDemo', () => {
  test('emits kpi.yaml first and files that load without errors', () => {
    const demo = generateDemo({ endDate: END });
    assert.equal(demo.files[0]?.path, 'kpi.yaml');
    const p = load(demo);
    assert.equal(p.settings.currency, 'EUR');
    assert.equal(p.settings.timezone, 'Europe/Berlin');
    assert.deepEqual(Object.keys(p.datasets).sort(), demo.datasets.map((d) => d.name).sort());
    for (const ds of demo.datasets)
      assert.deepEqual(Object.keys(p.datasets[ds.name]?.columns ?? {}), [...ds.columns]);
  });

  test('uses the given currency and time zone', () => {
    const p = load(generateDemo({ endDate: END, currency: 'USD', timezone: 'America/New_York' }));
    assert.equal(p.settings.currency, 'USD');
    assert.equal(p.settings.timezone, 'America/New_York');
  });

  test('goals sit in the current quarter and hold the deliberate weak spots', () => {
    const p = load(generateDemo({ endDate: END }));
    assert.deepEqual(p.goals.qualified_leads?.period, { start: '2025-04-01', end: '2025-06-30' });
    assert.match(p.goals.qualified_leads?.title ?? '', /^Generate [\d,]+ qualified leads this quarter$/);
    const kpis = Object.values(p.kpis);
    const perGoal = new Map<string, number>();
    for (const k of kpis) perGoal.set(k.goal, (perGoal.get(k.goal) ?? 0) + 1);
    assert.ok(Math.max(...perGoal.values()) >= 7, 'a goal with too many KPIs');
    assert.ok(
      kpis.some((k) => k.goal === 'qualified_leads' && k.metric === 'followers'),
      'a vanity KPI',
    );
    assert.equal(kpis.filter((k) => k.owner === undefined).length, 1, 'one KPI without owner');
    assert.ok(kpis.some((k) => k.counter_metric !== undefined));
    assert.ok(kpis.some((k) => k.indicator === 'leading') && kpis.some((k) => k.indicator === 'lagging'));
    for (const g of Object.keys(p.goals)) assert.ok((perGoal.get(g) ?? 0) >= 2, `goal ${g} has KPIs`);
    const titles = p.annotations.map((a) => a.title);
    assert.ok(titles.some((t) => /launch/i.test(t)));
    assert.ok(titles.some((t) => /viral/i.test(t)));
    assert.ok(p.annotations.some((a) => a.scope?.channel === 'meta_ads' && a.end !== undefined));
  });

  test('is deterministic, and a different seed gives different data', () => {
    const a = fingerprint(generateDemo({ endDate: END }));
    assert.equal(fingerprint(generateDemo({ endDate: END, seed: 42 })), a);
    assert.notEqual(fingerprint(generateDemo({ endDate: END, seed: 7 })), a);
  });

  test('rows() can be iterated again with the same result', () => {
    const ds = generateDemo({ endDate: END }).datasets.find((d) => d.name === 'mentions');
    assert.ok(ds);
    assert.deepEqual([...ds.rows()], [...ds.rows()]);
  });

  test('the small demo has 30k-80k fact rows; scale 200000 gives 200k +-20%', () => {
    const small = totalRows(generateDemo({ endDate: END }));
    assert.ok(small >= 30_000 && small <= 80_000, `small: ${small}`);
    const big = generateDemo({ endDate: END, scale: 200_000 });
    const n = totalRows(big);
    assert.ok(n >= 160_000 && n <= 240_000, `scale 200000: ${n}`);
    assert.equal(
      big.files.map((f) => f.text).join(),
      generateDemo({ endDate: END })
        .files.map((f) => f.text)
        .join(),
      'the project files do not depend on the scale',
    );
  });

  test('a scale below the small size thins the event datasets', () => {
    const n = totalRows(generateDemo({ endDate: END, scale: 35_000 }));
    assert.ok(n >= 28_000 && n <= 42_000, `scale 35000: ${n}`);
  });

  test('rejects bad options with usage errors', () => {
    assert.throws(() => generateDemo({ endDate: '2025-02-30' }), UsageError);
    assert.throws(() => generateDemo({ endDate: END, timezone: 'Mars/Olympus' }), UsageError);
    assert.throws(() => generateDemo({ endDate: END, currency: 'euro' }), UsageError);
    assert.throws(() => generateDemo({ endDate: END, scale: -5 }), UsageError);
  });
});
