// kill -9 during a YAML edit: a real child process edits a KPI's target through the
// use-case and is killed with SIGKILL — 12 times at a known step of the writer (the
// KPI_TEST_EDIT_PAUSE hook stops it there, twice per step) and 8 times after a delay taken
// from a seeded sequence while it edits in a loop. After each kill the project is reopened
// as a server start does (recoverEdits with the temp sweep) and checked: kpi.yaml parses,
// validates and is byte for byte one of the versions the edits produce (computed here by
// a plain text replacement, not by the YAML library), and the history agrees with it: the
// file at version j <=> exactly j history rows, newest first, with who and why.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadProject } from '@kpi/core';
import { editKpi, initProject, listChanges, openProject, readProjectFiles, recoverEdits } from '@kpi/app';
import { sha256 } from './edit-journal.js';

const CHILD = fileURLToPath(new URL('../../test/edit-kill-child.mjs', import.meta.url));
const TARGET = 'target: { kind: reach, value: 0.03 }';
const valueOf = (i: number): number => (1000 + i) / 10000;

let root = '';
let template = '';
let original = '';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-edit-kill-'));
  template = join(root, 'template');
  await initProject({ dir: template, name: 'Kill trials', timezone: 'UTC', currency: 'EUR' });
  // One edit that changes nothing puts kpi.yaml in the writer's layout (it spaces flow
  // lists: `[ a, b ]`), so every later version differs from it in the target only; the
  // store it created (with that edit's history row) is removed again.
  await editKpi(openProject(template), 'setup', 'conversion_rate', { owner: 'you@example.com' });
  rmSync(join(template, '.kpi'), { recursive: true });
  original = readFileSync(join(template, 'kpi.yaml'), 'utf8');
  assert.ok(original.includes(TARGET), 'the starter KPI target is where the trials expect it');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** kpi.yaml after `j` edits, by text replacement (independent of the YAML writer). */
const versionText = (j: number): string =>
  j === 0 ? original : original.replace(TARGET, `target: { kind: reach, value: ${valueOf(j - 1)} }`);

interface Killed {
  readonly dir: string;
  readonly signal: NodeJS.Signals | null;
}

/** Runs the child on a fresh copy of the project and kills it when `killWhen` says so. */
const runAndKill = (
  name: string,
  count: number,
  env: Record<string, string>,
  killWhen: (stderr: string) => Promise<boolean> | boolean,
): Promise<Killed> => {
  const dir = join(root, name);
  cpSync(template, dir, { recursive: true });
  const child = spawn(process.execPath, [CHILD, dir, String(count)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  return new Promise<Killed>((resolve, reject) => {
    let stderr = '';
    let asked = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (asked) return;
      asked = true;
      void Promise.resolve(killWhen(stderr)).then((kill) => {
        if (kill) child.kill('SIGKILL');
        else asked = false;
      });
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && !stderr.includes('kpi-child-done'))
        reject(new Error(`child ${name} exited with ${code} before it was killed:\n${stderr}`));
      else resolve({ dir, signal });
    });
  });
};

interface Verdict {
  readonly version: number;
  readonly recorded: number;
  readonly dropped: number;
  readonly removedTemps: number;
}

/** Reopens the project as a server start does and checks file and history agree. */
const reopenAndCheck = async (dir: string): Promise<Verdict> => {
  const rec = await recoverEdits(dir, { sweep: true });
  assert.deepEqual(rec.unresolved, [], 'no journal entry is left unresolved');
  const text = readFileSync(join(dir, 'kpi.yaml'), 'utf8');
  const loaded = loadProject(readProjectFiles(dir));
  assert.ok(loaded.ok, 'kpi.yaml parses and validates after the kill');
  let version = -1;
  for (let j = 0; j <= 1000 && version < 0; j++) if (sha256(versionText(j)) === sha256(text)) version = j;
  assert.ok(version >= 0, `kpi.yaml is one of the versions the edits write:\n${text}`);
  const rows = await listChanges(openProject(dir), { entity: 'kpi', name: 'conversion_rate' });
  assert.equal(rows.length, version, `version ${version} of the file <=> ${version} history rows`);
  rows.forEach((row, k) => {
    const i = version - 1 - k;
    assert.equal(row.actor, 'child@example.com');
    assert.equal(row.reason, `trial edit ${i}`);
    assert.equal((row.after as { target: { value: number } }).target.value, valueOf(i));
  });
  const left = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  assert.deepEqual(left, [], 'no temp file is left next to kpi.yaml');
  const journal = join(dir, '.kpi', 'journal');
  const pending = existsSync(journal) ? readdirSync(journal) : [];
  assert.deepEqual(pending, [], 'the journal is empty after the replay (no temp files either)');
  return {
    version,
    recorded: rec.recorded.length,
    dropped: rec.dropped.length,
    removedTemps: rec.removedTemps.length,
  };
};

