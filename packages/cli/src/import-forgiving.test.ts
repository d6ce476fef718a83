// `kpi import` and `kpi validate` on exports as marketers have them: the same problem on
// many rows printed once with its count and first lines; a header that matches nothing
// named before anything is loaded; a year-less column format refused with a hint.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

let dir = '';
const yaml = (format = '%d/%m/%Y') => `version: 1
project:
  name: Forgiving
  timezone: UTC
datasets:
  ads:
    time: day
    key: [day, campaign]
    dimensions: [campaign]
    columns:
      day: { type: date, source: Day, format: "${format}" }
      campaign: { type: string, source: Campaign }
      spend: { type: number, source: Cost }
metrics:
  spend: { kind: simple, dataset: ads, agg: sum, column: spend, unit: currency }
`;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-forgiving-'));
  writeFileSync(join(dir, 'kpi.yaml'), yaml());
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('30 rows with the same bad date: printed once, with the count and the first lines (exit 1)', () => {
  const lines = ['Day,Campaign,Cost', '01/01/2025,a,1'];
  for (let i = 0; i < 30; i++) lines.push(`2025.01.${String(i + 1).padStart(2, '0')},b${i},2`);
  writeFileSync(join(dir, 'bad.csv'), `${lines.join('\n')}\n`);
  const r = runKpi(['import', 'ads', 'bad.csv'], dir);
  assert.equal(r.code, 1, r.err);
  const dateLines = r.err.split('\n').filter((l) => l.includes('import.row.bad_date'));
  assert.equal(dateLines.length, 1, r.err);
  assert.match(dateLines[0] ?? '', /bad\.csv:3:1/);
  assert.match(dateLines[0] ?? '', /the same problem on 30 rows \(lines 3, 4, 5, 6, 7, …\)/);
  assert.match(r.err, /30 of 31 rows have problems/);
});

test('a header that matches no column is named before the load, with the column left empty', () => {
  writeFileSync(join(dir, 'renamed.csv'), 'Day,Campaign,Amount spent (EUR)\n01/01/2025,a,5\n');
  const r = runKpi(['import', 'ads', 'renamed.csv'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.err,
    /warning: this header matches no column of ads and will not be loaded: "Amount spent \(EUR\)"/,
  );
  assert.match(r.err, /columns of ads left empty: spend/);
  assert.match(r.err, /source: \["Amount spent \(EUR\)"\]/);
  const clean = runKpi(['import', 'ads', 'renamed.csv', '--dry-run'], dir);
  assert.match(clean.err, /warning/);
});

test('a column format without a year is refused by validate with a hint (exit 1)', () => {
  writeFileSync(join(dir, 'kpi.yaml'), yaml('%m'));
  try {
    const r = runKpi(['validate'], dir);
    assert.equal(r.code, 1, r.err + r.out);
    const text = r.out + r.err;
    assert.match(text, /dataset\.column\.format_without_year/);
    assert.match(text, /kpi\.yaml:\d+/);
    assert.match(text, /add %Y/);
  } finally {
    writeFileSync(join(dir, 'kpi.yaml'), yaml());
  }
});
