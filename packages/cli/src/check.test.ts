// `kpi check` end to end on the demo: the planted weak KPIs are found with explanations,
// the exit code gates CI, and the SARIF file validates against the official schema.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeDemo, runKpi } from '../test/run-kpi.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

const run = runKpi;
let root = '';
let demo = '';
before(() => {
  ({ root, demo } = makeDemo('kpi-check-', '2025-06-30'));
});
after(() => rmSync(root, { recursive: true, force: true }));

interface JsonReport {
  errors: number;
  findings: {
    code: string;
    kpi?: string;
    goal?: string;
    message: string;
    position?: { file: string; line: number };
  }[];
  suppressed: { code: string; reason: string }[];
}

test('finds the planted weak KPIs, each explained, and exits 1', () => {
  const r = run(['check', '--json', '--as-of', '2025-06-30'], demo);
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out) as JsonReport;
  const has = (code: string, who: string) =>
    report.findings.find((f) => f.code === code && (f.kpi === who || f.goal === who));
  const vanity = has('kpi.vanity.promoted', 'lead_goal_followers');
  assert.ok(vanity, 'vanity KPI on the lead goal');
  assert.match(vanity.message, /20%/);
  assert.ok(has('goal.focus.too_many', 'nl_awareness'), 'goal with too many KPIs');
  const owner = has('kpi.accountability.missing', 'email_unsubscribe_rate');
  assert.ok(owner, 'KPI without an owner');
  assert.match(owner.message, /no owner/);
  assert.equal(owner.position?.file, 'definitions/goals.yaml');
  assert.ok(report.errors >= 1);
});

test('text output names file:line; a rule switched off in kpi.yaml keeps its reason', () => {
  const text = run(['check', '--as-of', '2025-06-30', '--no-data'], demo);
  assert.equal(text.code, 1);
  assert.match(text.out, /definitions\/goals\.yaml:\d+:\d+ warning goal\.focus\.too_many/);
  const yaml = readFileSync(join(demo, 'kpi.yaml'), 'utf8');
  writeFileSync(
    join(demo, 'kpi.yaml'),
    yaml.replace(
      /(\nproject:\n)/,
      '$1  checks:\n    goal.focus: { severity: "off", reason: "launch quarter, reviewed in July" }\n    kpi.accountability: warning\n',
    ),
  );
  const r = run(['check', '--json', '--as-of', '2025-06-30', '--no-data'], demo);
  const report = JSON.parse(r.out) as JsonReport;
  assert.equal(report.findings.filter((f) => f.code.startsWith('goal.focus')).length, 0);
  assert.ok(
    report.suppressed.some(
      (s) => s.code === 'goal.focus.too_many' && s.reason === 'launch quarter, reviewed in July',
    ),
  );
  assert.equal(report.errors, 0);
  assert.equal(r.code, 0, 'no errors left: exit 0');
  writeFileSync(join(demo, 'kpi.yaml'), yaml);
});

test('--format sarif writes a file that validates against SARIF 2.1.0', () => {
  const out = join(root, 'kpi.sarif');
  const r = run(['check', '--format', 'sarif', '--output', out, '--as-of', '2025-06-30'], demo);
  assert.equal(r.code, 1, r.err);
  const schemaPath = createRequire(import.meta.url).resolve(
    '@microsoft/sarif-multitool-linux/sarif-2.1.0.json',
  );
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
    JSON.parse(readFileSync(schemaPath, 'utf8')) as object,
  );
  const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: unknown[] }[] };
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.ok((sarif.runs[0]?.results.length ?? 0) > 5);
});

test('--as-of D is the last complete day (today D+1); the deprecated --today says so and agrees', () => {
  const asOf = run(['check', '--json', '--as-of', '2025-06-30', '--no-data'], demo);
  const today = run(['check', '--json', '--today', '2025-07-01', '--no-data'], demo);
  assert.equal(asOf.code, today.code);
  assert.equal((JSON.parse(asOf.out) as { today: string }).today, '2025-07-01');
  assert.deepEqual(JSON.parse(today.out), JSON.parse(asOf.out));
  assert.match(today.err, /--today is deprecated.*use --as-of 2025-06-30/);
  assert.doesNotMatch(asOf.err, /deprecated/);
  const both = run(['check', '--as-of', '2025-06-30', '--today', '2025-07-01'], demo);
  assert.equal(both.code, 2);
});
