// `kpi utm` through the CLI (imports through the real process): build and parse with exit codes, the lint of a CSV
// export (rows counted by hand, first rows named, UTF-16 TSV from GA4, a URL column) and
// of the sessions dataset, and the attribution report on a small project in a real DuckDB
// file, its figures computed by hand from the rows below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';
import { runCli } from './main.js';

/** The same CLI in this process (the imports above go through the real process). */
const kpi = async (args: readonly string[], cwd: string) => {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    cwd,
    env: {},
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdoutIsTty: false,
    stderrIsTty: false,
    color: false,
  });
  return { code, out, err };
};

const PROJECT = `version: 1
project: { name: Shop, timezone: UTC, currency: EUR }
datasets:
  web:
    time: date
    key: [date, source, medium, campaign]
    columns:
      date: { type: date }
      source: { type: string }
      medium: { type: string }
      campaign: { type: string }
      sessions: { type: integer }
      conversions: { type: integer }
  ads:
    time: date
    key: [date, campaign]
    columns:
      date: { type: date }
      campaign: { type: string }
      spend: { type: number }
utm:
  sources: [google, meta, newsletter]
  mediums: [cpc, paid_social, email]
  separator: _
  sessions: { dataset: web, campaign: campaign, source: source, medium: medium, sessions: sessions, conversions: conversions }
  paid:
    - { dataset: ads, campaign: campaign, spend: spend }
`;

