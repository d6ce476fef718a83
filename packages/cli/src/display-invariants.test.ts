// What a marketer reads, checked on the demo at 8 dates over four months (a fixed end
// date, so no dependence on today): every cause table keeps its member limit and still
// sums to the change, a driver is named by its label and never with a share above 100%,
// a young period's headline is a complete period with the current one "so far", and a
// percent KPI's change is said in percentage points.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Scorecard } from '@kpi/app';
import { makeDemo, runKpi } from '../test/run-kpi.js';

let root = '';
let demo = '';
before(() => ({ root, demo } = makeDemo('kpi-display-', '2026-11-21')));
after(() => rmSync(root, { recursive: true, force: true }));

// Mondays to Sundays, so young and well-advanced weeks (and months) both occur.
const DATES = [
  '2026-07-20',
  '2026-08-05',
  '2026-08-27',
  '2026-09-13',
  '2026-09-29',
  '2026-10-07',
  '2026-10-22',
  '2026-11-19',
];

test('readings at 8 dates: limits, sums, labels, young periods and percentage points hold', () => {
  let young = 0;
  let named = 0;
  for (const asOf of DATES) {
    const r = runKpi(['status', '--as-of', asOf, '--json'], demo);
    assert.equal(r.code, 0, r.err);
    const card = JSON.parse(r.out) as Scorecard;
    for (const k of card.goals.flatMap((g) => g.kpis)) {
      const at = `${k.kpi} as of ${asOf}`;
      for (const d of k.cause.dimensions) {
        assert.ok(d.members.length <= 5, `${at}: ${d.dimension} has ${d.members.length} members`);
        if (d.change === null) continue;
        const sum = d.members.reduce((a, m) => a + m.effect, 0) + (d.others?.effect ?? 0);
        assert.ok(Math.abs(sum - d.change) < 1e-9 * Math.max(1, Math.abs(d.change)), `${at}: ${d.dimension}`);
      }
      // Raw member codes of labelled dimensions never reach the sentence.
      assert.doesNotMatch(k.sentence, /\b(meta_ads|google_search|linkedin_ads|tiktok_ads) \(/, at);
      const share = /([\d,.]+)% of the (rise|drop)/.exec(k.sentence);
      if (share) assert.ok(Number(share[1]?.replace(/,/g, '')) <= 100, `${at}: ${k.sentence}`);
      if (k.cause.drivers.length > 0) named++;
      if (k.soFar) {
        young++;
        assert.equal(k.current.partial, false, at);
        assert.ok(k.soFar.elapsedDays / k.soFar.totalDays < 0.5, at);
        assert.match(k.sentence, / so far this \w+ .* \(\d+ of \d+ days?\)/, at);
      } else if (k.current.partial && k.target?.kind !== 'cumulative') {
        assert.ok(k.current.elapsedDays / k.current.totalDays >= 0.5 || k.metric === 'followers', at);
      }
      const prev = k.comparisons[0];
      if (k.format.unit === 'percent' && prev?.change != null && Math.abs(prev.changeRelative ?? 0) >= 0.005)
        assert.match(k.sentence, / pp on /, at);
    }
  }
  assert.ok(young > 0, 'some dates fall early in a period');
  assert.ok(named > 0, 'some changes are big enough to name a driver');
});
