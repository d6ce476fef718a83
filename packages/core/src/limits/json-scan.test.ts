// The JSON scanner against inputs whose depth, key counts and value lengths are known by
// construction, fed whole and in 1-byte chunks (a chunk boundary must not change a verdict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INPUT_LIMITS, inputLimits } from './input-limits.js';
import { jsonScanner, type JsonScanOptions, type LimitViolation } from './json-scan.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

const scan = (text: string, o: Partial<JsonScanOptions> = {}, chunk = 0): LimitViolation | undefined => {
  const s = jsonScanner({ limits: DEFAULT_INPUT_LIMITS, format: 'ndjson', ...o });
  const all = bytes(text);
  const step = chunk || all.length || 1;
  for (let i = 0; i < all.length; i += step) {
    const v = s.feed(all.subarray(i, i + step));
    if (v) return v;
  }
  return s.end();
};

const both = (text: string, o: Partial<JsonScanOptions> = {}): LimitViolation | undefined => {
  const whole = scan(text, o);
  assert.deepEqual(scan(text, o, 1), whole, 'byte-by-byte gives the same verdict');
  return whole;
};

test('30,000 levels of nesting stop at level 65, on line 2 at the 65th bracket', () => {
  const deep = `{"date":"2026-01-01"}\n{"date": ${'['.repeat(30_000)}${']'.repeat(30_000)}}\n`;
  const v = both(deep);
  // the object is level 1, so the 64th "[" is level 65; it sits at byte 9 + 64 of line 2.
  assert.deepEqual(
    { limit: v?.limit, value: v?.value, max: v?.max, line: v?.line, column: v?.column },
    { limit: 'json_depth', value: 65, max: 64, line: 2, column: 9 + 64 },
  );
});

test('nesting exactly at the limit passes; brackets inside strings do not count', () => {
  assert.equal(both(`{"a":${'['.repeat(63)}${']'.repeat(63)}}`), undefined);
  assert.equal(both(`{"a":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`), undefined);
  const raised = inputLimits({ json_depth: 200 });
  assert.equal(both(`{"a":${'['.repeat(150)}${']'.repeat(150)}}`, { limits: raised }), undefined);
});

test('keys per object are counted per object, not per file', () => {
  const obj = (n: number): string => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const limits = inputLimits({ json_keys: 10 });
  assert.equal(both(`${obj(10)}\n${obj(10)}\n${obj(10)}`, { limits }), undefined);
  const v = both(`${obj(10)}\n${obj(11)}`, { limits });
  assert.deepEqual([v?.limit, v?.value, v?.line], ['json_keys', 11, 2]);
  // a colon inside a string is not a key
  assert.equal(both(`{"a":"1:2:3:4:5:6:7:8:9:10:11:12"}`, { limits }), undefined);
});

test('long strings and long numbers are refused past field_bytes; escapes do not end a string', () => {
  const limits = inputLimits({ field_bytes: 8 });
  assert.equal(both(`{"a":"12345678","b":12345678}`, { limits }), undefined);
  const s = both(`{"a":"123456789"}`, { limits });
  assert.deepEqual([s?.limit, s?.value, s?.column], ['field_bytes', 9, 15]);
  const n = both(`{"a":123456789}`, { limits });
  assert.deepEqual([n?.limit, n?.value], ['field_bytes', 9]);
  const e = both(`{"a":"\\"\\"\\"\\"\\""}`, { limits });
  assert.deepEqual([e?.limit, e?.value], ['field_bytes', 9], 'five escaped quotes are ten bytes');
});

test('flat rows: a JSON array of objects of plain values passes, anything else names the row', () => {
  const o = { format: 'json' as const, flatRows: true };
  assert.equal(both(`[{"a":1,"b":"x","c":null,"d":true}, {"a":2}]`, o), undefined);
  assert.equal(both(`{"a":1}`, o)?.message, 'the body must be a JSON array of row objects');
  assert.equal(both(`"rows"`, o)?.message, 'the body must be a JSON array of row objects');
  assert.equal(both(`[{"a":1}, 2]`, o)?.message, 'row 2 is not a JSON object');
  assert.equal(both(`[{"a":1}, "x"]`, o)?.message, 'row 2 is not a JSON object');
  assert.equal(
    both(`[{"a":1}, {"a":[1]}]`, o)?.message,
    'row 2 has a value that is an array; values must be text, numbers, true/false or null',
  );
  const nd = both(`{"a":1}\n[1]\n`, { format: 'ndjson', flatRows: true });
  assert.deepEqual([nd?.message, nd?.line], ['the row on this line is not a JSON object', 2]);
});

test('without flat rows, nested values within the limits pass', () => {
  assert.equal(both(`[{"a":{"b":[1,2,{"c":3}]}}]`, { format: 'json' }), undefined);
  assert.equal(both(`[1,2,3]`, { format: 'json' }), undefined);
});

test('flat rows with a row cap: the row past the cap is refused where it starts', () => {
  const o = { format: 'json' as const, flatRows: true, maxRows: 3 };
  assert.equal(both('[{"a":1},{"a":2},{"a":3}]', o), undefined);
  const v = both('[{"a":1},\n{"a":2},\n{"a":3},\n{"a":4}]', o);
  assert.deepEqual(
    [v?.message, v?.line, v?.column],
    ['there are more than 3 rows; send at most 3 at a time', 4, 1],
  );
});
