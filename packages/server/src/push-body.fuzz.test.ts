// Fault suite: the JSON / NDJSON push path under random nested values (moderate nesting;
// 30,000 levels are tried through a real `kpi serve` in cli/src/push-depth.fault.test.ts,
// where a crash is a child's exit and not this runner's). Properties: the body checks
// (parseJson, the push row schema) never throw anything but a KpiError; through the real
// route on a real server every answer is a 2xx or a clean 4xx with the error shape, never
// a 5xx; the server stays up; the stored rows are unchanged (dry runs); no prototype
// gains a key. Seed and counts: core/test/fuzz-settings.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isKpiError } from '@kpi/core';
import { parseJson } from './http/request-body.js';
import { pushRowsSchema } from './routes/api-schemas.js';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';
import { assertClean, assertUp, tally } from '../test/fuzz-http.js';
import { assertNoPollution, fuzzRuns, prototypeKeys } from '../../core/test/fuzz-settings.js';

const KEYS = [
  'date',
  'Date',
  'Day',
  'source',
  'Source',
  'sessions',
  'Sessions',
  'conversions',
  '__proto__',
  'constructor',
  'toString',
  '',
  ' ',
  'é',
  'x'.repeat(201),
];
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, fc.string({ maxLength: 6 }));
const leaf = fc.oneof(
  fc.constantFrom('2026-01-05', '2026-02-30', 'google', '', '1e999', 'NaN', 'x'.repeat(10_001)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 63, 5e-324),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 10 }),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;
/** Rows that look like web_sessions rows, with random values in random places. */
const row = fc.dictionary(key, fc.oneof({ weight: 3, arbitrary: leaf }, value), { maxKeys: 6 });
/** Well-formed rows with random values: the route's happy path gets fuzzed too. */
const goodRow = fc.record(
  {
    date: fc.constantFrom('2026-01-05', '2026-01-06', '2026-02-29', '05/01/2026'),
    source: fc.oneof(fc.constantFrom('google', 'newsletter'), fc.string({ maxLength: 8 })),
    sessions: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(-1, 1.5, 2 ** 63, '12', null)),
    conversions: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  },
  { requiredKeys: ['date', 'source', 'sessions'] },
);
/** Rows that must be accepted (any source text, whole counts). */
const cleanRow = fc.record({
  date: fc.constantFrom('2026-01-05', '2026-01-06', '2026-03-01'),
  source: fc.string({ minLength: 1, maxLength: 12 }),
  sessions: fc.nat({ max: 1_000_000 }),
});
const rows = fc.array(fc.oneof({ weight: 2, arbitrary: goodRow }, row), { minLength: 1, maxLength: 4 });
const body = fc.oneof(
  fc.array(cleanRow, { minLength: 1, maxLength: 4 }),
  rows,
  fc.array(row, { maxLength: 4 }),
  value,
  row,
);
/** Raw JSON texts: the value's JSON, cut or spliced to break it now and then. */
const jsonText = fc
  .record({
    v: body,
    cut: fc.option(fc.nat(), { nil: undefined }),
    junk: fc.constantFrom('', '', '', ',', ']', '\u0000', '\uFEFF'),
  })
  .map(({ v, cut, junk }) => {
    const text = JSON.stringify(v) ?? 'null';
    return (cut === undefined ? text : text.slice(0, cut % (text.length + 1))) + junk;
  });

test('push body checks: random JSON gives rows or a KpiError, never another throw', () => {
  const protoBefore = prototypeKeys();
  fc.assert(
    fc.property(jsonText, (text) => {
      let parsed: unknown;
      try {
        parsed = parseJson(Buffer.from(text));
      } catch (e) {
        assert.ok(isKpiError(e), String(e));
        return;
      }
      const r = pushRowsSchema.safeParse(parsed);
      if (r.success) for (const rowValue of r.data) assert.equal(typeof rowValue, 'object');
      else assert.ok(r.error.issues.length > 0);
      assertNoPollution(protoBefore);
    }),
    fuzzRuns('push-body-checks', 15_000),
  );
});

let f: Fixture;
let rowsBefore = 0;
const rowCount = async (): Promise<number> =>
  (await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows;

before(async () => {
  f = await startFixture({ limits: { pushesPerMinute: 1_000_000 } });
  rowsBefore = await rowCount();
});
after(async () => {
  await f.close();
});

const ndjsonText = fc
  .oneof(
    fc.array(cleanRow, { minLength: 1, maxLength: 4 }),
    fc.array(fc.oneof({ weight: 4, arbitrary: goodRow }, { weight: 3, arbitrary: row }, value), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map((lines) => lines.map((r) => JSON.stringify(r) ?? 'null').join('\n'));

test('push route: random JSON and NDJSON bodies on a real server get 2xx or a clean 4xx', async () => {
  const protoBefore = prototypeKeys();
  const seen = tally();
  await fc.assert(
    fc.asyncProperty(fc.boolean(), jsonText, ndjsonText, async (asJson, json, ndjson) => {
      const a = await call(f, 'POST', '/api/datasets/web_sessions/rows?dryRun=true', {
        token: f.tokens.push,
        raw: asJson ? json : ndjson,
        type: asJson ? 'application/json' : 'application/x-ndjson',
      });
      seen.add(assertClean(a, asJson ? json : ndjson));
    }),
    fuzzRuns('push-route', 200),
  );
  console.log(`# push-route answers ${seen.text()}`);
  await assertUp(f);
  assert.equal(await rowCount(), rowsBefore, 'dry runs store nothing');
  assertNoPollution(protoBefore);
});
