// The leaf cube executed on every engine (DuckDB, and a real PostgreSQL server started for
// this file) against sums worked out by hand from the rows: the same answers on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { engineTargets } from '@kpi/engines/testing';
import { compileLeafCube } from './compile-leaf-cube.js';
import { decompositionOf, evaluateCubeNode } from './cube-node.js';
import type { LeafCube, LeafCubeRequest } from './leaf-cube.js';

const YAML = `
version: 1
project: {name: cube, timezone: UTC}
datasets:
  ads:
    time: day
    key: [day, channel, market]
    dimensions: [channel, market]
    columns:
      day: {type: date}
      channel: {type: string}
      market: {type: string}
      spend: {type: number}
      leads: {type: integer}
  fans:
    time: day
    key: [day, platform]
    dimensions: [platform]
    columns: {day: {type: date}, platform: {type: string}, followers: {type: integer}}
metrics:
  spend: {kind: simple, dataset: ads, agg: sum, column: spend}
  leads: {kind: simple, dataset: ads, agg: sum, column: leads}
  cpl: {kind: ratio, numerator: spend, denominator: leads}
  avg_spend: {kind: simple, dataset: ads, agg: avg, column: spend}
  markets: {kind: simple, dataset: ads, agg: count_distinct, column: market}
  double_leads: {kind: derived, expr: "leads * 2"}
  followers: {kind: snapshot, dataset: fans, column: followers}
`;

// day, channel, market, spend, leads
const ADS: readonly [string, string, string, number, number][] = [
  ['2025-01-01', 'meta', 'de', 10, 1],
  ['2025-01-01', 'google', 'de', 20, 4],
  ['2025-01-02', 'meta', 'nl', 30, 3],
  ['2025-01-02', 'google', 'de', 40, 2],
  ['2025-01-03', 'meta', 'de', 50, 5],
];
const FANS: readonly [string, string, number][] = [
  ['2025-01-01', 'ig', 100],
  ['2025-01-02', 'ig', 110],
  ['2025-01-01', 'tt', 50],
  ['2025-01-03', 'tt', 70],
];

