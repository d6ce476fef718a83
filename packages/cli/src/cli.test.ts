// End-to-end tests of the `kpi` command: a real process, a real project folder and a
// real DuckDB file. Answers are checked against hand-written SQL and against a
// computation straight from the demo's CSV file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { periodStart } from '@kpi/core';
import { openDuckDb } from '@kpi/engines';
import { makeDemo, runKpi } from '../test/run-kpi.js';

const run = (args: string[], cwd: string) => runKpi(args, cwd, { NO_COLOR: '' });

let root = '';
let demo = '';
before(() => {
  ({ root, demo } = makeDemo('kpi-cli-', '2025-06-30'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('kpi query on the demo', () => {
  const from = '2025-04-07';
  const to = '2025-06-29';

  test("Instagram's weekly link CTR for 12 weeks equals hand-written SQL and the CSV", async () => {
    const r = run(
      [
        'query',
        'link_ctr',
        '--by',
        'week',
        '--from',
        from,
        '--to',
        to,
        '--where',
        'platform=instagram',
        '--json',
      ],
      demo,
    );
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out) as { rows: { period: string; link_ctr: number }[] };
    assert.equal(got.rows.length, 12);

    const engine = await openDuckDb(join(demo, '.kpi', 'kpi.duckdb'));
    const sql = await engine.query(
      `SELECT CAST(date_trunc('week', "date") AS DATE) AS wk, sum(link_clicks) * 1.0 / sum(impressions) AS ctr
       FROM social_posts WHERE platform = 'instagram' AND "date" BETWEEN DATE '${from}' AND DATE '${to}'
       GROUP BY 1 ORDER BY 1`,
    );
    await engine.close();
    assert.deepEqual(
      got.rows.map((x) => x.period),
      sql.rows.map((x) => x['wk']),
    );
    got.rows.forEach((x, i) => assert.ok(Math.abs(x.link_ctr - Number(sql.rows[i]?.['ctr'])) < 1e-12));

    // Independently, from the CSV: sums per ISO week of the Instagram rows.
    const [header, ...lines] = readFileSync(join(demo, 'data', 'social_posts.csv'), 'utf8')
      .trim()
      .split('\n');
    const cols = (header ?? '').split(',');
    const at = (name: string) => cols.indexOf(name);
    const sums = new Map<string, { clicks: number; imps: number }>();
    for (const line of lines) {
      const f = line.split(',');
      const date = f[at('date')] ?? '';
      if (f[at('platform')] !== 'instagram' || date < from || date > to) continue;
      const wk = periodStart(date, 'week');
      const s = sums.get(wk) ?? { clicks: 0, imps: 0 };
      s.clicks += Number(f[at('link_clicks')]);
      s.imps += Number(f[at('impressions')]);
      sums.set(wk, s);
    }
    for (const row of got.rows) {
      const s = sums.get(row.period);
      assert.ok(s, row.period);
      assert.ok(Math.abs(row.link_ctr - s.clicks / s.imps) < 1e-12);
    }
  });

  test('table output is aligned, formatted, and has no colour when piped', () => {
    const r = run(
      ['query', 'spend,leads,cost_per_lead', '--by', 'month', '--from', '2025-04-01', '--to', '2025-06-30'],
      demo,
    );
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0] ?? '', /^period\s+spend\s+leads\s+cost_per_lead$/);
    assert.equal(lines.length, 5);
    assert.match(lines[2] ?? '', /^2025-04-01\s+€[\d,]+\s+[\d,]+\s+€[\d.]+$/);
    assert.ok(!r.out.includes('\u001b'));
  });

  test('--csv and --dim', () => {
    const r = run(
      ['query', 'spend', '--dim', 'channel', '--from', '2025-06-01', '--to', '2025-06-30', '--csv'],
      demo,
    );
    assert.equal(r.code, 0, r.err);
    const [head, ...rows] = r.out.trim().split('\n');
    assert.equal(head, 'channel,spend');
    assert.deepEqual(
      rows.map((x) => x.split(',')[0]),
      ['google_search', 'linkedin_ads', 'meta_ads', 'tiktok_ads'],
    );
  });

  // Exit 2, not 1 (changed in issue 16): an unknown name on the command line is a usage
  // error in every command, the same exit code as an unknown KPI in `kpi explain`.
  test('unknown metric and unknown dimension are usage errors (exit 2, as an unknown KPI) with hints', () => {
    const r = run(['query', 'ctrr', '--dim', 'platfrom'], demo);
    assert.equal(r.code, 2);
    assert.match(r.err, /query\.metric\.unknown/);
    assert.match(r.err, /ctr/);
  });

  test('datasets lists every dataset with rows', () => {
    const r = run(['datasets', '--json'], demo);
    assert.equal(r.code, 0, r.err);
    const stats = JSON.parse(r.out) as { dataset: string; rows: number }[];
    assert.equal(stats.length, 8); // seven media and shop datasets, and subscriber_activity
    assert.ok(stats.every((s) => s.rows > 0));
  });
});

describe('kpi usage and errors', () => {
  test('--help everywhere, exit 0', () => {
    for (const args of [
      ['--help'],
      ['init', '--help'],
      ['query', '-h'],
      ['import', '--help'],
      ['validate', '--help'],
      ['datasets', '--help'],
      ['schema', '--help'],
    ]) {
      const r = run(args, root);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.out, /usage: kpi/);
    }
  });

  test('usage errors exit 2 with a hint', () => {
    for (const args of [
      ['frobnicate'],
      ['query', 'ctr', '--by', 'fortnight'],
      ['query', 'ctr', '--bogus'],
      ['query'],
      ['query', 'ctr', '--from', '2025-02-30'],
      ['import', 'x'],
    ]) {
      const r = run(args, demo);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /error|hint/);
      assert.ok(!/\n\s+at /.test(r.err), 'no stack trace');
    }
  });

  test('no project: exit 2 telling how to create one', () => {
    const r = run(['validate'], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /kpi init/);
  });

  test('validate reports every problem with file:line:column (exit 1)', () => {
    const dir = join(root, 'broken');
    assert.equal(run(['init', dir], root).code, 0);
    assert.equal(run(['validate'], dir).code, 0);
    const yaml = readFileSync(join(dir, 'kpi.yaml'), 'utf8')
      .replace('agg: sum\n    column: sessions', 'agg: summ\n    column: sessions')
      .replace('numerator: conversions', 'numerator: conversion');
    writeFileSync(join(dir, 'kpi.yaml'), yaml);
    const r = run(['validate'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /kpi\.yaml:\d+:\d+ error schema\.invalid_value/);
    const json = run(['validate', '--json'], dir);
    assert.equal(json.code, 1);
    const body = JSON.parse(json.out) as { ok: boolean; issues: { code: string }[] };
    assert.equal(body.ok, false);
  });

  test('a bad import changes nothing and lists the bad lines (exit 1)', async () => {
    const before = run(['datasets', '--json'], demo).out;
    const bad = join(root, 'bad.csv');
    writeFileSync(
      bad,
      'date,platform,followers\n2025-07-01,instagram,100\n2025-07-02,instagram,lots\n2025-13-01,tiktok,5\n',
    );
    const r = run(['import', 'followers', bad], demo);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /bad\.csv:3/);
    assert.match(r.err, /bad\.csv:4/);
    assert.equal(run(['datasets', '--json'], demo).out, before);
  });
});
