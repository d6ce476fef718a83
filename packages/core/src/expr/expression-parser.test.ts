import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expressionRefs, parseExpression, type Expr } from './expression-parser.js';

/** An independent reading of the AST: fully parenthesised text. */
const show = (e: Expr): string =>
  e.kind === 'num'
    ? String(e.value)
    : e.kind === 'ref'
      ? e.name
      : e.kind === 'neg'
        ? `(-${show(e.arg)})`
        : `(${show(e.left)} ${e.op} ${show(e.right)})`;

const parsed = (src: string): string => {
  const r = parseExpression(src);
  assert.ok(r.ok, src);
  return show(r.expr);
};

test('precedence and associativity', () => {
  assert.equal(parsed('a + b * c'), '(a + (b * c))');
  assert.equal(parsed('(a + b) * c'), '((a + b) * c)');
  assert.equal(parsed('a - b - c'), '((a - b) - c)');
  assert.equal(parsed('a / b / 2'), '((a / b) / 2)');
  assert.equal(parsed('-a * 2.5e1'), '((-a) * 25)');
  assert.equal(parsed(' (revenue - spend) / spend '), '((revenue - spend) / spend)');
});

test('refs are listed once in order', () => {
  const r = parseExpression('(revenue - spend) / spend + revenue');
  assert.ok(r.ok);
  assert.deepEqual(expressionRefs(r.expr), ['revenue', 'spend']);
});

test('errors name the problem and the character offset', () => {
  const cases: [string, RegExp, number][] = [
    ['a +', /end of formula/, 3],
    ['a ) b', /unexpected "\)"/, 2],
    ['(a + b', /expected "\)"/, 6],
    ['a; drop table x', /unexpected character ";"/, 1],
    ['sqrt(a)', /functions are not supported/, 0],
    ['a b', /unexpected "b"/, 2],
    ["a + 'x'", /unexpected character "'"/, 4],
  ];
  for (const [src, re, offset] of cases) {
    const r = parseExpression(src);
    assert.equal(r.ok, false, src);
    if (!r.ok) {
      assert.match(r.error.message, re, src);
      assert.equal(r.error.offset, offset, src);
    }
  }
});
