// Fault suite: the query command's argument parsing under random argument lists and
// random --where / --last texts. Properties: parse, parseWhere, parsePositiveInt and
// splitList return or throw a UsageError, nothing else; --where gives own keys only, each
// with a non-empty list of non-empty values; no built-in prototype gains a key.
// (`--where __proto__=x` and `--where constructor=x` threw a TypeError before.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isKpiError } from '@kpi/core';
import { parse, parsePositiveInt, parseWhere, splitList } from './args.js';
import { assertNoPollution, fuzzRuns, prototypeKeys } from '../../core/test/fuzz-settings.js';

const NAMES = ['channel', 'source', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''];
const piece = fc.oneof(
  fc.constantFrom(...NAMES, '=', ',', ' ', '==', ',,', 'a', 'meta_ads', 'é', '\u0000', '--', '-'),
  fc.string({ maxLength: 5 }),
);
const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const OPTIONS = {
  by: { type: 'string' },
  last: { type: 'string' },
  where: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;
const argv = fc.array(
  fc.oneof(
    fc.constantFrom('--by', '--last', '--where', '--json', '--json=1', '-p', '--', '-x', '--nope'),
    text,
  ),
  { maxLength: 8 },
);

const usageOnly = (fn: () => void): void => {
  try {
    fn();
  } catch (e) {
    assert.ok(isKpiError(e) && e.kind === 'usage', `not a UsageError: ${String(e)}`);
  }
};

test('cli args: random --where, --last and argument lists give values or a UsageError', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(fc.array(text, { maxLength: 4 }), text, argv, (wheres, last, args) => {
      usageOnly(() => {
        const where = parseWhere(wheres, 'usage');
        for (const [k, v] of Object.entries(where)) {
          assert.ok(Object.hasOwn(where, k));
          assert.ok(Array.isArray(v) && v.length > 0, `${k}: ${JSON.stringify(v)}`);
          for (const x of v) assert.ok(typeof x === 'string' && x.length > 0);
        }
        assert.equal(Object.keys(where).length, new Set(Object.keys(where)).size);
      });
      usageOnly(() => {
        const n = parsePositiveInt(last, '--last');
        assert.ok(n === undefined || (Number.isInteger(n) && n >= 1));
      });
      usageOnly(() => void parse(args, OPTIONS, 'usage'));
      for (const s of splitList(wheres)) assert.ok(s.length > 0 && s === s.trim());
      assertNoPollution(protoBefore);
    }),
    fuzzRuns('cli-query-args', 10_000),
  );
});

test('cli args: a dimension named like a prototype key is an own key, not a lookup', () => {
  const where = parseWhere(['__proto__=x', 'constructor=a,b', 'toString=c', 'constructor=d'], 'usage');
  assert.deepEqual(Object.keys(where).sort(), ['__proto__', 'constructor', 'toString']);
  assert.deepEqual(where['constructor'], ['a', 'b', 'd']);
  assert.equal(Object.getPrototypeOf(where), null, 'a record without a prototype');
  assert.throws(() => parseWhere(['channel=,'], 'usage'), /not dimension=value/);
});
