// Theme terms on a hand-made pair of periods: this week's negative mentions pile up about
// shipping; last week's were about the app. The top theme is shipping, with its examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { themeTerms } from './theme-terms.js';

const previous = [
  'the app keeps crashing',
  'app login broken again',
  'the app is slow today',
  'price went up, not happy',
  'app crashed twice',
  'support never answered',
];
const current = [
  'my parcel is late, shipping is a joke',
  'shipping delay again, still no parcel',
  'ten days and the shipping still says pending',
  'the app keeps crashing',
  'shipping delay is ridiculous',
  'price went up, not happy',
  'where is my parcel? shipping delay',
];

test('the over-represented theme this period, with example mentions', () => {
  const themes = themeTerms(current, previous, { top: 3, minCount: 2 });
  assert.equal(themes[0]?.term, 'shipping');
  assert.equal(themes[0]?.current, 5);
  assert.equal(themes[0]?.previous, 0);
  assert.deepEqual(themes[0]?.examples, [0, 1, 2]);
  const terms = themes.map((t) => t.term);
  // "parcel" (3 vs 0) is a theme too; "app" (1 vs 4) and "price" (1 vs 1) are not.
  assert.ok(terms.includes('parcel'), terms.join(', '));
  assert.ok(!terms.includes('app') && !terms.includes('price'));
  // The phrase "shipping delay" is not listed beside "shipping" (same theme).
  assert.ok(!terms.includes('shipping delay'));
  for (const t of themes) assert.ok(t.z > 0);
});

test('no themes from an empty period; stop words and users never are themes', () => {
  assert.deepEqual(themeTerms([], previous), []);
  const t = themeTerms(['@bob the the the', '@bob the and', '@bob the'], [], { minCount: 1 });
  assert.deepEqual(t, []);
});
