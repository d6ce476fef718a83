// The one lookup helper, the reserved names of the schema, the `__proto__` guard of
// untrusted documents, and the loader: a reserved name in a project file is refused at
// its file:line, and a formula naming "toString" is an unknown metric like any other.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  RESERVED_NAMES,
  hasOwn,
  isReservedName,
  ownGet,
  ownRecord,
  prototypeKeyPaths,
} from './own-lookup.js';
import { filterSchema, identifierSchema, nameSchema, safeParseInput } from './schema/common-schema.js';
import { loadProject } from './project/load-project.js';
import { validateProject } from './project/validate-project.js';
import type { Project } from './project/project-model.js';
import type { Issue } from './result.js';

const PROTOTYPE_MEMBERS = Object.getOwnPropertyNames(Object.prototype);

describe('ownGet / hasOwn / ownRecord', () => {
  const table: Record<string, number> = { a: 1, zero: 0 };

  test('finds what the table defines, falsy values included', () => {
    assert.equal(ownGet(table, 'a'), 1);
    assert.equal(ownGet(table, 'zero'), 0);
    assert.equal(hasOwn(table, 'zero'), true);
  });

  test('never finds a member of Object.prototype, whatever its name', () => {
    for (const name of [...PROTOTYPE_MEMBERS, 'prototype', 'nope']) {
      assert.equal(ownGet(table, name), undefined, name);
      assert.equal(hasOwn(table, name), false, name);
    }
  });

  test('takes a missing table', () => {
    assert.equal(ownGet(undefined, 'a'), undefined);
    assert.equal(ownGet(null, 'constructor'), undefined);
    assert.equal(hasOwn(undefined, 'a'), false);
  });

  test('an own "__proto__" entry (as JSON.parse makes it) is an ordinary entry', () => {
    const parsed = JSON.parse('{"__proto__": 5, "b": 2}') as Record<string, number>;
    assert.equal(ownGet(parsed, '__proto__'), 5);
    assert.equal(ownGet(parsed, 'constructor'), undefined);
  });

  test('ownRecord has no prototype: "__proto__" and "constructor" are plain keys', () => {
    const r = ownRecord<number>([
      ['__proto__', 1],
      ['constructor', 2],
      ['x', 3],
    ]);
    assert.equal(Object.getPrototypeOf(r), null);
    assert.deepEqual(Object.keys(r), ['__proto__', 'constructor', 'x']);
    assert.equal(r['__proto__'], 1);
    assert.equal(ownGet(r, 'constructor'), 2);
    assert.equal(ownRecord<number>()['toString'], undefined);
    assert.equal(JSON.stringify(r), '{"__proto__":1,"constructor":2,"x":3}');
  });
});

describe('reserved names', () => {
  test('every member of Object.prototype is reserved, and prototype', () => {
    for (const name of [...PROTOTYPE_MEMBERS, 'prototype']) assert.ok(isReservedName(name), name);
    assert.equal(new Set(RESERVED_NAMES).size, RESERVED_NAMES.length);
    assert.equal(isReservedName('constructors'), false);
    assert.equal(isReservedName('proto'), false);
  });

  test('identifierSchema refuses them with a message naming the name; nameSchema does not', () => {
    for (const name of ['constructor', '__proto__', 'prototype']) {
      const r = identifierSchema.safeParse(name);
      assert.equal(r.success, false, name);
      assert.match(r.error?.issues[0]?.message ?? '', new RegExp(`^"${name}" is a reserved name`));
      assert.equal(nameSchema.safeParse(name).success, true, name);
    }
    for (const name of ['toString', 'hasOwnProperty', 'valueOf'])
      assert.equal(identifierSchema.safeParse(name).success, false, name);
    for (const name of ['constructor_cost', 'proto', '_prototype', 'sessions'])
      assert.equal(identifierSchema.safeParse(name).success, true, name);
  });

  test('the JSON Schema carries the reserved-name pattern too', () => {
    const js = JSON.stringify(z.toJSONSchema(identifierSchema));
    assert.match(js, /constructor/);
    assert.match(js, /__proto__/);
  });

  test('a record keyed by identifiers refuses a reserved key', () => {
    const r = filterSchema.safeParse({ constructor: 'x' });
    assert.equal(r.success, false);
    assert.equal(r.error?.issues[0]?.code, 'invalid_key');
  });
});