for (const target of engineTargets()) {
  describe(`on ${target.name}`, () => {
    let db: Engine;
    let project: Project;
    before(async () => {
      const r = loadProject([{ path: 'kpi.yaml', text: YAML }]);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
      project = r.value;
      db = await target.open();
      await db.exec(
        'CREATE TABLE ads (day DATE, channel VARCHAR, market VARCHAR, spend DOUBLE PRECISION, leads BIGINT)',
      );
      await db.exec(
        `INSERT INTO ads VALUES ${ADS.map((a) => `('${a[0]}', '${a[1]}', '${a[2]}', ${a[3]}, ${a[4]})`).join(', ')}`,
      );
      await db.exec('CREATE TABLE fans (day DATE, platform VARCHAR, followers BIGINT)');
      await db.exec(
        `INSERT INTO fans VALUES ${FANS.map((a) => `('${a[0]}', '${a[1]}', ${a[2]})`).join(', ')}`,
      );
    });
    after(async () => db.close());

    const compile = (req: LeafCubeRequest): LeafCube => {
      const c = compileLeafCube(project, req, target.dialect);
      assert.ok(c.ok, JSON.stringify(!c.ok && c.issues));
      return c.value;
    };
    const run = async (cube: LeafCube, dataset: string) => {
      const q = cube.queries.find((x) => x.dataset === dataset);
      assert.ok(q);
      return { q, rows: (await db.query(q.sql, q.params)).rows };
    };

    describe('leaf cube', () => {
      test('a day cube: shared leaves, an item filter, avg as sum and count', async () => {
        const cube = compile({
          items: [
            { key: 'cpl', metric: 'cpl' },
            { key: 'leads', metric: 'leads' },
            { key: 'meta_leads', metric: 'leads', filter: { channel: 'meta' } },
            { key: 'avg', metric: 'avg_spend' },
          ],
          from: '2025-01-01',
          to: '2025-01-02',
          grain: 'day',
        });
        assert.equal(cube.queries.length, 1, 'one pass over ads');
        const { rows } = await run(cube, 'ads');
        const byDay = new Map(rows.map((r) => [r['P'], r]));
        const leafOf = (key: string) => {
          const item = cube.items.find((i) => i.key === key);
          assert.ok(item);
          return item.node;
        };
        const at = (day: string) => (leaf: string) => (byDay.get(day)?.[leaf] as number | null) ?? null;
        // 2025-01-01: spend 30, leads 5; meta leads 1; avg spend 15.
        assert.equal(evaluateCubeNode(leafOf('cpl'), at('2025-01-01')), 6);
        assert.equal(evaluateCubeNode(leafOf('leads'), at('2025-01-01')), 5);
        assert.equal(evaluateCubeNode(leafOf('meta_leads'), at('2025-01-02')), 3);
        assert.equal(evaluateCubeNode(leafOf('avg'), at('2025-01-02')), 35);
        // leads is read once, shared by cpl and the leads item.
        assert.equal(cube.leaves.filter((l) => l.metric === 'leads' && l.dataset === 'ads').length, 2);
        assert.equal(byDay.size, 2, 'the third day is outside the range');
        // The avg split stays exact over both days: (10+20+30+40)/4 = 25.
        const sum = (leaf: string) => rows.reduce((a, r) => a + Number(r[leaf] ?? 0), 0);
        assert.equal(evaluateCubeNode(leafOf('avg'), sum), 25);
      });

      test('ranges and grouping sets: rows per range and member, overlapping ranges both counted', async () => {
        const cube = compile({
          items: [{ key: 'leads', metric: 'leads' }],
          from: '2025-01-01',
          to: '2025-01-03',
          ranges: [
            { key: 'a', from: '2025-01-01', to: '2025-01-02' },
            { key: 'b', from: '2025-01-02', to: '2025-01-03' },
          ],
          groupingSets: [['channel'], ['market']],
        });
        const { q, rows } = await run(cube, 'ads');
        assert.match(q.sql, /GROUPING SETS/);
        assert.equal(q.ranges, true);
        const leaf = cube.leaves[0]?.id ?? '';
        const pick = (dim: 'channel' | 'market', member: string) => {
          const bit = dim === 'channel' ? 1 : 2; // market not grouped -> bit 1 set; channel not grouped -> bit 2
          const at = (k: string) =>
            rows.find((r) => r[dim] === member && r['G'] === bit && r['K'] === k)?.[leaf] ?? null;
          return [at('a'), at('b')];
        };
        // a = Jan 1-2, b = Jan 2-3; Jan 2 counts in both.
        assert.deepEqual(pick('channel', 'meta'), [4, 8]);
        assert.deepEqual(pick('channel', 'google'), [6, 2]);
        assert.deepEqual(pick('market', 'de'), [7, 7]);
        assert.deepEqual(pick('market', 'nl'), [3, 3]);
      });

      test('leaf filters left to the caller: finest rows, one base per aggregate and column', async () => {
        const cube = compile({
          items: [
            { key: 'leads', metric: 'leads' },
            { key: 'meta', metric: 'leads', filter: { channel: 'meta' } },
          ],
          from: '2025-01-01',
          to: '2025-01-03',
          ranges: [{ key: 'all', from: '2025-01-01', to: '2025-01-03' }],
          leafFilters: 'caller',
        });
        const { q, rows } = await run(cube, 'ads');
        assert.doesNotMatch(q.sql, /FILTER/);
        assert.deepEqual(q.dimensions, ['channel', 'market']);
        assert.equal(q.columns.length, 1, 'both leaves read one base: sum(leads)');
        const bases = q.leafBases ?? [];
        assert.equal(bases.length, 2);
        const total = (leaf: string) => {
          const b = bases.find((x) => x.leaf === leaf);
          assert.ok(b);
          return rows
            .filter((r) => b.conditions.every((c) => c.values.includes(r[c.dimension] as string)))
            .reduce((a, r) => a + Number(r[b.base]), 0);
        };
        const leafOf = (key: string) => {
          const n = cube.items.find((i) => i.key === key)?.node;
          assert.ok(n?.kind === 'leaf');
          return n.leaf;
        };
        assert.equal(total(leafOf('leads')), 15);
        assert.equal(total(leafOf('meta')), 9);
      });

      test('a snapshot cube returns one row per series and period', async () => {
        const cube = compile({
          items: [{ key: 'f', metric: 'followers' }],
          from: '2025-01-01',
          to: '2025-01-03',
          grain: 'week',
        });
        const { q, rows } = await run(cube, 'fans');
        assert.equal(q.kind, 'snapshot');
        assert.deepEqual(q.dimensions, ['platform']);
        const leaf = cube.leaves[0]?.id ?? '';
        const got = rows.map((r) => [r['P'], r['platform'], r[leaf]]).sort();
        assert.deepEqual(got, [
          ['2024-12-30', 'ig', 110],
          ['2024-12-30', 'tt', 70],
        ]);
        assert.equal(cube.leaves[0]?.reagg, 'latest');
      });

      test('classifies items for the contribution analysis', () => {
        const cube = compile({
          items: [
            { key: 'cpl', metric: 'cpl' },
            { key: 'leads', metric: 'leads' },
            { key: 'avg', metric: 'avg_spend' },
            { key: 'markets', metric: 'markets' },
            { key: 'double', metric: 'double_leads' },
          ],
          from: '2025-01-01',
          to: '2025-01-03',
        });
        const leaves = new Map(cube.leaves.map((l) => [l.id, l]));
        const kind = (k: string) =>
          decompositionOf(cube.items.find((i) => i.key === k)?.node ?? { kind: 'num', value: 0 }, leaves)
            .kind;
        assert.equal(kind('cpl'), 'ratio');
        assert.equal(kind('avg'), 'ratio');
        assert.equal(kind('leads'), 'additive');
        assert.equal(kind('double'), 'additive');
        assert.equal(kind('markets'), 'none');
      });

      test('reports every problem of a bad request', () => {
        const c = compileLeafCube(
          project,
          {
            items: [
              { key: 'x', metric: 'nope' },
              { key: 'x', metric: 'leads', filter: { platform: 'ig' } },
            ],
            from: '2025-01-01',
            to: '2025-02-30',
          },
          target.dialect,
        );
        assert.ok(!c.ok);
        const codes = c.issues.map((i) => i.code).sort();
        assert.deepEqual(codes, ['cube.item.duplicate', 'query.date.invalid', 'query.metric.unknown']);
        const d = compileLeafCube(
          project,
          {
            items: [{ key: 'x', metric: 'leads', filter: { platform: 'ig' } }],
            from: '2025-01-01',
            to: '2025-01-02',
            groupingSets: [['market'], ['format']],
          },
          target.dialect,
        );
        assert.ok(!d.ok);
        assert.deepEqual(
          d.issues.map((i) => i.code),
          ['query.metric.invalid'],
          'a filter on a dimension the dataset lacks',
        );
        const e = compileLeafCube(
          project,
          {
            items: [{ key: 'x', metric: 'leads' }],
            from: '2025-01-01',
            to: '2025-01-02',
            groupingSets: [['market'], ['format']],
          },
          target.dialect,
        );
        assert.ok(!e.ok);
        assert.deepEqual(
          e.issues.map((i) => [i.code, i.path.join('.')]),
          [['query.dimension.unknown', 'request.groupingSets.1']],
        );
      });
    });
  });
}
