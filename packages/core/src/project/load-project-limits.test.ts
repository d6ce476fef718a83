// The loader's structural limits: an alias bomb and an oversized file are issues that
// name the file and the limit (never an exception), and project.limits raises the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, MAX_PROJECT_FILE_CHARS } from './load-project.js';

const MAIN = (limits = ''): string => `version: 1
project:
  name: T
${limits}datasets:
  ads:
    time: date
    key: [date]
    columns: { date: { type: date }, clicks: { type: integer } }
`;

/** A billion-laughs document: 9 levels of 9 aliases each (9^9 copies when expanded). */
const BOMB = `annotations:
  - { date: 2026-01-01, text: a, tags: &a [x, x, x, x, x, x, x, x, x] }
  - { date: 2026-01-01, text: b, tags: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a] }
  - { date: 2026-01-01, text: c, tags: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b] }
  - { date: 2026-01-01, text: d, tags: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c] }
  - { date: 2026-01-01, text: e, tags: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d] }
  - { date: 2026-01-01, text: f, tags: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e] }
  - { date: 2026-01-01, text: g, tags: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f] }
  - { date: 2026-01-01, text: h, tags: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g] }
  - { date: 2026-01-01, text: i, tags: [*h, *h, *h, *h, *h, *h, *h, *h, *h] }
`;

test('an alias bomb in a definitions file is an issue naming the file and the limit', () => {
  const r = loadProject([
    { path: 'kpi.yaml', text: MAIN() },
    { path: 'definitions/bomb.yaml', text: BOMB },
  ]);
  assert.equal(r.ok, false);
  const issues = r.ok ? [] : r.issues;
  assert.equal(issues.length, 1);
  const i = issues[0];
  assert.equal(i?.code, 'limit.yaml_aliases');
  assert.equal(i?.position?.file, 'definitions/bomb.yaml');
  assert.match(i?.message ?? '', /^definitions\/bomb\.yaml: .*limit of 100 alias expansions/);
  assert.match(i?.hint ?? '', /project\.limits\.yaml_aliases in kpi\.yaml/);
});

test('a few aliases are fine, and project.limits.yaml_aliases raises the limit for every file', () => {
  const few = `annotations:
  - { date: 2026-01-01, title: a, scope: { channel: &t [x, y] } }
  - { date: 2026-01-02, title: b, scope: { channel: *t } }
`;
  const r = loadProject([
    { path: 'kpi.yaml', text: MAIN() },
    { path: 'definitions/few.yaml', text: few },
  ]);
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.value.annotations[1]?.scope, { channel: ['x', 'y'] });
  // One anchored text used 60 times: 60 expansions, over 50 and under 100.
  const medium =
    'annotations:\n  - { date: 2026-01-01, title: a, description: &d shared }\n' +
    Array.from({ length: 60 }, (_, i) => `  - { date: 2026-01-01, title: t${i}, description: *d }\n`).join(
      '',
    );
  const low = loadProject([
    { path: 'kpi.yaml', text: MAIN('  limits: { yaml_aliases: 50 }\n') },
    { path: 'definitions/m.yaml', text: medium },
  ]);
  assert.equal(low.ok ? 'ok' : low.issues[0]?.code, 'limit.yaml_aliases');
  const high = loadProject([
    { path: 'kpi.yaml', text: MAIN('  limits: { yaml_aliases: 1000 }\n') },
    { path: 'definitions/m.yaml', text: medium },
  ]);
  assert.equal(high.ok ? 'ok' : high.issues[0]?.code, 'ok');
});

test('a limit above its ceiling is a schema issue on the setting', () => {
  const r = loadProject([{ path: 'kpi.yaml', text: MAIN('  limits: { json_depth: 100000 }\n') }]);
  assert.equal(r.ok, false);
  const i = r.ok ? undefined : r.issues[0];
  assert.deepEqual(i?.path, ['project', 'limits', 'json_depth']);
  assert.equal(i?.position?.line, 4);
});

test('a project file over the size cap is refused before it is parsed', () => {
  const big = `# ${'x'.repeat(MAX_PROJECT_FILE_CHARS)}\n`;
  const r = loadProject([
    { path: 'kpi.yaml', text: MAIN() },
    { path: 'definitions/big.yaml', text: big },
  ]);
  const i = r.ok ? undefined : r.issues[0];
  assert.equal(i?.code, 'limit.yaml_bytes');
  assert.match(
    i?.message ?? '',
    /^definitions\/big\.yaml is 5,242,883 characters; a project file may have at most 5,242,880/,
  );
});

test('a document nested thousands of levels deep is an issue, not a crash', () => {
  const deep = `annotations: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n`;
  const r = loadProject([
    { path: 'kpi.yaml', text: MAIN() },
    { path: 'definitions/deep.yaml', text: deep },
  ]);
  const i = r.ok ? undefined : r.issues[0];
  assert.equal(i?.code, 'limit.yaml_depth');
  assert.equal(i?.position?.file, 'definitions/deep.yaml');
  assert.match(i?.message ?? '', /^definitions\/deep\.yaml: the document nests too deeply to be read/);
});
