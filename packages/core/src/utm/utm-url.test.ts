// Building and reading tagged URLs against URLs written out by hand: percent-encoding of
// spaces, "&", "=", "#", "%", "+" and non-ASCII text; the base's own query and fragment
// kept byte for byte; utm pairs of the base replaced; "__proto__" as a parameter name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUtmUrl, parseUtmUrl } from './utm-url.js';
import { DEFAULT_UTM_RULES, type UtmRules } from './utm-params.js';

const OPEN: UtmRules = { ...DEFAULT_UTM_RULES, lowercase: false, allowSpaces: true, required: [] };
const codes = (is: readonly { code: string }[]) => is.map((i) => i.code).sort();

test('the nine parameters are written in GA4 order, after the base query, before the fragment', () => {
  const r = buildUtmUrl(
    'https://shop.example/p?ref=a%20b&x=1#reviews',
    {
      utm_marketing_tactic: 'prospecting',
      utm_content: 'hero',
      utm_campaign: 'spring_sale',
      utm_medium: 'cpc',
      utm_source: 'google',
      utm_id: 'C-17',
      utm_term: 'coffee',
      utm_source_platform: 'sa360',
      utm_creative_format: 'video',
    },
    DEFAULT_UTM_RULES,
  );
  assert.deepEqual(r.issues, []);
  assert.equal(
    r.url,
    'https://shop.example/p?ref=a%20b&x=1&utm_source=google&utm_medium=cpc&utm_campaign=spring_sale&utm_id=C-17&utm_term=coffee&utm_content=hero&utm_source_platform=sa360&utm_creative_format=video&utm_marketing_tactic=prospecting#reviews',
  );
});

test('values are percent-encoded: space %20, & %26, = %3D, # %23, % %25, + %2B, é %C3%A9', () => {
  const r = buildUtmUrl(
    'https://x.example/',
    { utm_source: 'a b', utm_medium: 'x&y=z', utm_campaign: '#1 100% café+', utm_term: '€' },
    OPEN,
  );
  assert.equal(
    r.url,
    'https://x.example/?utm_source=a%20b&utm_medium=x%26y%3Dz&utm_campaign=%231%20100%25%20caf%C3%A9%2B&utm_term=%E2%82%AC',
  );
  // And back: parsing gives the values that went in.
  const p = parseUtmUrl(r.url ?? '');
  assert.deepEqual(
    { ...p.params },
    { utm_source: 'a b', utm_medium: 'x&y=z', utm_campaign: '#1 100% café+', utm_term: '€' },
  );
  assert.equal(p.base, 'https://x.example/');
});

test('a base that already carries utm pairs has them replaced, other pairs kept in order', () => {
  const r = buildUtmUrl(
    'https://x.example/a?utm_source=old&keep=1&utm_campaign=old&&',
    { utm_source: 'meta', utm_medium: 'paid_social', utm_campaign: 'launch' },
    DEFAULT_UTM_RULES,
  );
  assert.equal(
    r.url,
    'https://x.example/a?keep=1&utm_source=meta&utm_medium=paid_social&utm_campaign=launch',
  );
  assert.deepEqual(r.replaced, ['utm_source', 'utm_campaign']);
  // A base ending in "?" gets no doubled separator; a fragment with "?" stays the fragment.
  const q = buildUtmUrl(
    'https://x.example/?#a?b=c',
    { utm_source: 's', utm_medium: 'm', utm_campaign: 'c' },
    DEFAULT_UTM_RULES,
  );
  assert.equal(q.url, 'https://x.example/?utm_source=s&utm_medium=m&utm_campaign=c#a?b=c');
});

test('a bad base URL gives no URL and says why', () => {
  const v = { utm_source: 's', utm_medium: 'm', utm_campaign: 'c' };
  assert.deepEqual(codes(buildUtmUrl('shop.example/p', v, DEFAULT_UTM_RULES).issues), ['utm.base_invalid']);
  assert.deepEqual(codes(buildUtmUrl('ftp://shop.example/p', v, DEFAULT_UTM_RULES).issues), [
    'utm.base_scheme',
  ]);
  assert.deepEqual(codes(buildUtmUrl('https://shop.example/a b', v, DEFAULT_UTM_RULES).issues), [
    'utm.base_spaces',
  ]);
  assert.deepEqual(codes(buildUtmUrl('  ', v, DEFAULT_UTM_RULES).issues), ['utm.base_missing']);
  assert.equal(buildUtmUrl('https://', v, DEFAULT_UTM_RULES).url, undefined);
});

