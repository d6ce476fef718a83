// The member limit through the real `kpi` process on a real store: 700 campaigns, two
// weeks. `kpi explain --members 5` prints the 5 largest and one "others" row, `kpi status
// --json` keeps its default of 5, and in both the parts still sum exactly to the change;
// a campaign with a YAML label is shown by it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const root = mkdtempSync(join(tmpdir(), 'kpi-members-'));
const dir = join(root, 'p');
after(() => rmSync(root, { recursive: true, force: true }));

const YAML = `version: 1
project: { name: M, timezone: UTC }
datasets:
  ads:
    time: date
    key: [date, campaign]
    dimensions: [campaign]
    columns:
      date: { type: date }
      campaign: { type: string, label: Campaign, labels: { c21: Spring launch } }
      leads: { type: integer }
metrics:
  leads: { kind: simple, dataset: ads, agg: sum, column: leads }
goals:
  g: { title: More leads, period: { start: 2026-01-01, end: 2026-03-31 } }
kpis:
  leads_q1:
    metric: leads
    goal: g
    target: { kind: cumulative, value: 100000 }
    cadence: weekly
`;

// Campaign i (1..700): (i mod 7) + 1 leads in the week of 5 Jan, (i mod 11) + 1 in the week of 12 Jan.
const ids = Array.from({ length: 700 }, (_, k) => k + 1);
const before0 = (i: number) => (i % 7) + 1;
const now1 = (i: number) => (i % 11) + 1;
const change = ids.reduce((a, i) => a + now1(i) - before0(i), 0);

before(() => {
  const init = runKpi(['init', dir], root);
  assert.equal(init.code, 0, init.err);
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  const rows = ids.flatMap((i) => [`2026-01-07,c${i},${before0(i)}`, `2026-01-14,c${i},${now1(i)}`]);
  writeFileSync(join(dir, 'ads.csv'), ['date,campaign,leads', ...rows].join('\n') + '\n');
  const imp = runKpi(['import', 'ads', 'ads.csv'], dir);
  assert.equal(imp.code, 0, imp.err);
});

interface Dim {
  members: { member: string; label?: string; effect: number }[];
  others?: { count: number; effect: number };
  change: number;
}

test('kpi explain --members 5: five rows and the others, summing exactly to the change', () => {
  const json = runKpi(['explain', 'leads_q1', '--as-of', '2026-01-18', '--members', '5', '--json'], dir);
  assert.equal(json.code, 0, json.err);
  const c = (JSON.parse(json.out) as { reading: { cause: { dimensions: Dim[] } } }).reading.cause
    .dimensions[0];
  assert.ok(c);
  assert.equal(c.members.length, 5);
  assert.equal(c.others?.count, 695);
  assert.equal(c.change, change);
  assert.equal(c.members.reduce((a, m) => a + m.effect, 0) + (c.others?.effect ?? 0), change);
  // The largest effect is +10 (i mod 11 = 10, i mod 7 = 0: c21, c98, c175, ...), ties by name.
  assert.deepEqual(
    c.members.map((m) => m.member),
    ['c175', 'c21', 'c252', 'c329', 'c406'],
  );
  assert.equal(c.members[1]?.label, 'Spring launch');

  const text = runKpi(['explain', 'leads_q1', '--as-of', '2026-01-18', '--members', '5'], dir);
  assert.equal(text.code, 0, text.err);
  const lines = text.out.split('\n');
  const head = lines.findIndex((l) => /^\s+Campaign\s+now\s+before/.test(l));
  assert.ok(head > 0, text.out);
  const table = lines.slice(head, lines.indexOf('', head));
  assert.equal(table.length, 2 + 5 + 1, table.join('\n')); // header, rule, 5 members, others
  assert.match(table[3] ?? '', /^\s+Spring launch\s/);
  assert.match(table[7] ?? '', /^\s+\(695 others\)\s/);
  assert.ok(lines.length < 80, `${lines.length} lines`);
});

test('kpi status --json keeps 5 members per dimension by default', () => {
  const r = runKpi(['status', '--as-of', '2026-01-18', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  const k = (JSON.parse(r.out) as { goals: { kpis: { cause: { dimensions: Dim[] } }[] }[] }).goals[0]
    ?.kpis[0];
  const c = k?.cause.dimensions[0];
  assert.equal(c?.members.length, 5);
  assert.equal(c?.others?.count, 695);
  assert.equal((c?.members ?? []).reduce((a, m) => a + m.effect, 0) + (c?.others?.effect ?? 0), change);
  assert.ok(r.out.length < 20_000, `${r.out.length} bytes`);
});
