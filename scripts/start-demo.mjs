#!/usr/bin/env node
// `npm start`: (re)creates the demo project in ./demo and prints its weekly numbers.
// Runs the real `kpi` command, exactly as a user would.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/bin/kpi.js');
const demo = join(root, 'demo');
const kpi = (args, cwd = root) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

kpi(['init', demo, '--demo', ...(existsSync(join(demo, 'kpi.yaml')) ? ['--force'] : [])]);
const sections = [
  ['Paid media, last 12 weeks', ['paid_impressions,clicks,ctr,spend,leads,cost_per_lead']],
  ['Shop, last 12 weeks', ['sessions,conversions,conversion_rate,revenue']],
  ['Organic social, last 12 weeks', ['impressions,engagement_rate,link_ctr,followers']],
  ['Customer care, last 12 weeks', ['mentions,support_messages,avg_first_response_time,resolution_rate']],
];
for (const [title, metrics] of sections) {
  console.log(`\n${title}`);
  kpi(['query', ...metrics, '--by', 'week', '--last', '12'], demo);
}
console.log('\nThe scorecard: every goal and KPI with target, pace, comparison, cause and forecast');
kpi(['status'], demo);
console.log(
  `\nThe demo project is in ${demo}. Try: cd demo && npx kpi explain leads_this_quarter, npx kpi check`,
);
