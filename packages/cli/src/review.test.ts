// Reviews, history and retirement end to end through the real `kpi` process on the demo:
// a dated review with its author, the quarterly list review, the history of a KPI (the
// retirement's YAML change and the review, newest first), and a retired KPI leaving the
// scorecard and the checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
let root = '';
let demo = '';
const run = (args: string[], cwd = demo) => {
  const env = { ...process.env, NO_COLOR: '1', HOME: root, USER: 'tester', GIT_CONFIG_NOSYSTEM: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-review-'));
  demo = join(root, 'demo');
  assert.equal(run(['init', demo, '--demo', '--end-date', '2025-06-30'], root).code, 0);
});
after(() => rmSync(root, { recursive: true, force: true }));

interface Review {
  author: string;
  kpi: string | null;
  decision: string;
  note: string;
}

test('kpi review records a dated note with its author; --list reviews the KPI list', () => {
  const r = run([
    'review',
    'leads_this_quarter',
    '--decision',
    'keep',
    '--note',
    'still our north star',
    '--author',
    'Ana',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { review: Review & { at: string }; retired: boolean };
  assert.equal(out.review.author, 'Ana');
  assert.equal(out.review.decision, 'keep');
  assert.match(out.review.note, /^still our north star/);
  assert.match(out.review.at, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(out.retired, false);

  const list = run([
    'review',
    '--list',
    '--decision',
    'note',
    '--note',
    'Q3 review of the list',
    '--no-value',
  ]);
  assert.equal(list.code, 0, list.err);
  assert.match(
    list.out,
    /review recorded: note \(KPI list\) by tester/,
    'author from $USER when git has none',
  );

  const shown = JSON.parse(run(['review', 'leads_this_quarter', '--show', '--json']).out) as Review[];
  assert.deepEqual(
    shown.map((x) => [x.kpi, x.decision, x.author]),
    [['leads_this_quarter', 'keep', 'Ana']],
  );
  const all = JSON.parse(run(['reviews', '--json']).out) as Review[];
  assert.deepEqual(
    all.map((x) => x.kpi),
    [null, 'leads_this_quarter'],
    'newest first',
  );
  const listOnly = JSON.parse(run(['reviews', '--list-only', '--json']).out) as Review[];
  assert.deepEqual(
    listOnly.map((x) => x.note),
    ['Q3 review of the list'],
  );
});

test('usage errors: no decision, a KPI and --list together, an unknown KPI', () => {
  assert.equal(run(['review', 'leads_this_quarter', '--note', 'x']).code, 2);
  assert.equal(run(['review', 'leads_this_quarter', '--list', '--decision', 'keep', '--note', 'x']).code, 2);
  const bad = run(['review', 'leads_this_quarter', '--decision', 'maybe', '--note', 'x', '--no-value']);
  assert.notEqual(bad.code, 0);
  const missing = run(['review', 'nope', '--decision', 'keep', '--note', 'x']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /kpi\.not_found/);
  assert.equal(run(['history', 'nope']).code, 2);
});

test('retiring a KPI: written to its YAML, shown in its history, gone from status and check', () => {
  const before = run(['check', '--json', '--no-data', '--today', '2025-07-01']);
  assert.match(before.out, /lead_goal_followers/);
  const r = run([
    'review',
    'lead_goal_followers',
    '--decision',
    'retire',
    '--note',
    'vanity metric on a lead goal',
    '--author',
    'Ana',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /lead_goal_followers is retired/);
  const yaml = readFileSync(join(demo, 'definitions', 'goals.yaml'), 'utf8');
  assert.match(
    yaml,
    /lead_goal_followers:[\s\S]*?retired:\n\s+date: "?\d{4}-\d{2}-\d{2}"?\n\s+reason: vanity metric on a lead goal/,
  );

  const h = run(['history', 'lead_goal_followers', '--json']);
  assert.equal(h.code, 0, h.err);
  const entries = (
    JSON.parse(h.out) as { entries: { kind: string; who: string; fields?: string[]; decision?: string }[] }
  ).entries;
  assert.deepEqual(
    entries.map((e) => [e.kind, e.who, e.kind === 'change' ? e.fields?.join() : e.decision]),
    [
      ['review', 'Ana', 'retire'],
      ['change', 'Ana', 'retired'],
    ],
  );
  const text = run(['history', 'lead_goal_followers']);
  assert.match(text.out, /review retire by Ana: vanity metric on a lead goal/);
  assert.match(
    text.out,
    /changed by Ana: retired in review: vanity metric on a lead goal \(definitions\/goals\.yaml\)\n\s+retired: — -> \{"date"/,
  );

  const after = run(['check', '--json', '--no-data', '--today', '2025-07-01']);
  assert.doesNotMatch(after.out, /lead_goal_followers/);
  const status = run(['status', '--as-of', '2025-06-29', '--json']);
  assert.equal(status.code, 0, status.err);
  assert.doesNotMatch(status.out, /"kpi": "lead_goal_followers"/);
  assert.match(before.out + status.out, /leads_this_quarter/);
});
