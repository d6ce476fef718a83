// Numbers written into project YAML: plain forms (hand-written expectations), exact
// round-trips through the YAML reader, and a real edit of a target to -1e308 and back.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { editKpi, initProject, listChanges, openProject } from '@kpi/app';
import { plainNumber, YAML_NUMBER_TAGS } from './yaml-numbers.js';

test('numbers are written plain, with an exponent only when the plain form is too long', () => {
  const cases: readonly [number, string][] = [
    [3, '3'],
    [0.25, '0.25'],
    [1500000, '1500000'],
    [-42.5, '-42.5'],
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [1e-7, '0.0000001'],
    [-2.5e-9, '-0.0000000025'],
    [1.5e-10, '0.00000000015'],
    [1.2345e-20, '1.2345e-20'],
    [-1e308, '-1e+308'],
    [1e25, '1e+25'],
    [-0, '-0'],
  ];
  for (const [n, text] of cases) assert.equal(plainNumber(n), text, `plainNumber(${n})`);
});

test('every written number reads back as the same number', () => {
  let s = 7;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const values: number[] = [Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2];
  for (let i = 0; i < 2000; i++) values.push((next() - 0.5) * 10 ** Math.floor(next() * 60 - 30));
  for (const v of values) {
    const text = plainNumber(v);
    assert.equal(Number(text), v, `${v} -> ${text}`);
    assert.equal((parse(`v: ${text}\n`) as { v: number }).v, v, `YAML reads ${text} as ${v}`);
  }
});

test('an unchanged number keeps the form it was written in; new nodes are plain', () => {
  const doc = parseDocument('a: 1e3\nb: 0.50\nc: 0.0000001\n', { customTags: YAML_NUMBER_TAGS });
  doc.setIn(['d'], doc.createNode({ x: 1e-7, y: 1e21 }));
  assert.equal(
    doc.toString(),
    'a: 1e+3\nb: 0.50\nc: 0.0000001\nd:\n  x: 0.0000001\n  y: 1000000000000000000000\n',
  );
});

test('a target edited to -1e308 and back to 3 says 3 in the YAML, not 3e+0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-numbers-'));
  try {
    await initProject({ dir, name: 'Numbers', timezone: 'UTC', currency: 'EUR' });
    const lp = openProject(dir);
    const target = (): string =>
      /target: \{[^}]*\}/.exec(readFileSync(join(dir, 'kpi.yaml'), 'utf8'))?.[0] ?? '';
    const steps: readonly [number, string][] = [
      [-1e308, 'target: { kind: reach, value: -1e+308 }'],
      [3, 'target: { kind: reach, value: 3 }'],
      [0.25, 'target: { kind: reach, value: 0.25 }'],
      [1500000, 'target: { kind: reach, value: 1500000 }'],
      [1e-7, 'target: { kind: reach, value: 0.0000001 }'],
    ];
    for (const [value, text] of steps) {
      await editKpi(lp, 'ed@example.com', 'conversion_rate', { target: { value }, reason: `to ${value}` });
      assert.equal(target(), text);
      assert.equal(openProject(dir).project.kpis['conversion_rate']?.target?.value, value);
    }
    const rows = await listChanges(lp, { entity: 'kpi', name: 'conversion_rate' });
    assert.deepEqual(
      rows.map((r) => (r.after as { target: { value: number } }).target.value),
      steps.map(([v]) => v).reverse(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
