// Member display names from the datasets' labels: a labelled member by its label, any other
// as it is, prototype keys never read.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetInfo } from '../../api/api-types';
import { memberNamer } from './member-labels';

const ds = (name: string, columns: DatasetInfo['columns']): DatasetInfo => ({
  name,
  time: 'date',
  key: ['date'],
  columns,
});

test('a member is named by the first dataset whose dimension column labels it, else shown as it is', () => {
  const name = memberNamer([
    ds('ads', {
      date: { type: 'date' },
      market: { type: 'string', label: 'Market', labels: { de: 'Germany', nl: 'Netherlands' } },
    }),
    ds('crm', {
      date: { type: 'date' },
      market: { type: 'string', labels: { at: 'Austria', de: 'Deutschland' } },
      stage: { type: 'string' },
    }),
  ]);
  assert.equal(name('market', 'de'), 'Germany');
  assert.equal(name('market', 'at'), 'Austria');
  assert.equal(name('market', 'ch'), 'ch');
  assert.equal(name('stage', 'won'), 'won');
  assert.equal(name('channel', 'meta_ads'), 'meta_ads');
  assert.equal(name('market', '__proto__'), '__proto__');
  assert.equal(name('market', 'constructor'), 'constructor');
  assert.equal(name('__proto__', 'de'), 'de');
  assert.equal(memberNamer(undefined)('market', 'de'), 'de');
});
