// The CSV scanner against files whose column counts and field lengths are known by
// construction, fed whole and in 1-byte chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputLimits } from './input-limits.js';
import { csvScanner, type CsvScanOptions } from './csv-scan.js';
import type { LimitViolation } from './json-scan.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const run = (text: string, o: Partial<CsvScanOptions>, chunk: number) => {
  const s = csvScanner({ limits: inputLimits({}), delimiter: 0x2c, quote: 0x22, ...o });
  const all = enc(text);
  let v: LimitViolation | undefined;
  for (let i = 0; i < all.length && !v && !s.done(); i += chunk) v = s.feed(all.subarray(i, i + chunk));
  return { v: v ?? s.end(), header: s.headerFields() };
};

const scan = (text: string, o: Partial<CsvScanOptions> = {}) => {
  const whole = run(text, o, Math.max(1, enc(text).length));
  assert.deepEqual(run(text, o, 1), whole, 'byte-by-byte gives the same verdict');
  return whole;
};

test('a header of 100,000 columns is counted exactly and refused', () => {
  const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
  const { v } = scan(`${header}\n1,2\n`);
  assert.deepEqual([v?.limit, v?.value, v?.max, v?.line], ['csv_columns', 100_000, 4096, 1]);
  assert.equal(v?.message, 'the header has 100,000 columns; the limit is 4,096');
});

test('delimiters and line breaks inside quotes do not count; blank lines are not records', () => {
  const limits = inputLimits({ csv_columns: 3 });
  const ok = scan(`a,b,c\r\n"x,y,z,w","multi\nline, with ""quotes"", and commas",3\n\n\n1,2,3\n`, { limits });
  assert.deepEqual(ok, { v: undefined, header: 3 });
  const bad = scan(`a,b,c\n\n1,2,3\n"q\n",2,3,4\n`, { limits });
  assert.deepEqual([bad.v?.limit, bad.v?.value, bad.v?.line], ['csv_columns', 4, 4]);
});

test('a field longer than field_bytes is refused with its field number', () => {
  const limits = inputLimits({ field_bytes: 5 });
  assert.equal(scan(`a,b\n12345,"1""345"\n`, { limits }).v, undefined);
  const v = scan(`a,b\n1,123456\n`, { limits }).v;
  assert.deepEqual([v?.limit, v?.value, v?.line, v?.column], ['field_bytes', 6, 2, 8]);
  assert.equal(v?.message, 'field 2 is longer than 5 bytes');
});

test('a first-record scan stops after the header and reports its width', () => {
  const s = scan(`a;b;c;d\n1;2;3;4;5;6\n`, {
    delimiter: 0x3b,
    firstRecordOnly: true,
    limits: inputLimits({ csv_columns: 5 }),
  });
  assert.deepEqual(s, { v: undefined, header: 4 });
  assert.equal(scan('a,b,c', { firstRecordOnly: true }).header, 3, 'a header without a line end');
});