const WEB = `date,source,medium,campaign,sessions,conversions
2026-03-01,google,cpc,spring_sale,100,4
2026-03-02,google,cpc,spring_sale,120,6
2026-03-02,Google,cpc,Spring Sale,30,1
2026-03-01,meta,paid_social,launch,80,0
2026-03-03,meta,paid_social,launch,40,2
2026-03-01,newsletter,email,weekly_w09,50,3
2026-03-01,google,organic,(not set),500,10
`;
const ADS = `date,campaign,spend
2026-03-01,spring_sale,150.5
2026-03-02,spring_sale,99.5
2026-03-01,launch,60
2026-03-03,launch,30
2026-03-01,brand_always_on,12.25
`;

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-utm-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'kpi.yaml'), PROJECT);
  writeFileSync(join(root, 'data', 'web.csv'), WEB);
  writeFileSync(join(root, 'data', 'ads.csv'), ADS);
  for (const ds of ['web', 'ads']) {
    const r = runKpi(['import', ds, `data/${ds}.csv`], root);
    assert.equal(r.code, 0, r.err + r.out);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('kpi utm build and parse', () => {
  test('a clean link prints the URL and exits 0; one breaking the rules exits 1 and says how to fix it', async () => {
    const ok = await kpi(
      [
        'utm',
        'build',
        'https://shop.example/a?x=1#f',
        '--source',
        'meta',
        '--medium',
        'paid_social',
        '--campaign',
        'launch',
      ],
      root,
    );
    assert.equal(ok.code, 0, ok.err);
    assert.equal(
      ok.out,
      'https://shop.example/a?x=1&utm_source=meta&utm_medium=paid_social&utm_campaign=launch#f\n',
    );
    const bad = await kpi(
      [
        'utm',
        'build',
        'https://shop.example/',
        '--source',
        'facebook',
        '--medium',
        'paid social',
        '--campaign',
        'Launch',
      ],
      root,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.err, /Source "facebook" is not one of the project's sources/);
    assert.match(bad.err, /Medium "paid social" has a space/);
    assert.match(bad.err, /write it as "launch"/);
  });

  test('several --content give one link per variant; --json carries the values', async () => {
    const r = await kpi(
      [
        'utm',
        'build',
        'https://shop.example/',
        '--source',
        'meta',
        '--medium',
        'cpc',
        '--campaign',
        'c',
        '--content',
        'a',
        '--content',
        'b b',
        '--normalize',
        '--json',
      ],
      root,
    );
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { url: string; params: Record<string, string> }[];
    assert.deepEqual(
      out.map((o) => o.url),
      [
        'https://shop.example/?utm_source=meta&utm_medium=cpc&utm_campaign=c&utm_content=a',
        'https://shop.example/?utm_source=meta&utm_medium=cpc&utm_campaign=c&utm_content=b_b',
      ],
    );
  });

  test('usage errors exit 2: no URL, a base that is not a web address, an unknown subcommand', async () => {
    assert.equal((await kpi(['utm', 'build', '--source', 'a'], root)).code, 2);
    const notUrl = await kpi(
      ['utm', 'build', 'shop.example', '--source', 'google', '--medium', 'cpc', '--campaign', 'x'],
      root,
    );
    assert.equal(notUrl.code, 2);
    assert.match(notUrl.err, /utm\.base_invalid/);
    assert.equal((await kpi(['utm', 'shorten'], root)).code, 2);
    assert.equal((await kpi(['utm', 'lint', '--dataset', '--from', '2026-13-01'], root)).code, 2);
  });

  test('parse lists the parameters by label and reports a typo in a name', async () => {
    const r = await kpi(
      [
        'utm',
        'parse',
        'https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=spring_sale&utm_conten=x',
      ],
      root,
    );
    assert.equal(r.code, 1);
    assert.match(r.out, /Campaign\s+utm_campaign\s+spring_sale/);
    assert.match(r.err, /did you mean utm_content\?/);
  });
});

describe('kpi utm lint', () => {
  test('a CSV export: each problem once, rows counted, first rows named (header = row 1)', async () => {
    const file = join(root, 'export.csv');
    writeFileSync(
      file,
      [
        'Session source,Session medium,Session campaign,Sessions',
        'google,cpc,spring_sale,10',
        'Google,cpc,spring_sale,3',
        'google,cpc,Spring-Sale,2',
        'Google,cpc,spring_sale,1',
        'google,organic,(not set),99',
        'newsletter,email,(not set),4',
        'gogle,cpc,spring_sale,1',
      ].join('\n') + '\n',
    );
    const r = await kpi(['utm', 'lint', file, '--json'], root);
    assert.equal(r.code, 1, r.err);
    const out = JSON.parse(r.out) as {
      report: {
        rows: number;
        untaggedRows: number;
        problems: { code: string; value: string; count: number; firstRefs: string[] }[];
      };
    };
    assert.equal(out.report.rows, 7);
    assert.equal(out.report.untaggedRows, 1);
    const p = (code: string, value: string) =>
      out.report.problems.find((x) => x.code === code && x.value === value);
    assert.deepEqual(p('utm.value_case', 'Google'), {
      ...p('utm.value_case', 'Google'),
      count: 2,
      firstRefs: ['row 3', 'row 5'],
    });
    assert.deepEqual(
      [p('utm.value_separator', 'Spring-Sale')?.count, p('utm.value_separator', 'Spring-Sale')?.firstRefs],
      [1, ['row 4']],
    );
    assert.deepEqual(
      [p('utm.param_missing', '')?.count, p('utm.param_missing', '')?.firstRefs],
      [1, ['row 7']],
    );
    assert.equal(p('utm.source_unknown', 'gogle')?.count, 1);
    assert.equal(p('utm.campaign_variants', 'spring_sale')?.count, 5);
  });

  test('a UTF-16 TSV with a landing-page URL column is read through the URL query', async () => {
    const file = join(root, 'clicks.tsv');
    const text =
      'Landing page + query string\tClicks\n/shop?utm_source=meta&utm_medium=paid_social&utm_campaign=launch\t5\n/shop?utm_source=meta&utm_medium=Paid_Social&utm_campaign=launch\t2\n';
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await kpi(['utm', 'lint', file, '--json'], root);
    const out = JSON.parse(r.out) as {
      report: { rows: number; problems: { code: string; value: string; firstRefs: string[] }[] };
    };
    assert.equal(out.report.rows, 2);
    assert.deepEqual(
      out.report.problems.filter((x) => x.code === 'utm.value_case').map((x) => [x.value, x.firstRefs]),
      [['Paid_Social', ['row 3']]],
    );
  });

  test('a file with no tag columns is a usage error naming its columns', async () => {
    const file = join(root, 'none.csv');
    writeFileSync(file, 'day,orders\n2026-03-01,4\n');
    const r = await kpi(['utm', 'lint', file], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /its columns: day, orders/);
  });

  test('the sessions dataset: distinct tags counted per row of the table', async () => {
    const r = await kpi(['utm', 'lint', '--dataset', '--json'], root);
    assert.equal(r.code, 1, r.err);
    const out = JSON.parse(r.out) as {
      report: {
        rows: number;
        taggedRows: number;
        problems: { code: string; value: string; count: number }[];
      };
    };
    assert.equal(out.report.rows, 7);
    assert.equal(out.report.taggedRows, 6);
    const codes = out.report.problems.map((x) => `${x.code}:${x.value}:${x.count}`).sort();
    assert.deepEqual(codes, [
      'utm.campaign_variants:spring_sale:3',
      'utm.source_variants:google:3',
      'utm.value_case:Google:1',
      'utm.value_case:Spring Sale:1',
      'utm.value_spaces:Spring Sale:1',
    ]);
  });
});

describe('kpi utm report', () => {
  test('spend, sessions, conversions and cost per conversion per campaign, by hand', async () => {
    const r = await kpi(['utm', 'report', '--json'], root);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as {
      campaigns: {
        campaign: string;
        spend: number;
        sessions: number;
        conversions: number;
        costPerConversion: number | null;
      }[];
      unmatchedSessions: { campaign: string; sessions: number }[];
      unmatchedSpend: { campaign: string; spend: number }[];
      untagged: { sessions: number };
    };
    // spring_sale: spend 150.5 + 99.5 = 250; sessions 100 + 120 + 30 ("Spring Sale" joins) = 250;
    // conversions 4 + 6 + 1 = 11; 250 / 11. launch: 60 + 30 = 90 over 80 + 40 sessions, 0 + 2 conversions.
    assert.deepEqual(
      out.campaigns.map((c) => [c.campaign, c.spend, c.sessions, c.conversions, c.costPerConversion]),
      [
        ['spring_sale', 250, 250, 11, 250 / 11],
        ['launch', 90, 120, 2, 45],
      ],
    );
    assert.deepEqual(
      out.unmatchedSessions.map((u) => [u.campaign, u.sessions]),
      [['weekly_w09', 50]],
    );
    assert.deepEqual(
      out.unmatchedSpend.map((u) => [u.campaign, u.spend]),
      [['brand_always_on', 12.25]],
    );
    assert.equal(out.untagged.sessions, 500);
  });

  test('a date range narrows both sides; the text report uses labels and the currency', async () => {
    const r = await kpi(['utm', 'report', '--from', '2026-03-02', '--to', '2026-03-03'], root);
    assert.equal(r.code, 0, r.err);
    // spring_sale on 03-02: €99.50 over 150 sessions, 7 conversions -> €14.21 per conversion.
    assert.match(r.out, /spring_sale\s+€99\.50\s+150\s+7\s+€14\.21/);
    assert.match(r.out, /launch\s+€30(\.00)?\s+40\s+2\s+€15(\.00)?/);
    assert.doesNotMatch(r.out, /brand_always_on/);
  });

  test('a project without utm.paid says what to add', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-utm-none-'));
    writeFileSync(join(dir, 'kpi.yaml'), 'version: 1\nproject: { name: X }\n');
    const r = await kpi(['utm', 'report'], dir);
    rmSync(dir, { recursive: true, force: true });
    assert.notEqual(r.code, 0);
    assert.match(r.err, /utm\.sessions_missing/);
    assert.match(r.err, /add utm:/);
  });
});
