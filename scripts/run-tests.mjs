#!/usr/bin/env node
// Runs every test file (packages/*/src/**/*.test.ts) with node's test runner through tsx.
// Tests run with TZ=UTC. Pass file paths or substrings to run a subset: node scripts/run-tests.mjs ingest
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
walk(join(root, 'packages'));
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...selected.sort()],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' }, cwd: root },
);
process.exit(r.status ?? 1);
