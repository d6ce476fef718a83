// describeChange / changedFields on history rows shaped like the demo server's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, describeChange } from './describe-change';

test('a target change is said field by field, one level deep', () => {
  const before = { metric: 'ctr', target: { kind: 'stay_above', value: 0.013 }, owner: 'Priya' };
  const after = { metric: 'ctr', target: { kind: 'stay_above', value: 5 }, owner: 'Priya Nair' };
  assert.deepEqual(changedFields(before, after), ['target.value: 0.013 → 5', 'owner: Priya → Priya Nair']);
});

test('creation, removal and no visible change', () => {
  assert.equal(describeChange('create', null, { a: 1 }), 'created');
  assert.equal(describeChange('update', { a: 1 }, null), 'removed');
  assert.equal(describeChange('update', { a: 1 }, { a: 1 }), 'update');
  assert.equal(describeChange('update', { a: 1 }, { b: 2 }), 'a: 1 → (none); b: (none) → 2');
});
