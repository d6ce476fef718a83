// Test helpers for end-to-end CLI tests: run the real `kpi` process, and create a demo
// project with a fixed end date in a temp folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;

export const runKpi = (args: readonly string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A temp root with the demo project in `root/demo`, data up to `endDate`. */
export const makeDemo = (prefix: string, endDate: string): { root: string; demo: string } => {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const demo = join(root, 'demo');
  const r = runKpi(['init', demo, '--demo', '--end-date', endDate], root);
  assert.equal(r.code, 0, r.err);
  return { root, demo };
};
