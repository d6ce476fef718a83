// The structural limits through the real `kpi` process on a real project and DuckDB
// store: a 30,000-level NDJSON file is refused by `kpi import` (exit 1, the limit and
// its place named, the store unchanged, no upload folder left), the import start sweeps
// a dead process's upload folder, and an alias bomb makes `kpi validate` exit 1 naming
// the file and the limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '@kpi/engines';
import { runKpi } from '../test/run-kpi.js';

let root = '';
let dir = '';
let tmp = '';
const run = (args: string[]) => runKpi(args, dir, { NO_COLOR: '1', TMPDIR: tmp });

const storedRows = async (): Promise<number> => {
  const engine = await openDuckDb(join(dir, '.kpi', 'kpi.duckdb'));
  try {
    return Number((await engine.query('SELECT count(*) AS n FROM web_sessions')).rows[0]?.['n']);
  } finally {
    await engine.close();
  }
};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-cli-limits-'));
  dir = join(root, 'p');
  tmp = join(root, 'tmp');
  mkdirSync(tmp);
  assert.equal(runKpi(['init', dir], root).code, 0);
  writeFileSync(
    join(dir, 'sessions.csv'),
    'Date,Source,Sessions\n2026-01-05,google,100\n2026-01-06,google,120\n',
  );
  const r = run(['import', 'web_sessions', 'sessions.csv']);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(root, { recursive: true, force: true }));

test('kpi import of a 30,000-level NDJSON file: exit 1 naming the limit, nothing stored, stale uploads swept', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
  const stale = `kpi-upload-${dead}-1-aaaaaa`;
  const live = `kpi-upload-${process.pid}-${Date.now()}-bbbbbb`;
  mkdirSync(join(tmp, stale));
  mkdirSync(join(tmp, live));
  writeFileSync(
    join(dir, 'deep.ndjson'),
    `{"date": ${'['.repeat(30_000)}${']'.repeat(30_000)}, "source": "x", "sessions": 1}\n`,
  );
  for (const extra of [['--dry-run'], []]) {
    const r = run(['import', 'web_sessions', 'deep.ndjson', ...extra]);
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      /deep\.ndjson:1:73 error limit\.json_depth: .*deep\.ndjson, line 1, column 73: the data nests deeper than 64 levels; nothing was imported/,
    );
    assert.match(
      r.err,
      /hint: flatten the nested values, or raise project\.limits\.json_depth in kpi\.yaml \(at most 1,000\)/,
    );
  }
  assert.equal(await storedRows(), 2);
  // The dead process's folder is gone; the one of a running process (this one) stays.
  assert.deepEqual(readdirSync(tmp), [live]);
});

test('kpi import of a CSV with 100,000 columns says how many and what the limit is', async () => {
  const names = ['Date', 'Source', 'Sessions', ...Array.from({ length: 99_997 }, (_, i) => `c${i}`)];
  writeFileSync(join(dir, 'wide.csv'), `${names.join(',')}\n2026-01-07,a,1\n`);
  const r = run(['import', 'web_sessions', 'wide.csv']);
  assert.equal(r.code, 1, r.err);
  assert.match(
    r.err,
    /limit\.csv_columns: .*wide\.csv, line 1, column 1: the header has 100,000 columns \(separated by comma \(,\)\); the limit is 4,096/,
  );
  assert.equal(await storedRows(), 2);
});

test('kpi validate on an alias bomb: exit 1, the file and the limit named', () => {
  mkdirSync(join(dir, 'definitions'), { recursive: true });
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const bomb =
    'annotations:\n' +
    `  - { date: 2026-01-01, title: x, scope: { s: &a [x, x, x, x, x, x, x, x, x] } }\n` +
    levels
      .slice(1)
      .map(
        (l, i) =>
          `  - { date: 2026-01-01, title: ${l}, scope: &${l} [${Array(9).fill(`*${levels[i]}`).join(', ')}] }\n`,
      )
      .join('');
  writeFileSync(join(dir, 'definitions', 'bomb.yaml'), bomb);
  try {
    const r = run(['validate']);
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      /^definitions\/bomb\.yaml:1:1 error limit\.yaml_aliases: definitions\/bomb\.yaml: its aliases \(\*name\) expand beyond the limit of 100 alias expansions/m,
    );
    assert.match(r.err, /raise project\.limits\.yaml_aliases in kpi\.yaml/);
    assert.doesNotMatch(r.err, /internal error|a bug in kpi/);
  } finally {
    rmSync(join(dir, 'definitions', 'bomb.yaml'));
  }
  assert.equal(run(['validate']).code, 0);
});