describe('prototypeKeyPaths / safeParseInput', () => {
  test('finds own "__proto__" keys at any depth, with their paths', () => {
    const v = JSON.parse(
      '{"a": {"__proto__": 1}, "b": [{"c": {"__proto__": {}}}], "__proto__": null}',
    ) as unknown;
    assert.deepEqual(prototypeKeyPaths(v), [['__proto__'], ['a', '__proto__'], ['b', 0, 'c', '__proto__']]);
    assert.deepEqual(prototypeKeyPaths({ a: [1, 'x', null], constructor: 1 }), []);
    assert.deepEqual(prototypeKeyPaths('text'), []);
  });

  test('walks deep input without recursion, in linear time', () => {
    const depth = 200_000;
    const deep = JSON.parse('['.repeat(depth) + '{"__proto__": 1}' + ']'.repeat(depth)) as unknown;
    const t0 = performance.now();
    const paths = prototypeKeyPaths(deep);
    assert.ok(performance.now() - t0 < 5000);
    assert.equal(paths.length, 1);
    assert.equal(paths[0]?.length, depth + 1);
    assert.equal(paths[0]?.at(-1), '__proto__');
  });

  test('stops at the limit', () => {
    const many = JSON.parse(`[${Array.from({ length: 50 }, () => '{"__proto__": 1}').join(',')}]`) as unknown;
    assert.equal(prototypeKeyPaths(many).length, 20);
    assert.equal(prototypeKeyPaths(many, 3).length, 3);
  });

  test('zod drops a "__proto__" key silently; safeParseInput refuses it at its path', () => {
    const schema = z.strictObject({ filter: filterSchema });
    const input = JSON.parse('{"filter": {"__proto__": "x", "channel": "a"}}') as unknown;
    const dropped = schema.safeParse(input);
    assert.equal(dropped.success, true, 'zod itself drops the key (the reason for the guard)');
    assert.deepEqual(dropped.data?.filter, { channel: 'a' });
    const r = safeParseInput(schema, input);
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues[0]?.path, ['filter', '__proto__']);
    assert.match(r.error?.issues[0]?.message ?? '', /"__proto__" is not allowed/);
  });

  test('safeParseInput parses like safeParse otherwise', () => {
    assert.deepEqual(safeParseInput(filterSchema, { channel: ['a', 'b'] }).data, { channel: ['a', 'b'] });
    assert.equal(safeParseInput(filterSchema, { Channel: 'a' }).success, false);
  });
});

const MAIN = `version: 1
project:
  name: Test
datasets:
  ads:
    time: date
    key: [date]
    dimensions: [channel]
    columns:
      date: { type: date }
      channel: { type: string }
      clicks: { type: integer }
metrics:
  clicks: { kind: simple, dataset: ads, agg: sum, column: clicks }
goals:
  g:
    title: Goal
    period: { start: 2026-01-01, end: 2026-03-31 }
`;

const issuesOf = (text: string): readonly Issue[] => {
  const r = loadProject([{ path: 'kpi.yaml', text }]);
  assert.equal(r.ok, false, 'expected the project to be rejected');
  return r.ok ? [] : r.issues;
};

describe('loadProject and reserved names', () => {
  test('a KPI whose metric is "constructor" is refused at the line of the field', () => {
    const text = `${MAIN}kpis:\n  k:\n    metric: constructor\n    goal: g\n`;
    const issues = issuesOf(text);
    const i = issues.find((x) => x.path.join('.') === 'kpis.k.metric');
    assert.ok(i, JSON.stringify(issues));
    assert.match(i.message, /"constructor" is a reserved name/);
    assert.deepEqual(
      [i.position?.file, i.position?.line],
      ['kpi.yaml', text.split('\n').indexOf('    metric: constructor') + 1],
    );
  });

  test('a definition named "constructor" or "__proto__" is refused', () => {
    for (const name of ['constructor', '__proto__', 'prototype']) {
      const text = `${MAIN}kpis:\n  ${name}:\n    metric: clicks\n    goal: g\n`;
      const issues = issuesOf(text);
      const i = issues.find((x) => x.path.join('.') === `kpis.${name}`);
      assert.ok(i, `${name}: ${JSON.stringify(issues)}`);
      assert.match(i.message, /reserved/);
      assert.equal(i.position?.line, text.split('\n').indexOf(`  ${name}:`) + 1);
    }
  });

  test('a "__proto__" key in a filter is refused at its line, not dropped', () => {
    const text = `${MAIN}kpis:\n  k:\n    metric: clicks\n    goal: g\n    filter:\n      __proto__: x\n`;
    const issues = issuesOf(text);
    const i = issues.find((x) => x.code === 'schema.reserved_key');
    assert.ok(i, JSON.stringify(issues));
    assert.deepEqual(i.path, ['kpis', 'k', 'filter', '__proto__']);
    assert.equal(i.position?.line, text.split('\n').indexOf('      __proto__: x') + 1);
  });

  test('a formula naming an Object.prototype member is an unknown metric', () => {
    for (const ref of ['toString', 'hasOwnProperty', 'valueOf', 'constructor']) {
      const text = `${MAIN.replace('metrics:\n', `metrics:\n  twice: { kind: derived, expr: "${ref} * 2" }\n`)}`;
      const issues = issuesOf(text);
      const i = issues.find((x) => x.code === 'metric.derived.unknown_metric');
      assert.ok(i, `${ref}: ${JSON.stringify(issues)}`);
      assert.match(i.message, new RegExp(`"${ref}", which is not a defined metric`));
    }
  });

  test('the loaded sections have no prototype', () => {
    const r = loadProject([{ path: 'kpi.yaml', text: MAIN }]);
    assert.ok(r.ok);
    for (const t of [r.value.datasets, r.value.metrics, r.value.goals, r.value.kpis, r.value.locations])
      assert.equal(Object.getPrototypeOf(t), null);
    assert.equal(r.value.metrics['constructor'], undefined);
  });

  test('validateProject on a hand-built project (plain objects) finds no inherited names', () => {
    const r = loadProject([{ path: 'kpi.yaml', text: MAIN }]);
    assert.ok(r.ok);
    const plain: Project = {
      ...r.value,
      metrics: { ...r.value.metrics },
      goals: { ...r.value.goals },
      kpis: { k: { metric: 'constructor', goal: 'toString' } as never },
    };
    const codes = validateProject(plain).map((i) => i.code);
    assert.ok(codes.includes('kpi.metric_missing'), codes.join(', '));
    assert.ok(codes.includes('kpi.goal_missing'), codes.join(', '));
  });
});
