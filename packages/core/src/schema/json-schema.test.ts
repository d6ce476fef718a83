// The emitted JSON Schema, checked by an independent validator (ajv) against project
// files, and against the committed copy in schema/kpi.schema.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { projectJsonSchema } from './json-schema.js';

const schema = projectJsonSchema();
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

const MAIN = `version: 1
project: { name: T, timezone: UTC }
datasets:
  ads:
    time: date
    key: [date]
    columns: { date: { type: date }, clicks: { type: integer } }
metrics:
  clicks: { kind: simple, dataset: ads, agg: sum, column: clicks }
goals:
  g: { title: G, period: { start: 2025-01-01, end: 2025-03-31 } }
kpis:
  k: { metric: clicks, goal: g, target: { kind: cumulative, value: 10 } }
`;

test('a valid kpi.yaml and a part file pass the JSON Schema', () => {
  assert.ok(validate(parse(MAIN)), JSON.stringify(validate.errors));
  assert.ok(validate(parse('metrics:\n  x: { kind: ratio, numerator: a, denominator: b }\n')), JSON.stringify(validate.errors));
});

test('the JSON Schema refuses what the loader refuses', () => {
  assert.equal(validate(parse(MAIN.replace('agg: sum', 'agg: total'))), false);
  assert.equal(validate(parse(MAIN.replace('kind: simple', 'kind: fancy'))), false);
  assert.equal(validate(parse(MAIN.replace('name: T', 'name: T, colour: red'))), false);
  assert.equal(validate(parse(MAIN.replace('  clicks: { kind', '  Bad-Name: { kind'))), false);
});

test('schema/kpi.schema.json is up to date (regenerate with npm run schema)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../../../schema/kpi.schema.json', import.meta.url), 'utf8')) as unknown;
  assert.deepEqual(committed, schema);
});
