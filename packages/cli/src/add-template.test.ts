// `kpi init --template`, `kpi add --list` and `kpi add <template>` through the real CLI: the
// template's export imports with no option and its metric answers the hand-computed sum.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const FIXTURES = new URL('../../app/src/templates/fixtures/', import.meta.url).pathname;
let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-add-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

test('kpi add --list names every template with its datasets', () => {
  const r = runKpi(['add', '--list', '--json'], root);
  assert.equal(r.code, 0, r.err);
  const list = JSON.parse(r.out) as { name: string; datasets: string[] }[];
  assert.deepEqual(
    list.map((t) => t.name),
    [
      'meta-ads',
      'google-ads',
      'ga4',
      'shopify-orders',
      'mailchimp',
      'hubspot',
      'linkedin-ads',
      'tiktok-ads',
      'search-console',
      'youtube-studio',
      'social-listening',
    ],
  );
  assert.deepEqual(list.find((t) => t.name === 'hubspot')?.datasets, ['hubspot_contacts', 'hubspot_deals']);
  assert.match(runKpi(['add', '--list'], root).out, /meta-ads\s+Meta Ads Manager/);
});

test('kpi init --template, then kpi add, kpi import of the fixture and kpi query', () => {
  const dir = join(root, 'p');
  const init = runKpi(['init', dir, '--template', 'google-ads', '--timezone', 'Europe/Berlin'], root);
  assert.equal(init.code, 0, init.err);
  assert.ok(existsSync(join(dir, 'definitions', 'google-ads.yaml')));
  const add = runKpi(['add', 'meta-ads'], dir);
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /kpi import meta_ads <export file>/);
  assert.equal(runKpi(['add', 'meta-ads'], dir).code, 2, 'already there: usage error');
  assert.equal(runKpi(['add', 'myspace'], dir).code, 2, 'an unknown name: exit 2');
  const imp = runKpi(['import', 'google_ads', join(FIXTURES, 'google-ads.csv')], dir);
  assert.equal(imp.code, 0, imp.err);
  const q = runKpi(
    ['query', 'gads_cost,gads_clicks', '--from', '2026-11-01', '--to', '2026-11-30', '--csv'],
    dir,
  );
  assert.equal(q.code, 0, q.err);
  // 1,234.50 + 300.00 + 1,100.00; clicks 800 + 450 + 700 (the "Total:" rows left out).
  assert.deepEqual(q.out.trim().split('\n'), ['gads_cost,gads_clicks', '2634.5,1950']);
  assert.equal(runKpi(['init', join(root, 'q'), '--template', 'nope'], root).code, 2);
  assert.ok(!existsSync(join(root, 'q', 'kpi.yaml')), 'refused before anything is written');
});
