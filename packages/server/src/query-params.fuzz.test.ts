// Fault suite: the query parameters of `GET /api/metrics/{name}/values` and the body of
// `POST /api/query`, under random `where` / `by` / `last` / `from` / `to` / `grain` texts,
// repeated and unknown parameters, broken %-escapes and odd metric names. Properties:
// the query schema never throws; a query it accepts compiles to a Result; on a real
// server every answer is a 2xx or a clean 4xx with the `{error: {code, message}}` shape,
// never a 5xx, and the server stays up; no built-in prototype gains a key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openProject, queryMetrics } from '@kpi/app';
import { compileMetricQuery, duckdbDialect } from '@kpi/semantic';
import { metricValuesQuery, queryBodySchema } from './routes/api-schemas.js';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';
import { assertClean, assertUp, tally } from '../test/fuzz-http.js';
import { assertNoPollution, fuzzRuns, isResultShaped, prototypeKeys } from '../../core/test/fuzz-settings.js';

const NAMES = [
  'sessions',
  'conversions',
  'conversion_rate',
  'source',
  'date',
  '__proto__',
  'constructor',
  'toString',
  'nope',
];
const PARAMS = ['grain', 'last', 'from', 'to', 'by', 'where', '__proto__', 'constructor', 'x'];
const VALUES = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'Week',
  '0',
  '1',
  '12',
  '1000',
  '1001',
  '-1',
  '1e3',
  '1.5',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '0x10',
  ' 3',
  '2026-01-01',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-1-1',
  '20260101',
  'source',
  'google',
  "'; DROP TABLE web_sessions; --",
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '..%2F..',
  '',
];
const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUES) }, fc.string({ maxLength: 6 }));

/** A raw query string (not encoded by us: broken escapes go through as they are). */
const rawQuery = fc
  .array(
    fc.record({
      k: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAMS) }, fc.string({ maxLength: 4 })),
      v: piece,
      encode: fc.boolean(),
    }),
    { maxLength: 5 },
  )
  .map((pairs) =>
    pairs
      .map(({ k, v, encode }) =>
        encode
          ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}`
          : `${k.replace(/[#?\s]/g, '')}=${v.replace(/[#\s]/g, '')}`,
      )
      .join('&'),
  );
/** Queries that should mostly be answered: the happy path gets fuzzed too. */
const goodQuery = fc
  .record(
    {
      grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year'),
      last: fc.integer({ min: 1, max: 30 }).map(String),
      by: fc.constantFrom('source', 'date'),
      from: fc.constantFrom('2026-01-01', '2026-01-06', '2025-12-31'),
    },
    { requiredKeys: [] },
  )
  .map(({ from, ...q }) => new URLSearchParams(q.last === undefined && from ? { ...q, from } : q).toString());
const query = fc.oneof(rawQuery, goodQuery);
const metricName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);

const goodBody = fc.record(
  {
    metrics: fc.subarray(['sessions', 'conversions', 'conversion_rate'], { minLength: 1 }),
    grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year'),
    from: fc.constantFrom('2026-01-01', '2026-01-06'),
    groupBy: fc.subarray(['source']),
    where: fc.record({ source: fc.array(piece, { minLength: 1, maxLength: 3 }) }),
  },
  { requiredKeys: ['metrics'] },
);
const anyBody = fc.record(
  {
    metrics: fc.array(fc.constantFrom(...NAMES), { minLength: 0, maxLength: 3 }),
    grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year', 'hour'),
    from: piece,
    to: piece,
    last: fc.oneof(fc.integer({ min: -2, max: 1002 }), fc.constant(1.5)),
    groupBy: fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }),
    where: fc.dictionary(fc.constantFrom(...NAMES, 'x y'), fc.array(piece, { maxLength: 3 }), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);
const whereBody = fc.oneof(anyBody, goodBody);

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

test('query parameters: the schemas never throw; what they accept compiles to a Result', () => {
  const project = openProject(f.dir).project;
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(metricName, query, whereBody, (name, text, body) => {
      const q = metricValuesQuery.safeParse(Object.fromEntries(new URLSearchParams(text)));
      if (q.success) {
        const r = compileMetricQuery(
          project,
          {
            metrics: [decodeURIComponent(name)],
            ...(q.data.grain ? { grain: q.data.grain } : {}),
            ...(q.data.from ? { from: q.data.from } : {}),
            ...(q.data.to ? { to: q.data.to } : {}),
            ...(q.data.by ? { groupBy: [q.data.by] } : {}),
          },
          duckdbDialect,
        );
        assert.ok(isResultShaped(r), JSON.stringify(r).slice(0, 300));
      }
      const b = queryBodySchema.safeParse(body);
      if (b.success) {
        const { last: _last, ...request } = b.data;
        const r = compileMetricQuery(project, request, duckdbDialect);
        assert.ok(isResultShaped(r), JSON.stringify(r).slice(0, 300));
      }
      assertNoPollution(protoBefore);
    }),
    fuzzRuns('query-schemas', 6_000),
  );
});

test('query parameters: GET /api/metrics/{name}/values on a real server, 2xx or a clean 4xx', async () => {
  const protoBefore = prototypeKeys();
  const seen = tally();
  await fc.assert(
    fc.asyncProperty(metricName, query, async (name, text) => {
      const path = `/api/metrics/${name}/values?${text}`;
      seen.add(assertClean(await call(f, 'GET', path, { token: f.tokens.read }), path));
    }),
    fuzzRuns('query-values-route', 500),
  );
  console.log(`# query-values-route answers ${seen.text()}`);
  await assertUp(f);
  assertNoPollution(protoBefore);
});

test('query parameters: POST /api/query bodies on a real server, 2xx or a clean 4xx', async () => {
  const seen = tally();
  await fc.assert(
    fc.asyncProperty(whereBody, async (body) => {
      seen.add(
        assertClean(
          await call(f, 'POST', '/api/query', { token: f.tokens.read, body }),
          JSON.stringify(body),
        ),
      );
    }),
    fuzzRuns('query-body-route', 300),
  );
  console.log(`# query-body-route answers ${seen.text()}`);
  await assertUp(f);
});

test('query parameters: --last past 1000 periods is refused at once (it was walked back period by period)', async () => {
  const lp = openProject(f.dir);
  await assert.rejects(
    queryMetrics(lp, { metrics: ['sessions'], grain: 'day', last: 1e9, today: '2026-01-31' }),
    (e: Error & { code?: string }) => e.code === 'query.last_out_of_range',
  );
  const ok = await queryMetrics(lp, { metrics: ['sessions'], grain: 'day', last: 1000, today: '2026-01-31' });
  assert.ok(ok.rows.length > 0);
});
