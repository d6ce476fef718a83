// Fault suite: the CSV head sniffing under random bytes, delimiters, quotes, BOMs and
// CR/LF mixes. Properties: parseRecords reads back exactly the records an RFC 4180 writer
// wrote (any delimiter, CRLF or LF, quoted fields with delimiters, quotes and newlines);
// on arbitrary text it never throws and never returns more than it was asked for; the
// sniffer ranks every candidate; and the whole head of an import (readFileHead +
// planImport on a real file) either gives a plan or throws a KpiError, never anything
// else. No built-in prototype gains a key. Seed and counts: core/test/fuzz-settings.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isKpiError } from '@kpi/core';
import { openDuckDb, type Engine } from '@kpi/engines';
import { DELIMITERS, parseRecords, sniffDelimiter } from './csv-sniff.js';
import { readFileHead } from './file-head.js';
import { planImport } from './import-plan.js';
import { adsDataset } from '../test/import-fixtures.js';
import { assertNoPollution, fuzzRuns, prototypeKeys } from '../../core/test/fuzz-settings.js';

const delimiter = fc.constantFrom(...DELIMITERS);
const newline = fc.constantFrom('\n', '\r\n');
const fieldChars = fc.constantFrom(
  'a',
  'Z',
  '1',
  ' ',
  ',',
  ';',
  '\t',
  '|',
  '"',
  "'",
  '\n',
  '\r',
  'é',
  '💥',
  '\uFEFF',
);
const field = fc.oneof(
  fc.string({ unit: fieldChars, maxLength: 8 }),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('Day', 'Campaign name', 'Cost', 'clicks', '2026-01-05', '1,5', '"', '""'),
);

/** An RFC 4180 field: quoted when it holds the delimiter, a quote, CR, LF or starts empty-looking. */
const encode = (f: string, d: string): string =>
  f === '' || f.includes(d) || /["\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;

const records = fc
  .record({
    d: delimiter,
    nl: fc.array(newline, { minLength: 1, maxLength: 30 }),
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
    finalNewline: fc.boolean(),
  })
  // A record of one empty field is a blank line, which the reader skips by design.
  .map((r) => ({ ...r, rows: r.rows.filter((row) => !(row.length === 1 && row[0] === '')) }));

test('csv sniff: written records are read back exactly (delimiters, quotes, CRLF/LF mixes)', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(records, ({ d, nl, rows, finalNewline }) => {
      const text = rows
        .map(
          (row, i) =>
            row.map((f) => encode(f, d)).join(d) +
            (i < rows.length - 1 || finalNewline ? (nl[i % nl.length] ?? '\n') : ''),
        )
        .join('');
      assert.deepEqual(parseRecords(text, d, '"', 1000, true), rows);
      const few = parseRecords(text, d, '"', 3, true);
      assert.deepEqual(few, rows.slice(0, 3));
    }),
    fuzzRuns('csv-roundtrip', 15_000),
  );
  assertNoPollution(protoBefore);
});

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(',', ';', '\t', '|', '"', '\r', '\n', 'a', '1', ' ', '\uFEFF', '\u0000'),
    maxLength: 300,
  }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
);

test('csv sniff: any text is split without a throw; every delimiter is scored', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(
      anyText,
      fc.constantFrom('"', "'"),
      fc.boolean(),
      fc.nat({ max: 60 }),
      (text, quote, complete, max) => {
        const recs = parseRecords(text, ',', quote, max, complete);
        assert.ok(recs.length <= max);
        for (const r of recs) {
          assert.ok(r.length >= 1);
          for (const f of r) assert.equal(typeof f, 'string');
        }
        const scores = sniffDelimiter(text, quote, complete, (h) => h.filter((x) => x === 'Day').length);
        assert.deepEqual([...scores.map((s) => s.delimiter)].sort(), [...DELIMITERS].sort());
        for (const s of scores) assert.ok(s.headerFields >= 0 && s.mapped >= 0);
      },
    ),
    fuzzRuns('csv-any-text', 10_000),
  );
  assertNoPollution(protoBefore);
});

let dir = '';
let engine: Engine;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-csv-fuzz-'));
  engine = await openDuckDb(':memory:');
});
after(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
  fc
    .record({
      bom: fc.boolean(),
      d: delimiter,
      nl: newline,
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
      header: fc.subarray(['Day', 'Campaign name', 'Cost', 'clicks', 'active', 'note', 'extra']),
    })
    .map(({ bom, d, nl, rows, header }) =>
      Buffer.from(
        (bom ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map((f) => encode(f, d)).join(d)).join(nl),
      ),
    ),
);

test('csv head: readFileHead + planImport on a real file give a plan or a KpiError', async () => {
  const protoBefore = prototypeKeys();
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fileBytes, fc.option(delimiter, { nil: undefined }), async (bytes, given) => {
      const path = join(dir, `f${n++}.csv`);
      writeFileSync(path, bytes);
      try {
        const head = readFileHead(path, 'csv', 1024 * 1024);
        assert.ok(!head.text.startsWith('\uFEFF'), 'the BOM is removed');
        const plan = await planImport(
          engine,
          'ads',
          adsDataset,
          head,
          given === undefined ? {} : { delimiter: given },
        );
        assert.ok(plan.mapping.missingRequired.length === 0);
        assert.ok(plan.fields.length >= 1);
      } catch (e) {
        assert.ok(isKpiError(e), `not a KpiError: ${String(e)}`);
        assert.ok(e.message.length > 0);
      } finally {
        rmSync(path, { force: true });
      }
    }),
    fuzzRuns('csv-head-files', 6_000),
  );
  assertNoPollution(protoBefore);
});
