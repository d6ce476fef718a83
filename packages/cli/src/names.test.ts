// Reserved names on the command line and in the YAML: `kpi validate` refuses a KPI whose
// metric is "constructor" (or a "__proto__" filter key) at its file:line with exit 1, and
// every command that looks a name up answers "constructor", "__proto__" and "toString"
// exactly as it answers any other unknown name (same exit code, same message).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const run = (args: string[], cwd: string) => runKpi(args, cwd, { NO_COLOR: '1' });

let root = '';
let dir = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-names-'));
  dir = join(root, 'p');
  assert.equal(run(['init', dir], root).code, 0);
  writeFileSync(join(dir, 's.csv'), 'Date,Source,Sessions,Conversions\n2026-01-05,google,100,3\n');
  assert.equal(run(['import', 'web_sessions', 's.csv'], dir).code, 0);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('kpi validate and reserved names', () => {
  const withYaml = (edit: (yaml: string) => string, fn: (lineOf: (s: string) => number) => void) => {
    const file = join(dir, 'kpi.yaml');
    const before = readFileSync(file, 'utf8');
    const text = edit(before);
    writeFileSync(file, text);
    try {
      fn((s) => text.split('\n').findIndex((l) => l.includes(s)) + 1);
    } finally {
      writeFileSync(file, before);
    }
  };

  test('a KPI whose metric is "constructor" fails with file:line (exit 1)', () => {
    withYaml(
      (y) => y.replace('    metric: conversion_rate\n', '    metric: constructor\n'),
      (lineOf) => {
        const r = run(['validate'], dir);
        assert.equal(r.code, 1, r.out + r.err);
        const line = lineOf('metric: constructor');
        assert.match(
          r.out + r.err,
          new RegExp(
            `kpi\\.yaml:${line}:\\d+ error schema\\.invalid_format: kpis\\.conversion_rate\\.metric: "constructor" is a reserved name`,
          ),
        );
        // The scorecard refuses to start from a broken project rather than answering wrongly.
        assert.notEqual(run(['status'], dir).code, 0);
      },
    );
    assert.equal(run(['validate'], dir).code, 0);
  });

  test('a KPI named "__proto__" and a "__proto__" filter key fail with file:line', () => {
    withYaml(
      (y) =>
        y.replace(
          'kpis:\n  conversion_rate:\n',
          'kpis:\n  __proto__:\n    metric: sessions\n    goal: grow_signups\n  conversion_rate:\n    filter:\n      __proto__: google\n',
        ),
      (lineOf) => {
        const r = run(['validate', '--json'], dir);
        assert.equal(r.code, 1, r.err);
        const issues = (
          JSON.parse(r.out) as { issues: { code: string; path: string[]; position: { line: number } }[] }
        ).issues;
        const named = issues.find((i) => i.path.join('.') === 'kpis.__proto__');
        assert.ok(named, JSON.stringify(issues));
        assert.equal(named.position.line, lineOf('  __proto__:'));
        const key = issues.find((i) => i.path.join('.') === 'kpis.conversion_rate.filter.__proto__');
        assert.ok(key, JSON.stringify(issues));
        assert.equal(key.code, 'schema.reserved_key');
        assert.equal(key.position.line, lineOf('      __proto__: google'));
      },
    );
  });

  test('a formula naming "toString" is an unknown metric', () => {
    withYaml(
      (y) => y.replace('metrics:\n', 'metrics:\n  twice:\n    kind: derived\n    expr: "toString * 2"\n'),
      (lineOf) => {
        const r = run(['validate'], dir);
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(
          r.out + r.err,
          new RegExp(
            `kpi\\.yaml:${lineOf('expr: "toString * 2"')}:\\d+ error metric\\.derived\\.unknown_metric`,
          ),
        );
      },
    );
  });
});

describe('looking a reserved name up on the command line', () => {
  // Each run is a process: "toString" only where a name is not checked for snake_case.
  const cases: readonly (readonly string[])[] = [
    ['query', '@'],
    ['query', 'sessions', '--where', '@=x'],
    ['query', 'sessions', '--dim', '@'],
    ['explain', '@'],
    ['forecast', '@'],
    ['history', '@'],
    ['import', '@', 's.csv'],
    ['review', '@', '--decision', 'keep', '--note', 'n'],
    ['review', '@', '--show'],
  ];
  for (const c of cases) {
    test(`kpi ${c.join(' ')}`, () => {
      const ask = (name: string) =>
        run(
          c.map((a) => a.replace('@', name)),
          dir,
        );
      const unknown = ask('no_such_name');
      assert.notEqual(unknown.code, 3, unknown.err);
      for (const name of ['constructor', '__proto__', ...(c[0] === 'explain' ? ['toString'] : [])]) {
        const r = ask(name);
        assert.equal(r.code, unknown.code, `${name}: ${r.err}`);
        assert.doesNotMatch(r.err, /internal error/);
        // The same words, naming the name (a name that is not snake_case may say so).
        if (/^[a-z_]+$/.test(name)) {
          assert.equal(r.err, unknown.err.replaceAll('no_such_name', name));
          assert.equal(r.out, unknown.out.replaceAll('no_such_name', name));
        } else if (unknown.err !== '') assert.match(r.err, new RegExp(`"${name}"`));
      }
    });
  }
});
