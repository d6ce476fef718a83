// The one formatter, against strings written by hand: units, small rates and prices at
// two significant digits, whole counts, percentage points, identifiers, plurals, columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatChange,
  formatColumn,
  formatIdentifier,
  formatPair,
  formatValue,
  plural,
} from './number-format.js';

test('units, currency, percent, compact, empty', () => {
  assert.equal(formatValue(0.032, { unit: 'percent' }), '3.20%');
  assert.equal(formatValue(0.002, { unit: 'percent' }), '0.20%');
  assert.equal(formatValue(0.62, { unit: 'percent' }), '62.0%');
  assert.equal(formatValue(1234.5, { unit: 'currency', currency: 'USD' }), '$1,235');
  assert.equal(formatValue(12.5, { unit: 'currency', currency: 'EUR' }), '€12.50');
  assert.equal(formatValue(1_234_567, { unit: 'count', compact: true }), '1.2M');
  assert.equal(formatValue(1_234_567, { unit: 'count' }), '1,234,567');
  assert.equal(formatValue(95, { unit: 'duration' }), '1m 35s');
  assert.equal(formatValue(null), '—');
  assert.equal(formatValue(Number.NaN, { unit: 'percent' }), '—');
});

test('small rates and prices keep two significant digits', () => {
  // 0.000179 is 0.0179%: two decimals would show 0.02%, hiding the value.
  assert.equal(formatValue(0.000179, { unit: 'percent' }), '0.018%');
  assert.equal(formatValue(0.0000042, { unit: 'percent' }), '0.00042%');
  assert.equal(formatValue(0, { unit: 'percent' }), '0.00%');
  assert.equal(formatValue(0.082, { unit: 'currency', currency: 'USD' }), '$0.082');
  assert.equal(formatValue(0.0049, { unit: 'currency', currency: 'USD' }), '$0.0049');
  assert.equal(formatValue(0.5, { unit: 'currency', currency: 'USD' }), '$0.50');
  assert.equal(formatValue(0.00123), '0.0012');
});

test('counts are whole; a count that is not whole is marked as approximate', () => {
  assert.equal(formatValue(2136.1, { unit: 'count' }), '≈2,136');
  assert.equal(formatValue(1506.5, { unit: 'count' }), '≈1,507');
  assert.equal(formatValue(0.4, { unit: 'count' }), '≈0.4');
  assert.equal(formatValue(2136, { unit: 'count' }), '2,136');
});

test('a metric’s own decimals win over the defaults', () => {
  assert.equal(formatValue(0.032, { unit: 'percent', decimals: 1 }), '3.2%');
  assert.equal(formatValue(0.082, { unit: 'currency', currency: 'USD', decimals: 2 }), '$0.08');
  assert.equal(formatValue(1506.5, { unit: 'count', decimals: 1 }), '1,506.5');
  assert.equal(formatValue(2.5, { decimals: 0 }), '3');
});

test('changes: signed with a real minus, percentage points for percent metrics', () => {
  assert.equal(formatChange(0.0514, { unit: 'percent' }), '+5.1 pp');
  assert.equal(formatChange(-0.0001, { unit: 'percent' }), '−0.01 pp');
  assert.equal(formatChange(0.0006, { unit: 'percent' }), '+0.06 pp');
  assert.equal(formatChange(0.05, { unit: 'percent' }), '+5.0 pp');
  assert.equal(formatChange(-56, { unit: 'currency', currency: 'USD' }), '−$56.00');
  assert.equal(formatChange(1234, { unit: 'count' }), '+1,234');
  assert.equal(formatChange(0, { unit: 'count' }), '0');
  assert.equal(formatChange(null), '—');
});

test('identifiers and years carry no thousands separator', () => {
  assert.equal(formatIdentifier(1178), '1178');
  assert.equal(formatIdentifier(2026), '2026');
  assert.equal(formatIdentifier('c-9'), 'c-9');
  assert.equal(formatIdentifier(null), '—');
});

test('plurals', () => {
  assert.equal(plural(1, 'day'), '1 day');
  assert.equal(plural(2, 'day'), '2 days');
  assert.equal(plural(0, 'send'), '0 sends');
  assert.equal(plural(1506, 'send'), '1,506 sends');
  assert.equal(plural(3, 'person', 'people'), '3 people');
});

test('one rule of decimals per column', () => {
  assert.deepEqual(formatColumn([0.002, 0.000179, null], { unit: 'percent' }), ['0.200%', '0.018%', '—']);
  assert.deepEqual(formatColumn([0.62, 0.032], { unit: 'percent' }), ['62.00%', '3.20%']);
  assert.deepEqual(formatColumn([1200, 0.082], { unit: 'currency', currency: 'USD' }), [
    '$1,200.000',
    '$0.082',
  ]);
  assert.deepEqual(formatColumn([12, 7], { unit: 'count' }), ['12', '7']);
});

test('two values compared in one sentence never read the same when they differ', () => {
  assert.deepEqual(formatPair(0.000179, 0.0002, { unit: 'percent' }), ['0.018%', '0.020%']);
  assert.deepEqual(formatPair(0.00201, 0.002, { unit: 'percent' }), ['0.201%', '0.200%']);
  assert.deepEqual(formatPair(0.002, 0.002, { unit: 'percent' }), ['0.20%', '0.20%']);
  assert.deepEqual(formatPair(88.004, 88, { unit: 'currency', currency: 'EUR' }), ['€88.004', '€88.000']);
  assert.deepEqual(formatPair(0.00201, 0.002, { unit: 'percent', compact: true }), ['0.201%', '0.200%']);
  assert.deepEqual(formatPair(1_234_567, 1_234_000, { unit: 'count', compact: true }), ['1.2M', '1.2M']);
});
