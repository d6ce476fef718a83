// The generated guide pages match the code: docs/yaml-reference.md lists every field of
// the schema (an example with each), docs/troubleshooting.md has an entry for every code
// raised in packages/*/src. `scripts/docs-generate.mjs --check` is the same generator the
// pages were written with; this test fails when a page is out of date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchmarkJsonSchema, projectJsonSchema } from '@kpi/core';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCRIPT = `${ROOT}scripts/docs-generate.mjs`;
const page = (p: string) => readFileSync(`${ROOT}${p}`, 'utf8');

test('the committed reference and troubleshooting pages are what the code says', () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr}\nrun: npm run docs`);
});

test('every field of the schema has a row with an example', () => {
  const ref = page('docs/yaml-reference.md');
  const main = projectJsonSchema()['anyOf'] as { properties: Record<string, unknown> }[];
  for (const key of Object.keys(main[0]?.properties ?? {}).filter((k) => k !== '$schema'))
    assert.match(ref, new RegExp(`^## \`${key}\``, 'm'), key);
  // Fields deep in the tree, walked independently of the generator.
  for (const path of [
    'datasets.<name>.time',
    'datasets.<name>.columns.<name>.format',
    'kpis.<name>.target.kind',
    'metrics.<name>.numerator',
    'benchmarks[].p75',
  ])
    assert.ok(ref.includes(`| \`${path}\``), path);
  const bench = benchmarkJsonSchema() as { properties: Record<string, unknown> };
  for (const key of Object.keys(bench.properties)) assert.ok(ref.includes(`| \`${key}\``), key);
  assert.match(ref, /time: none/);
  const rows = ref.split('\n').filter((l) => l.startsWith('| `'));
  for (const row of rows) {
    const cells = row.split(/(?<!\\)\|/);
    assert.ok((cells[5] ?? '').trim().length > 0, `no example: ${row}`);
  }
});

test('every code raised in the source has a troubleshooting entry', () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--check', '--codes'], { encoding: 'utf8' });
  const codes = JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as string[];
  assert.ok(codes.length > 100, `${codes.length} codes`);
  const doc = page('docs/troubleshooting.md');
  for (const c of codes) assert.ok(doc.includes(`### \`${c}\``), c);
  // Codes this branch added, found by an independent grep of their source files.
  for (const c of [
    'benchmark.metric.unknown',
    'benchmark.percentiles.order',
    'dataset.snapshot.column_taken',
  ])
    assert.ok(codes.includes(c), c);
});
