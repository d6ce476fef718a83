// Lint of exported tags, each rule against a small export counted by hand: problems are
// reported once with their row counts and first rows; untagged traffic is skipped;
// spellings of one campaign are grouped, q1/q2 are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintUtmRecords, type UtmTagRecord } from './utm-lint.js';
import { DEFAULT_UTM_RULES, type UtmRules } from './utm-params.js';

const RULES: UtmRules = {
  ...DEFAULT_UTM_RULES,
  separator: '_',
  sources: ['google', 'meta', 'newsletter'],
  mediums: ['cpc', 'paid_social', 'email'],
};
const rec = (ref: string, count: number, s?: string, m?: string, c?: string): UtmTagRecord => ({
  refs: [ref],
  count,
  tags: { utm_source: s, utm_medium: m, utm_campaign: c } as UtmTagRecord['tags'],
});

const EXPORT: UtmTagRecord[] = [
  rec('row 2', 100, 'google', 'organic', '(not set)'), // untagged
  rec('row 3', 50, '(direct)', '(none)', '(not set)'), // untagged
  rec('row 4', 30, 'google', 'cpc', 'spring_sale'),
  rec('row 5', 4, 'Google', 'cpc', 'Spring_Sale'), // case x2
  rec('row 6', 3, 'google', 'cpc', 'spring-sale'), // separator
  rec('row 7', 2, 'meta', 'paid social', 'spring sale'), // spaces x2, medium unknown
  rec('row 8', 5, 'facebok', 'paid_social', 'sprng_sale'), // source unknown; near-duplicate
  rec('row 9', 6, 'newsletter', 'email', '(not set)'), // missing campaign
  rec('row 10', 1, 'newsletter', 'email', ''), // missing campaign
  rec('row 11', 7, 'meta', 'paid_social', 'q1_launch'),
  rec('row 12', 8, 'meta', 'paid_social', 'q2_launch'), // not a variant of q1
  rec('row 13', 2, 'Google', 'cpc', 'spring_sale'), // case again: same problem, counted
];

test('each rule fires once per value with the rows it covers and the first rows', () => {
  const r = lintUtmRecords(EXPORT, RULES);
  assert.equal(r.rows, 218);
  assert.equal(r.untaggedRows, 150);
  assert.equal(r.taggedRows, 68);
  const find = (code: string, value: string) => r.problems.find((p) => p.code === code && p.value === value);
  assert.deepEqual(
    { count: find('utm.value_case', 'Google')?.count, refs: find('utm.value_case', 'Google')?.firstRefs },
    { count: 6, refs: ['row 5', 'row 13'] },
  );
  assert.equal(find('utm.value_case', 'Spring_Sale')?.count, 4);
  assert.equal(find('utm.value_separator', 'spring-sale')?.count, 3);
  assert.equal(find('utm.value_spaces', 'paid social')?.count, 2);
  assert.equal(find('utm.value_spaces', 'spring sale')?.count, 2);
  assert.equal(find('utm.medium_unknown', 'paid social'), undefined, 'its fix paid_social is allowed');
  assert.match(find('utm.source_unknown', 'facebok')?.hint ?? '', /allowed: google, meta, newsletter/);
  const missing = r.problems.filter((p) => p.code === 'utm.param_missing');
  assert.deepEqual(
    missing.map((p) => [p.param, p.count, p.firstRefs]),
    [['utm_campaign', 7, ['row 9', 'row 10']]],
  );
  // Every problem is listed once.
  const keys = r.problems.map((p) => `${p.code}|${p.param}|${p.value}`);
  assert.equal(new Set(keys).size, keys.length);
});

test('spellings of one campaign are grouped (case, separators, spaces, one typo); digits keep campaigns apart', () => {
  const r = lintUtmRecords(EXPORT, RULES);
  const campaigns = r.variants.filter((g) => g.param === 'utm_campaign');
  assert.equal(campaigns.length, 1);
  assert.deepEqual(campaigns[0]?.spellings, [
    { value: 'spring_sale', count: 32 },
    { value: 'sprng_sale', count: 5 },
    { value: 'Spring_Sale', count: 4 },
    { value: 'spring-sale', count: 3 },
    { value: 'spring sale', count: 2 },
  ]);
  assert.equal(campaigns[0]?.suggested, 'spring_sale');
  const sources = r.variants.filter((g) => g.param === 'utm_source');
  assert.deepEqual(
    sources.map((g) => [g.suggested, g.spellings.length]),
    [['google', 2]],
  );
  const v = r.problems.find((p) => p.code === 'utm.campaign_variants');
  assert.equal(v?.count, 46);
  assert.match(v?.message ?? '', /spelled 5 ways/);
});

test('without rules for sources and mediums, with spaces allowed and no case rule, only missing tags and spellings remain (paid social / paid_social among them)', () => {
  const loose: UtmRules = { ...DEFAULT_UTM_RULES, lowercase: false, allowSpaces: true };
  const r = lintUtmRecords(EXPORT, loose);
  assert.deepEqual([...new Set(r.problems.map((p) => p.code))].sort(), [
    'utm.campaign_variants',
    'utm.medium_variants',
    'utm.param_missing',
    'utm.source_variants',
  ]);
});
