// Evaluating and classifying cube nodes: an item's value from its leaf values, and
// whether the item can be split over dimension members (additive) or into mix and rate
// (a ratio of additive parts). Pure. Invariants: a division by zero or by a missing value
// is null (as SQL's NULLIF); a missing operand makes the result missing.

import type { CubeLeaf, CubeNode } from './leaf-cube.js';

export type LeafValue = (leaf: string) => number | null;

export const evaluateCubeNode = (node: CubeNode, value: LeafValue): number | null => {
  switch (node.kind) {
    case 'leaf':
      return value(node.leaf);
    case 'num':
      return node.value;
    case 'neg': {
      const v = evaluateCubeNode(node.arg, value);
      return v === null ? null : -v;
    }
    case 'ratio':
    case 'bin': {
      const op = node.kind === 'ratio' ? '/' : node.op;
      const a = evaluateCubeNode(node.kind === 'ratio' ? node.numerator : node.left, value);
      const b = evaluateCubeNode(node.kind === 'ratio' ? node.denominator : node.right, value);
      if (a === null || b === null) return null;
      if (op === '/') return b === 0 ? null : a / b;
      return op === '+' ? a + b : op === '-' ? a - b : a * b;
    }
  }
};

/**
 * Leaf values in slots: `sums[slot]` is the value of the leaf in that slot, NaN when the
 * leaf is missing (the driver roll-up keeps one such array per member and window).
 */
export type LeafSlots = Float64Array;

/**
 * The node compiled once into a function of a member's leaf slots: the same answer as
 * evaluateCubeNode with a reader of those slots (a leaf without a slot, `slotOf` giving -1,
 * is missing), without walking the tree or allocating per call (the driver roll-up
 * evaluates every KPI for every member).
 */
export const cubeNodeEvaluator = (
  node: CubeNode,
  slotOf: (leaf: string) => number,
): ((sums: LeafSlots | undefined) => number | null) => {
  switch (node.kind) {
    case 'leaf': {
      const slot = slotOf(node.leaf);
      if (slot < 0) return () => null;
      return (sums) => {
        if (sums === undefined) return null;
        const v = sums[slot] as number;
        return v !== v ? null : v;
      };
    }
    case 'num': {
      const value = node.value;
      return () => value;
    }
    case 'neg': {
      const arg = cubeNodeEvaluator(node.arg, slotOf);
      return (sums) => {
        const v = arg(sums);
        return v === null ? null : -v;
      };
    }
    case 'ratio':
    case 'bin': {
      const op = node.kind === 'ratio' ? '/' : node.op;
      const left = cubeNodeEvaluator(node.kind === 'ratio' ? node.numerator : node.left, slotOf);
      const right = cubeNodeEvaluator(node.kind === 'ratio' ? node.denominator : node.right, slotOf);
      const combine =
        op === '/'
          ? (a: number, b: number): number | null => (b === 0 ? null : a / b)
          : op === '+'
            ? (a: number, b: number): number => a + b
            : op === '-'
              ? (a: number, b: number): number => a - b
              : (a: number, b: number): number => a * b;
      return (sums) => {
        const a = left(sums);
        const b = right(sums);
        return a === null || b === null ? null : combine(a, b);
      };
    }
  }
};

/** Leaf ids a node reads. */
export const cubeNodeLeaves = (node: CubeNode): string[] => {
  switch (node.kind) {
    case 'leaf':
      return [node.leaf];
    case 'num':
      return [];
    case 'neg':
      return cubeNodeLeaves(node.arg);
    case 'ratio':
      return [...cubeNodeLeaves(node.numerator), ...cubeNodeLeaves(node.denominator)];
    case 'bin':
      return [...cubeNodeLeaves(node.left), ...cubeNodeLeaves(node.right)];
  }
};

/** True when the node's value over a set of members is the sum of its values per member. */
export const isAdditive = (node: CubeNode, leaves: ReadonlyMap<string, CubeLeaf>): boolean => {
  switch (node.kind) {
    case 'leaf': {
      const r = leaves.get(node.leaf)?.reagg;
      return r === 'sum' || r === 'latest';
    }
    case 'num':
    case 'ratio':
      return false;
    case 'neg':
      return isAdditive(node.arg, leaves);
    case 'bin':
      if (node.op === '+' || node.op === '-')
        return isAdditive(node.left, leaves) && isAdditive(node.right, leaves);
      if (node.op === '*')
        return (
          (node.left.kind === 'num' && isAdditive(node.right, leaves)) ||
          (node.right.kind === 'num' && isAdditive(node.left, leaves))
        );
      return node.right.kind === 'num' && isAdditive(node.left, leaves);
  }
};

export type Decomposition =
  | { readonly kind: 'additive' }
  | { readonly kind: 'ratio'; readonly numerator: CubeNode; readonly denominator: CubeNode }
  | { readonly kind: 'none' };

/** How a metric's change can be split over members: by share (additive), by mix and rate (ratio), or not at all. */
export const decompositionOf = (node: CubeNode, leaves: ReadonlyMap<string, CubeLeaf>): Decomposition => {
  if (isAdditive(node, leaves)) return { kind: 'additive' };
  const parts =
    node.kind === 'ratio'
      ? { numerator: node.numerator, denominator: node.denominator }
      : node.kind === 'bin' && node.op === '/'
        ? { numerator: node.left, denominator: node.right }
        : undefined;
  return parts && isAdditive(parts.numerator, leaves) && isAdditive(parts.denominator, leaves)
    ? { kind: 'ratio', ...parts }
    : { kind: 'none' };
};
