// Reading the head of an import file in the browser: CSV delimiters and quotes, JSON
// arrays and NDJSON (cut off mid-object), file kinds and safe names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstObjects, kindOf, parseCsv, readHead, safeFileName } from './file-head';

const none = () => 0;

test('CSV: quoted fields keep delimiters, doubled quotes and line breaks', () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",3\n';
  assert.deepEqual(parseCsv(text, ',', 10, true), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'two\nlines', '3'],
  ]);
});

test('CSV: a record cut off by the end of the head is dropped', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\n3,', ',', 10, false), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  assert.deepEqual(parseCsv('a,b\n1,2\n3,4', ',', 10, true), [
    ['a', 'b'],
    ['1', '2'],
    ['3', '4'],
  ]);
});

test('CSV: the delimiter is sniffed among , ; tab |', () => {
  for (const d of [',', ';', '\t', '|']) {
    const text = ['date', 'spend', 'note'].join(d) + '\n' + ['2026-01-01', '15', 'a b'].join(d) + '\n';
    const head = readHead(text, 'csv', true, none);
    assert.equal(head.delimiter, d, JSON.stringify(d));
    assert.deepEqual(head.headers, ['date', 'spend', 'note']);
    assert.deepEqual(head.rows, [['2026-01-01', '15', 'a b']]);
  }
});

test('CSV: headers that map onto the dataset decide between delimiters', () => {
  const text = 'date;spend,total\n2026-01-01;3,4\n';
  const known = (h: readonly string[]) => h.filter((x) => x === 'date' || x === 'spend,total').length;
  assert.equal(readHead(text, 'csv', true, known).delimiter, ';');
});

test('CSV: a BOM is removed and headers trimmed; short rows are padded', () => {
  const known = (h: readonly string[]) => h.filter((x) => x === 'date' || x === 'clicks').length;
  const head = readHead('\uFEFF date , clicks\n2026-01-01\n', 'csv', true, known);
  assert.deepEqual(head.headers, ['date', 'clicks']);
  assert.deepEqual(head.rows, [['2026-01-01', '']]);
});

test('JSON array: the keys of the first objects, in order of appearance; a cut-off object is dropped', () => {
  const text =
    '[{"date":"2026-01-01","clicks":3},{"date":"2026-01-02","note":"a } in \\"text\\"","x":{"y":1}},{"date":"2026-';
  const objs = firstObjects(text, 50);
  assert.equal(objs.length, 2);
  const head = readHead(text, 'json', false, none);
  assert.deepEqual(head.headers, ['date', 'clicks', 'note', 'x']);
  assert.deepEqual(head.rows, [
    ['2026-01-01', '3', '', ''],
    ['2026-01-02', '', 'a } in "text"', '{"y":1}'],
  ]);
});

test('NDJSON: one object per line', () => {
  const head = readHead('{"a":1}\n{"b":null}\n', 'ndjson', true, none);
  assert.deepEqual(head.headers, ['a', 'b']);
  assert.deepEqual(head.rows, [
    ['1', ''],
    ['', ''],
  ]);
});

test('file kinds by extension; a .json file of lines is NDJSON', () => {
  assert.deepEqual(kindOf('x.CSV'), { format: 'csv', contentType: 'text/csv' });
  assert.deepEqual(kindOf('x.tsv'), { format: 'csv', contentType: 'text/tab-separated-values' });
  assert.deepEqual(kindOf('x.jsonl'), { format: 'ndjson', contentType: 'application/x-ndjson' });
  assert.deepEqual(kindOf('x.json', '[{"a":1}]'), { format: 'json', contentType: 'application/json' });
  assert.deepEqual(kindOf('x.json', '{"a":1}\n{"a":2}'), {
    format: 'ndjson',
    contentType: 'application/x-ndjson',
  });
  assert.equal(kindOf('x.xlsx'), undefined);
});

test('safe file names: plain characters, no folders, no ".."', () => {
  assert.equal(safeFileName('paid campaigns (Nov).csv'), 'paid campaigns (Nov).csv');
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('C:\\data\\ä..b.csv'), 'b.csv');
  assert.equal(safeFileName('...'), 'upload');
  assert.match(safeFileName('x'.repeat(400)), /^x{200}$/);
});
