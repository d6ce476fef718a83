// The guide's commands run: every ```sh block of docs/getting-started.md, line by line, on
// a fresh temp folder through the built CLI (files the guide shows, marked
// <!-- file: NAME -->, are written first). Each command must exit 0. Dates are fixed by the
// commands' own --as-of, so the wall clock plays no part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const GUIDE = new URL('../../../docs/getting-started.md', import.meta.url).pathname;

interface Step {
  readonly kind: 'sh' | 'file';
  readonly text: string;
  readonly name?: string;
}

/** The guide's fenced blocks in order: shell commands, and files marked with <!-- file: NAME -->. */
const stepsOf = (md: string): Step[] => {
  const out: Step[] = [];
  const re = /(?:<!-- file: ([^ ]+) -->\n)?```(\w+)\n([\s\S]*?)```/g;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    const [, file, lang, body = ''] = m;
    if (file !== undefined) out.push({ kind: 'file', name: file, text: body });
    else if (lang === 'sh') out.push({ kind: 'sh', text: body });
  }
  return out;
};

/** Splits a command line into words ("..." and '...' quoted words kept whole). */
const words = (line: string): string[] =>
  [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

test('every command of docs/getting-started.md runs on a fresh project (exit 0)', () => {
  const steps = stepsOf(readFileSync(GUIDE, 'utf8'));
  const commands = steps
    .filter((s) => s.kind === 'sh')
    .flatMap((s) => s.text.split('\n').filter((l) => l.trim()));
  assert.ok(commands.length >= 8, `the guide shows ${commands.length} commands`);
  const root = mkdtempSync(join(tmpdir(), 'kpi-guide-'));
  try {
    let cwd = root;
    for (const step of steps) {
      if (step.kind === 'file') {
        writeFileSync(join(cwd, step.name ?? 'file'), step.text);
        continue;
      }
      for (const line of step.text.split('\n').filter((l) => l.trim() !== '')) {
        const [cmd, ...args] = words(line);
        if (cmd === 'cd') {
          cwd = resolve(cwd, args[0] ?? '.');
          continue;
        }
        assert.equal(cmd, 'kpi', `the guide's commands are kpi commands: ${line}`);
        const r = runKpi(args, cwd, { NO_COLOR: '1' });
        assert.equal(r.code, 0, `${line}\n${r.err}${r.out}`);
        if (line.includes('--json')) assert.doesNotThrow(() => JSON.parse(r.out), line);
      }
    }
    // The import really landed: the query the guide shows answers the hand-computed sum.
    const q = runKpi(['query', 'meta_spend', '--from', '2026-11-01', '--to', '2026-11-30', '--csv'], cwd);
    assert.deepEqual(q.out.trim().split('\n'), ['meta_spend', '114.5']); // 54.50 + 60.00
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
