// Settings shared by the property-based fault suite (`*.fuzz.test.ts`): one seed for every
// run (FUZZ_SEED, else a fixed default so CI is reproducible), a scale for the case
// counts (FUZZ_RUNS, a multiplier: 0.1 for a quick look, 10 for a long hunt), the line
// each property prints so a failure can be replayed, and the prototype-pollution check.
import assert from 'node:assert/strict';

const DEFAULT_SEED = 20261203;

const envNumber = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return n;
};

export const FUZZ_SEED = Math.trunc(envNumber('FUZZ_SEED', DEFAULT_SEED));
const SCALE = envNumber('FUZZ_RUNS', 1);

/** The fast-check settings for a property of `base` cases (scaled), printing its line. */
export const fuzzRuns = (name: string, base: number): { seed: number; numRuns: number } => {
  const numRuns = Math.max(1, Math.round(base * SCALE));
  console.log(`# fuzz: ${name} ${numRuns} cases seed=${FUZZ_SEED}`);
  return { seed: FUZZ_SEED, numRuns };
};

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

/** Every own property of the built-in prototypes, with its value or accessor. */
export type PrototypeSnapshot = ReadonlyMap<string, unknown>;

/** The built-in prototypes now; `assertNoPollution` compares against it. */
export const prototypeKeys = (): PrototypeSnapshot => {
  const out = new Map<string, unknown>();
  for (const [label, proto] of PROTOTYPES)
    for (const k of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, k);
      out.set(`${label}.${String(k)}`, d && ('value' in d ? d.value : d.get));
    }
  return out;
};

/** Fails when a prototype gained a key or had one replaced since `before`. */
export const assertNoPollution = (before: PrototypeSnapshot): void => {
  const now = prototypeKeys();
  if (now.size === before.size && [...now].every(([k, v]) => before.has(k) && before.get(k) === v)) return;
  const changed = [...now.keys()].filter((k) => !before.has(k) || before.get(k) !== now.get(k));
  assert.deepEqual(changed, [], `prototype pollution: ${changed.join(', ')}`);
};

/** True for a Result: {ok: true, value} or {ok: false, issues: [at least one issue]}. */
export const isResultShaped = (r: unknown): boolean => {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  if (o['ok'] === true) return 'value' in o;
  if (o['ok'] !== false || !Array.isArray(o['issues']) || o['issues'].length === 0) return false;
  return (o['issues'] as unknown[]).every((i) => {
    const x = i as Record<string, unknown>;
    return (
      typeof x['code'] === 'string' &&
      /^[a-z_]+(\.[a-z0-9_]+)+$/.test(x['code']) &&
      typeof x['message'] === 'string' &&
      x['message'] !== '' &&
      ['error', 'warning', 'info'].includes(String(x['severity'])) &&
      Array.isArray(x['path'])
    );
  });
};
