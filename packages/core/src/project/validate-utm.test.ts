// The utm: section through loadProject: a valid one loads with its defaults; every broken
// rule or reference is an error at its exact file:line, in kpi.yaml or a definitions file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from './load-project.js';
import { utmRulesOf } from '../schema/utm-schema.js';

const BASE = `version: 1
project: { name: T }
datasets:
  web: { time: day, key: [day, c], columns: { day: { type: date }, c: { type: string }, n: { type: integer } } }
  ads: { time: day, key: [day, c], columns: { day: { type: date }, c: { type: string }, cost: { type: number } } }
`;
const load = (extra: string) => loadProject([{ path: 'kpi.yaml', text: BASE + extra }]);
const lineOf = (extra: string, s: string): number =>
  (BASE + extra).split('\n').findIndex((l) => l.includes(s)) + 1;
const errors = (r: ReturnType<typeof load>) =>
  r.ok ? [] : r.issues.map((i) => [i.code, i.position?.file, i.position?.line]);

test('a valid section loads; its rules get the defaults', () => {
  const r = load(`utm:
  sources: [google, meta]
  separator: _
  sessions: { dataset: web, campaign: c, sessions: n }
  paid:
    - { dataset: ads, campaign: c, spend: cost }
`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  assert.deepEqual(utmRulesOf(r.value.utm), {
    sources: ['google', 'meta'],
    mediums: [],
    lowercase: true,
    allowSpaces: false,
    separator: '_',
    required: ['utm_source', 'utm_medium', 'utm_campaign'],
  });
  assert.deepEqual(utmRulesOf(undefined).required, ['utm_source', 'utm_medium', 'utm_campaign']);
});

test('broken rules and references are errors at their line', () => {
  const extra = `utm:
  sources:
    - google
    - Meta Ads
    - google
  mediums: [cpc]
  sessions:
    dataset: web
    campaign: nope
    sessions: c
  paid:
    - dataset: ads
      campaign: c
      spend: c
    - dataset: missing
      campaign: c
      spend: cost
`;
  const r = load(extra);
  assert.deepEqual(errors(r), [
    ['utm.rule_spaces', 'kpi.yaml', lineOf(extra, '- Meta Ads')],
    ['utm.rule_case', 'kpi.yaml', lineOf(extra, '- Meta Ads')],
    ['utm.rule_duplicate', 'kpi.yaml', lineOf(extra, '    - google') + 2],
    ['utm.column_unknown', 'kpi.yaml', lineOf(extra, 'campaign: nope')],
    ['utm.column_type', 'kpi.yaml', lineOf(extra, 'sessions: c')],
    ['utm.column_type', 'kpi.yaml', lineOf(extra, 'spend: c')],
    ['utm.dataset_unknown', 'kpi.yaml', lineOf(extra, 'dataset: missing')],
  ]);
  const hint = !r.ok ? r.issues.find((i) => i.code === 'utm.column_unknown')?.hint : '';
  assert.equal(hint, 'columns: day, c, n');
});

test('schema errors (a parameter GA4 does not have, a separator, an unknown field) point at their line', () => {
  const extra = `utm:
  required: [utm_source, utm_campain]
  separator: "/"
  lowercas: true
`;
  const r = load(extra);
  assert.deepEqual(
    errors(r).sort((a, b) => Number(a[2]) - Number(b[2])),
    [
      ['schema.invalid_value', 'kpi.yaml', lineOf(extra, 'utm_campain')],
      ['schema.invalid_value', 'kpi.yaml', lineOf(extra, 'separator')],
      ['schema.unrecognized_keys', 'kpi.yaml', lineOf(extra, 'lowercas')],
    ],
  );
});

test('the section may live in a definitions file, once per project', () => {
  const part = `utm:
  mediums: [cpc, Email]
`;
  const r = loadProject([
    { path: 'kpi.yaml', text: BASE },
    { path: 'definitions/utm.yaml', text: part },
  ]);
  assert.deepEqual(errors(r), [['utm.rule_case', 'definitions/utm.yaml', 2]]);
  const twice = loadProject([
    { path: 'kpi.yaml', text: BASE + 'utm: { mediums: [cpc] }\n' },
    { path: 'definitions/utm.yaml', text: 'utm: { sources: [google] }\n' },
  ]);
  assert.deepEqual(errors(twice), [['project.duplicate_name', 'definitions/utm.yaml', 1]]);
});
