// The compiled node evaluator against the tree walk it replaces in the driver roll-up: the
// same answer (bit for bit, nulls included) on random trees over random, partly missing,
// partly zero leaf values in slots, a leaf without a slot included (fixed seed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cubeNodeEvaluator, evaluateCubeNode } from './cube-node.js';
import type { CubeNode } from './leaf-cube.js';

const random = (seed: number) => {
  let s = seed;
  return (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
};

const LEAVES = ['a', 'b', 'c', 'd'];
const SLOTS = new Map([
  ['a', 2],
  ['b', 0],
  ['c', 1],
]);

const tree = (next: () => number, depth: number): CubeNode => {
  const pick = next();
  if (depth === 0 || pick < 0.3)
    return pick < 0.1
      ? { kind: 'num', value: [0, 1, 2.5, -3][Math.floor(next() * 4)] as number }
      : { kind: 'leaf', leaf: LEAVES[Math.floor(next() * LEAVES.length)] as string };
  if (pick < 0.4) return { kind: 'neg', arg: tree(next, depth - 1) };
  if (pick < 0.55)
    return { kind: 'ratio', numerator: tree(next, depth - 1), denominator: tree(next, depth - 1) };
  const op = (['+', '-', '*', '/'] as const)[Math.floor(next() * 4)] as '+' | '-' | '*' | '/';
  return { kind: 'bin', op, left: tree(next, depth - 1), right: tree(next, depth - 1) };
};

describe('cubeNodeEvaluator', () => {
  test('gives what evaluateCubeNode gives on 2,000 random trees and leaf maps', () => {
    const next = random(11);
    let nulls = 0;
    let values = 0;
    for (let i = 0; i < 2000; i++) {
      const node = tree(next, 4);
      // Leaf d has no slot (always missing); a, b, c sit in slots 2, 0, 1, NaN when missing.
      const sums = new Map<string, number>();
      for (const l of LEAVES) {
        const p = next();
        if (p < 0.2 || l === 'd') continue;
        sums.set(l, p < 0.35 ? 0 : Math.round((next() - 0.3) * 1e4) / 100);
      }
      const slotOf = (leaf: string): number => SLOTS.get(leaf) ?? -1;
      const slots = new Float64Array([sums.get('b') ?? NaN, sums.get('c') ?? NaN, sums.get('a') ?? NaN]);
      const compiled = cubeNodeEvaluator(node, slotOf);
      const want = evaluateCubeNode(node, (leaf) => sums.get(leaf) ?? null);
      assert.ok(Object.is(compiled(slots), want), `${JSON.stringify(node)}: ${compiled(slots)} vs ${want}`);
      assert.ok(
        Object.is(
          compiled(undefined),
          evaluateCubeNode(node, () => null),
        ),
      );
      if (want === null) nulls++;
      else values++;
    }
    assert.ok(nulls > 100 && values > 100, `${nulls} nulls, ${values} values`);
  });
});
