// The reads the web app's KPI pages need, over real HTTP: the KPI checks (filters, load
// warnings, cache dropped on change), the forecast band, target changes that need a
// reason, and the change history since a last visit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { checkProject, forecastKpi, openProject } from '@kpi/app';
import { call, projectFiles, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

/** 1-based line of the first line of kpi.yaml that is exactly `text` (after indentation). */
const lineOf = (dir: string, text: string): number =>
  readFileSync(join(dir, 'kpi.yaml'), 'utf8')
    .split('\n')
    .findIndex((l) => l.trim() === text) + 1;

/** Daily google rows from 2025-06-02 (a Monday) for `weeks` weeks: sessions 100 + week, conversions 3. */
const history = (weeks: number): string => {
  const lines = ['Date,Source,Sessions,Conversions'];
  for (let w = 0; w < weeks; w++)
    for (let d = 0; d < 7; d++) lines.push(`${addDays('2025-06-02', w * 7 + d)},google,${100 + w},3`);
  return `${lines.join('\n')}\n`;
};

describe('checks, forecast, reasons and history over HTTP', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('GET /api/checks: the KPI rules with file positions, counts, and the data rules', async () => {
    const r = await call(f, 'GET', '/api/checks?data=false', { token: f.tokens.viewer });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.withData, false);
    assert.match(r.body.today, /^\d{4}-\d{2}-\d{2}$/);
    const focus = r.body.findings.find((x: { code: string }) => x.code === 'goal.focus.too_few');
    // The starter goal has one KPI; the finding points at its entry in kpi.yaml.
    assert.deepEqual(
      [focus.rule, focus.severity, focus.goal, focus.position],
      [
        'goal.focus',
        'warning',
        'grow_signups',
        { file: 'kpi.yaml', line: lineOf(f.dir, 'grow_signups:'), column: 3 },
      ],
    );
    const bySeverity = (s: string) =>
      r.body.findings.filter((x: { severity: string }) => x.severity === s).length;
    assert.deepEqual(r.body.counts, {
      error: bySeverity('error'),
      warning: bySeverity('warning'),
      info: bySeverity('info'),
    });
    // With data: the same findings as the check use-case run directly (the `kpi check` route).
    const withData = await call(f, 'GET', '/api/checks', { token: f.tokens.viewer });
    assert.equal(withData.body.withData, true);
    const direct = await checkProject(openProject(f.dir));
    assert.deepEqual(
      withData.body.findings.map((x: { code: string; kpi?: string }) => `${x.code}:${x.kpi ?? ''}`).sort(),
      direct.report.findings.map((x) => `${x.code}:${x.kpi ?? ''}`).sort(),
    );
  });

  test('GET /api/checks narrowed to a KPI or a goal; unknown names are 404s', async () => {
    const all = (await call(f, 'GET', '/api/checks?data=false', { token: f.tokens.viewer })).body;
    const kpi = (
      await call(f, 'GET', '/api/checks?data=false&kpi=conversion_rate', { token: f.tokens.viewer })
    ).body;
    assert.deepEqual(
      kpi.findings,
      all.findings.filter((x: { kpi?: string }) => x.kpi === 'conversion_rate'),
    );
    const goal = (
      await call(f, 'GET', '/api/checks?data=false&goal=grow_signups', { token: f.tokens.viewer })
    ).body;
    assert.ok(goal.findings.length >= 2);
    assert.ok(goal.findings.every((x: { goal?: string }) => x.goal === 'grow_signups'));
    assert.equal(
      goal.counts.warning,
      goal.findings.filter((x: { severity: string }) => x.severity === 'warning').length,
    );
    assert.equal((await call(f, 'GET', '/api/checks?kpi=nope', { token: f.tokens.viewer })).status, 404);
    assert.equal((await call(f, 'GET', '/api/checks?data=maybe', { token: f.tokens.viewer })).status, 422);
  });

  test('load warnings are findings too, and an edit drops the cached checks', async () => {
    const before = (await call(f, 'GET', '/api/checks?data=false', { token: f.tokens.viewer })).body;
    assert.ok(!before.findings.some((x: { rule: string }) => x.rule === 'project.load'));
    const a = await call(f, 'POST', '/api/annotations', {
      token: f.tokens.editor,
      body: { date: '2026-01-07', title: 'Channel push', scope: { channel: 'tv' } },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const after = (await call(f, 'GET', '/api/checks?data=false', { token: f.tokens.viewer })).body;
    const load = after.findings.find((x: { rule: string }) => x.rule === 'project.load');
    assert.equal(load?.code, 'annotation.scope.unknown_dimension');
    assert.equal(load.severity, 'warning');
    assert.equal(load.position.file, 'kpi.yaml');
    assert.equal(after.counts.warning, before.counts.warning + 1);
  });

  test('PATCH a target without a reason: 422 edit.reason_required, nothing written', async () => {
    const files = projectFiles(f.dir);
    for (const body of [
      { target: { value: 0.05 } },
      { target: { value: 0.05 }, reason: '   ' },
      { baseline: { value: 0.02 } },
      { target: { deadline: '2026-03-15' }, owner: 'Ada Admin' },
    ]) {
      const r = await call(f, 'PATCH', '/api/kpis/conversion_rate', { token: f.tokens.editor, body });
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.equal(r.body.error.code, 'edit.reason_required');
      assert.deepEqual(r.body.error.details.issues[0].path, ['reason']);
      assert.ok(r.body.error.hint);
    }
    assert.equal(projectFiles(f.dir), files, 'a refused change writes nothing');
    // Other fields, or a target left as it is, need no reason.
    const owner = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.editor,
      body: { owner: 'Ada Admin', target: { value: 0.03 } },
    });
    assert.equal(owner.status, 200, JSON.stringify(owner.body));
    const ok = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.editor,
      body: { target: { value: 0.04 }, reason: 'agreed with sales' },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.value.target.value, 0.04);
    // null takes an optional target field back to its default (with a reason: the target moves).
    const set = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.editor,
      body: { target: { deadline: '2026-03-15', tolerance: 0.1 }, reason: 'a firm date' },
    });
    assert.deepEqual([set.body.value.target.deadline, set.body.value.target.tolerance], ['2026-03-15', 0.1]);
    const unset = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.editor,
      body: { target: { deadline: null, tolerance: null }, reason: 'back to the goal period' },
    });
    assert.equal(unset.status, 200, JSON.stringify(unset.body));
    assert.deepEqual(unset.body.value.target, { kind: 'reach', value: 0.04 });
    assert.doesNotMatch(readFileSync(join(f.dir, 'kpi.yaml'), 'utf8'), /deadline: ["']?2026-03-15/);
    // Removing what is not there moves nothing: no reason needed.
    const noop = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.editor,
      body: { target: { path: null }, owner: 'Ada Admin' },
    });
    assert.equal(noop.status, 200, JSON.stringify(noop.body));
  });

  test('GET /api/history?since=&limit=: only changes after the instant, newest first', async () => {
    const all = (await call(f, 'GET', '/api/history', { token: f.tokens.viewer })).body;
    assert.ok(all.length >= 3, JSON.stringify(all));
    const [newest, second] = all;
    const since = await call(f, 'GET', `/api/history?since=${encodeURIComponent(second.at)}`, {
      token: f.tokens.viewer,
    });
    assert.equal(since.status, 200, JSON.stringify(since.body));
    // Entries strictly after `second`: the newest only (unless two share the millisecond).
    assert.deepEqual(
      since.body.map((c: { id: number }) => c.id),
      all.filter((c: { at: string }) => c.at > second.at).map((c: { id: number }) => c.id),
    );
    assert.ok(since.body.some((c: { id: number }) => c.id === newest.id));
    // An offset is an instant too: the same moment written in +02:00.
    const t = new Date(Date.parse(second.at) + 2 * 3600_000).toISOString().slice(0, 23);
    const offset = await call(f, 'GET', `/api/history?since=${encodeURIComponent(`${t}+02:00`)}`, {
      token: f.tokens.viewer,
    });
    assert.deepEqual(offset.body, since.body);
    const limited = await call(f, 'GET', '/api/history?limit=1', { token: f.tokens.viewer });
    assert.deepEqual(
      limited.body.map((c: { id: number }) => c.id),
      [newest.id],
    );
    const future = await call(f, 'GET', '/api/history?since=2999-01-01T00:00:00Z', {
      token: f.tokens.viewer,
    });
    assert.deepEqual(future.body, []);
    for (const bad of ['since=yesterday', 'since=2026-01-01', 'limit=0', 'limit=1001'])
      assert.equal(
        (await call(f, 'GET', `/api/history?${bad}`, { token: f.tokens.viewer })).status,
        422,
        bad,
      );
  });

  test('GET /api/kpis/{name}/forecast: the history and the band to the deadline', async () => {
    const imp = await call(f, 'POST', '/api/datasets/web_sessions/import?filename=history.csv', {
      token: f.tokens.editor,
      raw: history(30),
      type: 'text/csv',
    });
    assert.equal(imp.status, 201, JSON.stringify(imp.body));
    // 30 weeks from 2025-06-02: the last closed week starts 2025-12-22 (as of Sunday 2025-12-28).
    const asOf = '2025-12-28';
    const r = await call(f, 'GET', `/api/kpis/conversion_rate/forecast?asOf=${asOf}`, {
      token: f.tokens.viewer,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.kpi, r.body.metric, r.body.grain, r.body.asOf],
      ['conversion_rate', 'conversion_rate', 'week', asOf],
    );
    assert.equal(r.body.history.length, 30);
    // Week w: 21 conversions / 7 * (100 + w) sessions.
    r.body.history.forEach((p: { value: number }, w: number) =>
      assert.ok(Math.abs(p.value - 21 / (7 * (100 + w))) < 1e-12),
    );
    assert.deepEqual(r.body.history[0], {
      start: '2025-06-02',
      end: '2025-06-08',
      label: 'W23 2025',
      value: 21 / 700,
    });
    // The deadline is the goal's end (2026-03-31): weeks starting 2025-12-29 ... 2026-03-30.
    assert.equal(r.body.deadline, '2026-03-31');
    assert.equal(r.body.horizon, 14);
    assert.equal(r.body.points.length, 14);
    assert.deepEqual(
      [r.body.points[0].start, r.body.points[0].end, r.body.points[0].label],
      ['2025-12-29', '2026-01-04', 'W1 2026'],
    );
    assert.equal(r.body.points[13].start, '2026-03-30');
    // The band is the forecast use-case's (the `kpi forecast` route), point by point.
    const direct = await forecastKpi(openProject(f.dir), { kpi: 'conversion_rate', asOf, horizon: 14 });
    assert.equal(r.body.model, direct.forecast?.model);
    r.body.points.forEach((p: Record<string, number>, i: number) => {
      assert.equal(p['value'], direct.forecast?.mean[i]);
      assert.equal(p['low95'], direct.forecast?.low95[i]);
      assert.equal(p['high80'], direct.forecast?.high80[i]);
      assert.ok(p['low95']! <= p['low80']! && p['low80']! <= p['value']! && p['value']! <= p['high80']!);
    });
    const short = await call(f, 'GET', `/api/kpis/conversion_rate/forecast?asOf=${asOf}&horizon=3`, {
      token: f.tokens.viewer,
    });
    assert.equal(short.body.points.length, 3);
    // Three weeks of data: no band, and the note every surface gives (the scorecard's rule).
    const early = await call(f, 'GET', '/api/kpis/conversion_rate/forecast?asOf=2025-06-22', {
      token: f.tokens.viewer,
    });
    assert.equal(early.status, 200);
    assert.deepEqual([early.body.history.length, early.body.points, early.body.model], [3, [], undefined]);
    assert.match(early.body.note, /too little history \(21 days\)/);
    assert.equal((await call(f, 'GET', '/api/kpis/nope/forecast', { token: f.tokens.viewer })).status, 404);
    assert.equal(
      (await call(f, 'GET', '/api/kpis/conversion_rate/forecast?horizon=0', { token: f.tokens.viewer }))
        .status,
      422,
    );
  });
});
