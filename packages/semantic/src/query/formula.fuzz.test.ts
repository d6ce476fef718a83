// Fault suite: the formula parser of derived metrics under random token streams and
// random valid formulas. Properties: parseExpression never throws and never hangs; a
// valid formula parses to exactly the tree it was printed from and compiles to SQL; an
// invalid one gives one problem with an offset inside the text; validating a project
// with the formula, and compiling a query of it, return Results (never a throw); no
// prototype gains a key. Seed and case counts: see core/test/fuzz-settings.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  expressionRefs,
  loadProject,
  metricSchema,
  parseExpression,
  validateProject,
  type Expr,
  type Project,
} from '@kpi/core';
import { compileMetricQuery } from '../compile-metric-query.js';
import { duckdbDialect } from '../dialects/duckdb-dialect.js';
import {
  assertNoPollution,
  fuzzRuns,
  isResultShaped,
  prototypeKeys,
} from '../../../core/test/fuzz-settings.js';

const YAML = `
version: 1
project: { name: fuzz, timezone: UTC }
datasets:
  ads:
    time: day
    key: [day, platform]
    dimensions: [platform]
    columns:
      day: {type: date}
      platform: {type: string}
      clicks: {type: integer}
      spend: {type: number}
metrics:
  clicks: {kind: simple, dataset: ads, agg: sum, column: clicks}
  spend: {kind: simple, dataset: ads, agg: sum, column: spend}
  cpc: {kind: ratio, numerator: spend, denominator: clicks, unit: currency}
`;
const loaded = loadProject([{ path: 'kpi.yaml', text: YAML }]);
assert.ok(loaded.ok);
const base: Project = loaded.value;
const NAMES = ['clicks', 'spend', 'cpc'] as const;

/** The project with one more metric `f` of formula `expr`. */
const withFormula = (expr: string): Project => ({
  ...base,
  metrics: { ...base.metrics, f: metricSchema.parse({ kind: 'derived', expr }) },
});

const space = fc.constantFrom('', '', ' ', '  ', '\t', '\n', '\r\n');

/** A formula and the tree it must parse to. */
type Printed = { readonly text: string; readonly expr: Expr };

const formula: fc.Arbitrary<Printed> = fc.letrec<{ node: Printed; atom: Printed }>((tie) => ({
  atom: fc.oneof(
    fc.record({ name: fc.constantFrom(...NAMES), s: space }).map(({ name, s }) => ({
      text: s + name,
      expr: { kind: 'ref', name, offset: -1 } as Expr,
    })),
    fc.oneof(fc.nat({ max: 1_000_000 }), fc.double({ min: 0, max: 1e12, noNaN: true })).map((n) => ({
      text: String(n),
      expr: { kind: 'num', value: Number(String(n)) } as Expr,
    })),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc
      .record({
        op: fc.constantFrom('+', '-', '*', '/'),
        left: tie('node'),
        right: tie('node'),
        s: space,
      })
      .map(({ op, left, right, s }) => ({
        // Fully parenthesised: the printed text fixes the tree whatever the precedence.
        text: `(${left.text}${s}${op}${s}${right.text})`,
        expr: { kind: 'bin', op, left: left.expr, right: right.expr } as Expr,
      })),
    tie('node').map((inner) => ({
      text: `-(${inner.text})`,
      expr: { kind: 'neg', arg: inner.expr } as Expr,
    })),
  ),
})).node;

/** The tree without offsets (they depend on the spacing). */
const shape = (e: Expr): unknown =>
  e.kind === 'ref'
    ? { ref: e.name }
    : e.kind === 'num'
      ? { num: e.value }
      : e.kind === 'neg'
        ? { neg: shape(e.arg) }
        : { op: e.op, l: shape(e.left), r: shape(e.right) };

const TOKENS = [
  ...NAMES,
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  'f',
  'x',
  'Clicks',
  '_',
  '0',
  '1',
  '42',
  '3.14',
  '.5',
  '1.',
  '1.2.3',
  '.',
  '1e3',
  '1e-3',
  '1e999',
  '1e308',
  '9'.repeat(400),
  '0x1f',
  'NaN',
  'Infinity',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  '((',
  '))',
  ' ',
  '\t',
  '\n',
  '%',
  '^',
  '**',
  ',',
  'sum(',
  "'",
  '"',
  ';',
  '--',
  'é',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '💥',
];

const tokenStream = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOKENS) }, fc.string({ maxLength: 3 })), {
    maxLength: 40,
  })
  .chain((parts) => fc.constant(parts.join('')));

/** What must hold for any formula text, valid or not. */
const checkAny = (text: string): void => {
  const r = parseExpression(text);
  if (r.ok) {
    for (const name of expressionRefs(r.expr)) assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
  } else {
    assert.equal(typeof r.error.message, 'string');
    assert.ok(r.error.message.length > 0);
    assert.ok(Number.isInteger(r.error.offset), `offset ${String(r.error.offset)}`);
    assert.ok(
      r.error.offset >= 0 && r.error.offset <= text.length,
      `offset ${r.error.offset} of ${text.length}`,
    );
  }
  if (text.length === 0) return; // the schema refuses an empty formula
  const project = withFormula(text);
  const issues = validateProject(project);
  assert.ok(Array.isArray(issues));
  const compiled = compileMetricQuery(project, { metrics: ['f'], grain: 'month' }, duckdbDialect);
  assert.ok(isResultShaped(compiled), JSON.stringify(compiled).slice(0, 300));
  if (!r.ok) {
    assert.ok(issues.some((i) => i.code === 'metric.derived.parse_error'));
    assert.equal(compiled.ok, false);
  }
};

test('formula parser: random token streams give a tree or one located problem, never a throw', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(tokenStream, (text) => checkAny(text)),
    fuzzRuns('formula-tokens', 40_000),
  );
  assertNoPollution(protoBefore);
});

test('formula parser: random valid formulas parse to their own tree, validate and compile', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(formula, ({ text, expr }) => {
      const r = parseExpression(text);
      assert.ok(r.ok, `${text}: ${!r.ok ? r.error.message : ''}`);
      assert.deepEqual(shape(r.expr), shape(expr));
      const project = withFormula(text);
      const errors = validateProject(project).filter((i) => i.severity === 'error');
      assert.deepEqual(errors, []);
      const compiled = compileMetricQuery(project, { metrics: ['f'], grain: 'month' }, duckdbDialect);
      assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.issues));
      assert.match(compiled.value.sql, /^(WITH|SELECT)\b/);
    }),
    fuzzRuns('formula-valid', 10_000),
  );
  assertNoPollution(protoBefore);
});

test('formula parser: deep nesting and long formulas are refused with a located problem', () => {
  for (const text of [
    '('.repeat(100_000) + 'clicks' + ')'.repeat(100_000),
    '-'.repeat(100_000) + 'clicks',
    Array.from({ length: 50_000 }, () => 'clicks').join('+'),
    '1e999 * clicks',
  ]) {
    const r = parseExpression(text);
    assert.equal(r.ok, false);
    checkAny(text);
  }
  const ok = parseExpression('('.repeat(60) + 'clicks' + ')'.repeat(60));
  assert.ok(ok.ok);
});
