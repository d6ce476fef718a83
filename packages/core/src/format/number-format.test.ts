import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue } from './number-format.js';

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
