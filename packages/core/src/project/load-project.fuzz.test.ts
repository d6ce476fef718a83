// Fault suite: the YAML project loader under random and mutated documents — random
// values and nesting, odd keys (`__proto__`, `constructor`), huge numbers, tabs, anchors,
// aliases and merge keys, and byte-level mutations of a valid project. Properties:
// loadProject never throws, always answers a Result (every issue with a dotted code and a
// position inside the file when it has one), and no built-in prototype gains a key. Seed
// and case counts: see core/test/fuzz-settings.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadProject } from './load-project.js';
import type { SourceFile } from './load-project.js';
import { assertNoPollution, fuzzRuns, isResultShaped, prototypeKeys } from '../../test/fuzz-settings.js';

const MAIN = `version: 1
project:
  name: Fuzz
  timezone: Europe/Berlin
datasets:
  ads:
    time: date
    key: [date, campaign]
    dimensions: [channel, campaign]
    columns:
      date: { type: date }
      channel: { type: string }
      campaign: { type: string }
      clicks: { type: integer }
      impressions: { type: integer }
metrics:
  clicks: { kind: simple, dataset: ads, agg: sum, column: clicks }
  impressions: { kind: simple, dataset: ads, agg: sum, column: impressions }
  ctr: { kind: ratio, numerator: clicks, denominator: impressions, unit: percent }
  per_k: { kind: derived, expr: "clicks * 1000 / impressions" }
goals:
  grow:
    title: Grow clicks
    owner: ada@example.com
    period: { start: 2026-01-01, end: 2026-03-31 }
kpis:
  clicks_q1:
    metric: clicks
    goal: grow
    target: { kind: cumulative, value: 5000, deadline: 2026-03-31 }
annotations:
  - { date: 2026-02-01, title: Launch }
`;

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '<<',
  '',
  ' ',
  '\t',
  'é',
  '💥',
  'ads',
  'clicks',
  'kind',
  'metric',
  'metrics',
  'datasets',
  'kpis',
  'goals',
];
const HUGE = [
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  5e-324,
  -0,
  Number('123456789012345678901234567890'),
  0.1 + 0.2,
];

const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ODD_KEYS) }, fc.string({ maxLength: 8 }));
const scalar = fc.oneof(
  fc.constantFrom(...HUGE),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2026-01-01', '2026-02-30', 'sum', 'ratio', 'derived', 'clicks', '\t', 'yes', '~'),
);
/** Random YAML values: moderate nesting (the deep-nesting limit is tested on its own). */
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 5 }),
  ),
})).v;

/** A valid project's sections with some values replaced by random ones. */
const sectionDoc = fc
  .record({
    section: fc.constantFrom(
      'version',
      'project',
      'datasets',
      'metrics',
      'goals',
      'kpis',
      'annotations',
      '__proto__',
    ),
    name: key,
    v: value,
  })
  .map(({ section, name, v }) => ({ section, doc: { [section]: { [name]: v } } }));

const MUTATIONS = [
  '\t',
  ' ',
  '\n',
  ':',
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: *a',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  '!!str ',
  '!!binary ',
  '!!js/function ',
  '%YAML 1.2\n---\n',
  '---\n',
  '...\n',
  '? ',
  '|',
  '>',
  ',',
  '\r',
  '\uFEFF',
  '\u0000',
  '__proto__: {x: 1}\n',
  'constructor: 1\n',
  '1e999',
  '0x7fffffffffffffff',
];

const mutated = fc
  .array(
    fc.record({
      at: fc.nat({ max: MAIN.length }),
      cut: fc.nat({ max: 6 }),
      add: fc.oneof(fc.constantFrom(...MUTATIONS), fc.string({ maxLength: 4 })),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) =>
    edits.reduce((text, e) => {
      const at = Math.min(e.at, text.length);
      return text.slice(0, at) + e.add + text.slice(at + e.cut);
    }, MAIN),
  );

const anchored = fc
  .record({ v: value, name: key, times: fc.integer({ min: 1, max: 8 }), merge: fc.boolean() })
  .map(({ v, name, times, merge }) => {
    const body = stringify({ v }, { indent: 2 }).replace(/^v:/, 'base: &a');
    const refs = Array.from({ length: times }, (_, i) =>
      merge ? `m${i}:\n  <<: *a\n  ${JSON.stringify(name)}: 1` : `r${i}: *a`,
    ).join('\n');
    return `${MAIN}x_anchor:\n${body.replace(/^/gm, '  ')}\n${refs.replace(/^/gm, '  ')}\n`;
  });

const checkLoad = (files: readonly SourceFile[]): void => {
  const r = loadProject(files);
  assert.ok(isResultShaped(r), JSON.stringify(r).slice(0, 400));
  const issues = r.ok ? (r.warnings ?? []) : r.issues;
  for (const i of issues) {
    if (!i.position) continue;
    const file = files.find((f) => f.path === i.position?.file);
    assert.ok(file, `issue points at an unknown file: ${i.position.file}`);
    assert.ok(i.position.line >= 1 && i.position.column >= 1, JSON.stringify(i));
  }
  if (r.ok) {
    for (const section of ['datasets', 'metrics', 'goals', 'kpis'] as const)
      assert.equal(typeof r.value[section], 'object');
  }
};

const run = (name: string, base: number, arb: fc.Arbitrary<readonly SourceFile[]>): void => {
  const before = prototypeKeys();
  fc.assert(
    fc.property(arb, (files) => {
      checkLoad(files);
      assertNoPollution(before);
    }),
    fuzzRuns(name, base),
  );
};

test('yaml loader: random documents (odd keys, huge numbers, nesting) give a Result', () => {
  run(
    'yaml-random',
    4_000,
    fc
      .oneof(value, fc.dictionary(key, value, { maxKeys: 6 }))
      .map((v) => [{ path: 'kpi.yaml', text: stringify(v) }]),
  );
});

test('yaml loader: a valid project with one section replaced, and as a part file', () => {
  run(
    'yaml-sections',
    1_000,
    sectionDoc.map(({ doc }) => [
      { path: 'kpi.yaml', text: MAIN },
      { path: 'definitions/fuzz.yaml', text: stringify(doc) },
    ]),
  );
});

// An alias used as a key (`{ *asimple, ... }`) made yaml's toJS throw "Unresolved alias"
// out of loadProject (seed 20261203, case 871). The limits branch catches toJS errors in
// load-project.ts (its file); without that branch this property fails.
test('yaml loader: byte-level mutations of a valid project (tabs, anchors, flow marks)', () => {
  run(
    'yaml-mutated',
    3_000,
    mutated.map((text) => [{ path: 'kpi.yaml', text }]),
  );
});

test('yaml loader: anchors, aliases and merge keys give a Result', () => {
  run(
    'yaml-anchors',
    500,
    anchored.map((text) => [{ path: 'kpi.yaml', text }]),
  );
});

test('yaml loader: the base project itself loads (the mutations start from a valid file)', () => {
  const r = loadProject([{ path: 'kpi.yaml', text: MAIN }]);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
});
