// Facts in PostgreSQL, queried in place: the demo imported by kpi into its embedded store,
// its tables copied into a real PostgreSQL server, and a second project folder whose kpi.yaml
// names that database (`project.database.url_env`). The real CLI must answer the same from
// both; imports into the database are refused; a missing URL or table is named precisely.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '@kpi/app';
import { openDuckDb, openPostgres } from '@kpi/engines';
import { copyDatasetTables, startTestPostgres, type TestPostgres } from '@kpi/engines/testing';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const END = '2026-11-21';
const AS_OF = '2026-11-18';

let root = '';
let embedded = '';
let inDb = '';
let server: TestPostgres;
let url = '';

const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The project's kpi.yaml with `database: {url_env: NAME}` added to its project settings. */
const pointAtDatabase = (dir: string, envName: string): void => {
  const file = join(dir, 'kpi.yaml');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^project:\n/m);
  writeFileSync(file, text.replace(/^project:\n/m, `project:\n  database:\n    url_env: ${envName}\n`));
};

const differences = (a: unknown, b: unknown, path = ''): string[] => {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? [] : [`${path}: ${a} vs ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
};

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-database-'));
  embedded = join(root, 'embedded');
  const r = run(['init', embedded, '--demo', '--end-date', END], root);
  assert.equal(r.code, 0, r.err);
  // The second folder: the same definitions, no embedded store, facts in the database.
  inDb = join(root, 'in-db');
  cpSync(embedded, inDb, { recursive: true, filter: (src) => !src.includes(`${join(embedded, '.kpi')}`) });
  pointAtDatabase(inDb, 'KPI_TEST_WAREHOUSE');
  server = await startTestPostgres();
  url = await server.createDatabase('warehouse');
  const lp = openProject(embedded);
  const duck = await openDuckDb(join(embedded, '.kpi', 'kpi.duckdb'));
  const pg = await openPostgres(url);
  try {
    await copyDatasetTables(duck, pg, lp.project);
  } finally {
    await duck.close();
    await pg.close();
  }
});
after(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a project whose facts live in PostgreSQL', () => {
  test('kpi status --json answers the same from the database as from the embedded store', () => {
    const a = run(['status', '--json', '--as-of', AS_OF], embedded);
    const b = run(['status', '--json', '--as-of', AS_OF], inDb, { KPI_TEST_WAREHOUSE: url });
    assert.equal(a.code, b.code, b.err);
    const ja = JSON.parse(a.out) as { goals: { kpis: unknown[] }[] };
    const jb = JSON.parse(b.out) as { goals: { kpis: unknown[] }[] };
    assert.ok(ja.goals.flatMap((g) => g.kpis).length >= 15);
    assert.deepEqual(differences(ja.goals, jb.goals), []);
  });

  test('kpi query gives the same rows from the database', () => {
    const args = [
      'query',
      'leads,spend,cost_per_lead',
      '--by',
      'week',
      '--dim',
      'channel',
      '--from',
      '2026-10-01',
      '--to',
      '2026-11-15',
      '--json',
    ];
    const a = run(args, embedded);
    const b = run(args, inDb, { KPI_TEST_WAREHOUSE: url });
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    const { rows } = JSON.parse(a.out) as { rows: { leads: number | null }[] };
    assert.ok(rows.length > 10 && rows.some((r) => (r.leads ?? 0) > 0), a.out.slice(0, 200));
    assert.deepEqual(differences(JSON.parse(a.out), JSON.parse(b.out)), []);
  });

  test('kpi explain, kpi forecast and kpi check answer the same from the database', () => {
    const env = { KPI_TEST_WAREHOUSE: url };
    for (const args of [
      ['explain', 'leads_this_quarter', '--as-of', AS_OF, '--json'],
      ['forecast', 'leads_this_quarter', '--as-of', AS_OF, '--json'],
      ['check', '--format', 'json', '--as-of', AS_OF],
    ]) {
      const a = run(args, embedded);
      const b = run(args, inDb, env);
      assert.equal(b.code, a.code, `${args[0]}: ${b.err}`);
      assert.ok(a.out.length > 100, `${args[0]} printed ${a.out.slice(0, 100)}`);
      assert.deepEqual(differences(JSON.parse(a.out), JSON.parse(b.out)), [], args[0]);
    }
  });

  test('an import into the database is refused (usage, exit 2) and changes nothing', async () => {
    const csv = join(root, 'leads.csv');
    writeFileSync(csv, 'date,channel,campaign,market,impressions,clicks,spend,leads,conversions,revenue\n');
    const count = async () => {
      const pg = await openPostgres(url);
      try {
        return Number((await pg.query('SELECT count(*) AS n FROM paid_campaigns')).rows[0]?.['n']);
      } finally {
        await pg.close();
      }
    };
    const before = await count();
    const r = run(['import', 'paid_campaigns', csv], inDb, { KPI_TEST_WAREHOUSE: url });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /queries in place/);
    assert.equal(await count(), before);
  });

  test('the URL variable unset: exit 2, naming the variable and how to set it', () => {
    const env = { ...process.env };
    delete env['KPI_TEST_WAREHOUSE'];
    const r = spawnSync(process.execPath, [BIN, 'status', '--as-of', AS_OF], {
      cwd: inDb,
      encoding: 'utf8',
      env,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /KPI_TEST_WAREHOUSE is not set/);
    assert.match(r.stderr, /export KPI_TEST_WAREHOUSE=postgres:\/\//);
  });

  test('a database without a dataset table: exit 3, naming the dataset and what to do', async () => {
    const partial = await server.createDatabase('partial');
    const lp = openProject(embedded);
    const duck = await openDuckDb(join(embedded, '.kpi', 'kpi.duckdb'));
    const pg = await openPostgres(partial);
    try {
      await copyDatasetTables(duck, pg, lp.project, ['paid_campaigns']);
      await pg.exec('ALTER TABLE paid_campaigns DROP COLUMN leads');
    } finally {
      await duck.close();
      await pg.close();
    }
    const r = run(['status', '--as-of', AS_OF], inDb, { KPI_TEST_WAREHOUSE: partial });
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /dataset "web_sessions": the database has no table or view "web_sessions"/);
    assert.match(r.err, /dataset "paid_campaigns": the table has no column "leads"/);
    assert.doesNotMatch(r.err, /at .*\.js:\d+/); // no stack trace
  });
});