test('rules: missing required, capitals, spaces, separator, unknown source with a suggestion; --normalize fixes the style', () => {
  const rules: UtmRules = {
    ...DEFAULT_UTM_RULES,
    separator: '_',
    sources: ['google', 'meta', 'newsletter'],
    mediums: ['cpc', 'email'],
  };
  const r = buildUtmUrl(
    'https://x.example/',
    { utm_source: 'Gogle', utm_medium: 'e-mail', utm_campaign: 'Spring Sale' },
    rules,
  );
  assert.deepEqual(codes(r.issues), [
    'utm.medium_unknown',
    'utm.source_unknown',
    'utm.value_case',
    'utm.value_case',
    'utm.value_separator',
    'utm.value_spaces',
  ]);
  const src = r.issues.find((i) => i.code === 'utm.source_unknown');
  assert.match(src?.hint ?? '', /did you mean "google"\?/);
  const n = buildUtmUrl(
    'https://x.example/',
    { utm_source: 'Google', utm_medium: 'EMAIL', utm_campaign: ' Spring  Sale-2026 ' },
    rules,
    { normalize: true },
  );
  assert.deepEqual(n.issues, []);
  assert.equal(n.url, 'https://x.example/?utm_source=google&utm_medium=email&utm_campaign=spring_sale_2026');
  const missing = buildUtmUrl('https://x.example/', { utm_source: 'google', utm_campaign: '  ' }, rules);
  assert.deepEqual(codes(missing.issues), ['utm.param_missing', 'utm.param_missing']);
  // utm_id is another system's identifier: its capitals are not a problem.
  assert.deepEqual(
    buildUtmUrl(
      'https://x.example/',
      { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'a', utm_id: 'AB-12' },
      rules,
    ).issues,
    [],
  );
});

test('parse: "+" reads as a space, broken escapes, duplicates, upper-case names and typos are reported', () => {
  const p = parseUtmUrl(
    'https://x.example/p?a=1&UTM_Source=google&utm_source=bing&utm_medium=paid+social&utm_campaign=50%&utm_campain=x#top',
  );
  assert.deepEqual({ ...p.params }, { utm_source: 'google', utm_medium: 'paid social', utm_campaign: '50%' });
  assert.deepEqual(codes(p.issues), [
    'utm.bad_encoding',
    'utm.param_case',
    'utm.param_duplicate',
    'utm.param_unknown',
  ]);
  assert.match(p.issues.find((i) => i.code === 'utm.param_unknown')?.hint ?? '', /utm_campaign/);
  assert.deepEqual(p.other, [
    ['a', '1'],
    ['utm_campain', 'x'],
  ]);
  assert.equal(p.base, 'https://x.example/p?a=1&utm_campain=x#top');
});

test('"__proto__" and "constructor" are query names like any other; no prototype is touched', () => {
  const p = parseUtmUrl(
    'https://x.example/?__proto__=polluted&constructor=1&utm_source=s&__proto__%5Bx%5D=1',
  );
  assert.deepEqual(p.other, [
    ['__proto__', 'polluted'],
    ['constructor', '1'],
    ['__proto__[x]', '1'],
  ]);
  assert.equal(Object.getPrototypeOf(p.params), null);
  assert.deepEqual(Object.keys(p.params), ['utm_source']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'x'), false);
  // Building with a base that has __proto__ keeps it verbatim.
  const b = buildUtmUrl(
    'https://x.example/?__proto__=1',
    { utm_source: 's', utm_medium: 'm', utm_campaign: 'c' },
    DEFAULT_UTM_RULES,
  );
  assert.equal(b.url, 'https://x.example/?__proto__=1&utm_source=s&utm_medium=m&utm_campaign=c');
});

test('parse with rules checks each value and the required ones', () => {
  const p = parseUtmUrl('https://x.example/?utm_source=Meta&utm_campaign=a', DEFAULT_UTM_RULES);
  assert.deepEqual(codes(p.issues), ['utm.param_missing', 'utm.value_case']);
});
