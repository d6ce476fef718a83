import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { toYaml, yamlScalar } from './yaml-writer.js';

test('yamlScalar quotes only what a plain scalar could misread', () => {
  assert.equal(yamlScalar('meta_ads'), 'meta_ads');
  assert.equal(yamlScalar('Keep customers happy'), 'Keep customers happy');
  assert.equal(yamlScalar('2025-06-30'), '"2025-06-30"');
  assert.equal(yamlScalar('true'), '"true"');
  assert.equal(yamlScalar('No'), '"No"');
  assert.equal(yamlScalar('Warehouse move: shipping delayed'), '"Warehouse move: shipping delayed"');
  assert.equal(yamlScalar('1,500 leads'), '"1,500 leads"');
  assert.equal(yamlScalar(0.25), '0.25');
  assert.equal(yamlScalar(false), 'false');
});

test('toYaml round-trips nested mappings, sequences and scalars', () => {
  const doc = {
    version: 1,
    project: { name: 'Northwind Coffee', currency: 'EUR' },
    key: ['date', 'channel'],
    empty: {},
    list: [],
    skipped: undefined,
    annotations: [
      { date: '2025-05-12', title: 'A "quoted" #title', scope: { channel: ['meta_ads', 'tiktok_ads'] } },
      { date: '2025-06-01', end: '2025-06-02', title: 'Second' },
    ],
    numbers: [1, 2.5, -3],
    mixed: ['a b', 'c: d', true, null],
    nested: [[1, 2], { a: 1 }],
  };
  const text = toYaml(doc, ['A comment', '']);
  assert.ok(text.startsWith('# A comment\n#\n'));
  const { skipped: _skipped, ...expected } = doc;
  assert.deepEqual(parse(text), expected);
});
