// Pure helpers: CSV head parsing, delimiter sniffing, header mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsBetter, parseRecords, scoreDelimiter, sniffDelimiter } from './csv-sniff.js';
import { mapHeaders } from './header-map.js';
import { adsDataset } from '../test/import-fixtures.js';

test('parseRecords: quotes, doubled quotes, CRLF, blank lines, partial last record', () => {
  const text = 'a,b\r\n"x, ""y""","1\n2"\r\n\r\nlast,rec';
  assert.deepEqual(parseRecords(text, ',', '"', 10, true), [
    ['a', 'b'],
    ['x, "y"', '1\n2'],
    ['last', 'rec'],
  ]);
  assert.deepEqual(parseRecords(text, ',', '"', 10, false), [
    ['a', 'b'],
    ['x, "y"', '1\n2'],
  ]);
});

test('sniffDelimiter prefers the delimiter that maps the header and splits consistently', () => {
  const count = (h: readonly string[]) => mapHeaders(h, adsDataset).mapped.length;
  const text = 'Day;Campaign name;Cost\n2025-01-01;a,b;1,5\n2025-01-02;c;2\n';
  assert.equal(sniffDelimiter(text, '"', true, count)[0]?.delimiter, ';');
  const comma = scoreDelimiter(text, ',', '"', true, count);
  const semi = scoreDelimiter(text, ';', '"', true, count);
  assert.equal(fitsBetter(semi, comma), true);
  assert.equal(fitsBetter(comma, semi), false);
});

test('mapHeaders: case, spaces, source lists; first match wins; required and optional missing', () => {
  const m = mapHeaders(['COST', 'day', 'Date', 'x'], adsDataset);
  assert.deepEqual(
    m.mapped.map((c) => [c.column, c.index]),
    [
      ['date', 1],
      ['spend', 0],
    ],
  );
  assert.deepEqual(m.missingRequired, ['campaign']);
  assert.deepEqual(m.ignored, ['Date', 'x']);
  const loose = mapHeaders(['Day', 'Campaign-Name'], adsDataset);
  assert.deepEqual(loose.missingRequired, []);
});
