// SARIF output validated against the official SARIF 2.1.0 JSON Schema (shipped in
// @microsoft/sarif-multitool-linux) by an independent validator (ajv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ALL_RULES, runRules, toSarif } from './index.js';
import { LEAD_GOAL, project } from '../test/rule-fixtures.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');

test('check findings as SARIF 2.1.0 validate against the official schema', () => {
  const p = project(LEAD_GOAL, `  a: { metric: followers, goal: leads_q1 }\n`);
  const report = runRules(ALL_RULES, { project: p, today: '2026-02-15', facts: {} });
  assert.ok(report.findings.length >= 3);
  const sarif = toSarif(report, ALL_RULES, '0.1.0');
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const results =
    (sarif['runs'] as { results: { ruleId: string; locations?: unknown[] }[] }[])[0]?.results ?? [];
  assert.equal(results.length, report.findings.length);
  assert.ok(results.every((r) => ALL_RULES.some((rule) => rule.id === r.ruleId)));
  // Damaging the document must make the validator fail: the check is not vacuous.
  assert.equal(validate({ ...sarif, version: '2.0.0' }), false);
});