/** Per step: the file version after replay, and whether the replay writes or drops. */
const STEPS: readonly { step: string; version: number; recorded: number; dropped: number }[] = [
  { step: 'staged', version: 0, recorded: 0, dropped: 0 },
  { step: 'journaled', version: 0, recorded: 0, dropped: 1 },
  { step: 'temp-written', version: 0, recorded: 0, dropped: 1 },
  { step: 'renamed', version: 1, recorded: 1, dropped: 0 },
  { step: 'recorded', version: 1, recorded: 0, dropped: 0 },
  { step: 'cleared', version: 1, recorded: 0, dropped: 0 },
];

/** A seeded sequence (LCG) of delays in [0, 1200) ms. */
const delays = (seed: number, n: number): number[] => {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % 1200;
  });
};

test('20 kill -9 trials of a YAML edit leave the file and the history in agreement', async (t) => {
  const outcomes: string[] = [];
  let agree = 0;
  let beforeRename = 0;
  let afterRename = 0;
  let betweenEdits = 0;
  for (const [n, s] of [...STEPS, ...STEPS].entries()) {
    const k = await runAndKill(`step-${n}`, 1, { KPI_TEST_EDIT_PAUSE: s.step }, (err) =>
      err.includes(`kpi-edit-paused:${s.step}`),
    );
    assert.equal(k.signal, 'SIGKILL', `trial ${n} was killed at ${s.step}`);
    if (s.step === 'temp-written')
      assert.ok(
        readdirSync(k.dir).some((f) => /^kpi\.yaml\.\d+\.tmp$/.test(f)),
        'killed after the temp file was written: it is there until the sweep',
      );
    const v = await reopenAndCheck(k.dir);
    assert.deepEqual(
      [v.version, v.recorded, v.dropped],
      [s.version, s.recorded, s.dropped],
      `killed at ${s.step}: file version, rows replayed, entries dropped`,
    );
    if (s.step === 'temp-written') assert.equal(v.removedTemps, 1, 'the stale temp file is swept');
    if (s.version === 0) beforeRename += 1;
    else afterRename += 1;
    agree += 1;
    outcomes.push(`${s.step}:v${v.version}`);
  }
  const seed = 20261203;
  for (const [n, ms] of delays(seed, 8).entries()) {
    const k = await runAndKill(`delay-${n}`, 1000, {}, async (err) => {
      if (!err.includes('kpi-child-ready')) return false;
      await new Promise((r) => setTimeout(r, ms));
      return true;
    });
    const v = await reopenAndCheck(k.dir);
    if (v.dropped > 0) beforeRename += 1;
    else if (v.recorded > 0) afterRename += 1;
    else betweenEdits += 1;
    agree += 1;
    outcomes.push(`${ms}ms:v${v.version}${v.recorded ? '+replayed' : ''}${v.dropped ? '+dropped' : ''}`);
  }
  const line = `# kill-9 yaml edit: ${agree}/20 agree (${beforeRename} killed before the rename, ${afterRename} after it, ${betweenEdits} between edits; delay seed ${seed}) ${outcomes.join(' ')}`;
  t.diagnostic(line.slice(2));
  process.stdout.write(`${line}\n`);
  assert.equal(agree, 20);
});

test('the replay at start-up is a no-op on a project without a journal', async () => {
  const dir = join(root, 'quiet');
  cpSync(template, dir, { recursive: true });
  const rec = await recoverEdits(dir, { sweep: true });
  assert.deepEqual(rec, { recorded: [], dropped: [], unresolved: [], removedTemps: [] });
  assert.equal(existsSync(join(dir, '.kpi')), false, 'nothing is opened or created');
});
