// Matching file headers onto dataset columns as the server's importer does, and the
// preview of the rows as they will land.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetInfo } from '../../api/api-types';
import {
  autoMapping,
  duplicateHeaders,
  explicitMapping,
  missingRequired,
  previewRows,
  unusedHeaders,
} from './column-map';

const ds: DatasetInfo = {
  name: 'ads',
  time: 'date',
  key: ['date', 'campaign'],
  columns: {
    date: { type: 'date' },
    campaign: { type: 'string', source: ['Campaign name', 'cmp'] },
    link_clicks: { type: 'integer' },
    spend: { type: 'number', required: true },
    note: { type: 'string' },
  },
};

test('headers match case-insensitively, spaces and dashes as underscores, through source names', () => {
  const headers = ['DATE', 'Campaign Name', 'Link-Clicks', 'Spend ', 'extra'];
  assert.deepEqual(autoMapping(headers, ds), {
    date: 'DATE',
    campaign: 'Campaign Name',
    link_clicks: 'Link-Clicks',
    spend: 'Spend ',
    note: '',
  });
  assert.deepEqual(unusedHeaders(headers, autoMapping(headers, ds)), ['extra']);
});

test('an exact name wins over a loose one, and a header serves one column only', () => {
  const two: DatasetInfo = {
    ...ds,
    columns: { a_b: { type: 'string' }, ab: { type: 'string', source: 'a b' } },
  };
  // "a b" is exact for ab (its source) and loose for a_b: a_b takes it first (columns in order),
  // then ab finds nothing free.
  assert.deepEqual(autoMapping(['a b'], two), { a_b: 'a b', ab: '' });
  assert.deepEqual(autoMapping(['a_b', 'a b'], two), { a_b: 'a_b', ab: 'a b' });
});

test('required: time, key and required columns', () => {
  const m = autoMapping(['date', 'note'], ds);
  assert.deepEqual(missingRequired(m, ds), ['campaign', 'spend']);
});

test('explicit mapping and duplicates', () => {
  const m = { date: 'd', campaign: '', spend: 's', link_clicks: 's' };
  assert.deepEqual(explicitMapping(m, ['date', 'campaign', 'spend', 'link_clicks', 'note']), {
    date: 'd',
    campaign: '',
    spend: 's',
    link_clicks: 's',
    note: '',
  });
  assert.deepEqual(duplicateHeaders(m), ['s']);
});

test('preview: one cell per dataset column, undefined where no header is chosen', () => {
  const headers = ['x', 'date', 'spend'];
  const rows = [
    ['1', '2026-01-01', '9.5'],
    ['2', '2026-01-02', ''],
  ];
  const m = { date: 'date', campaign: 'x', spend: 'spend', link_clicks: '', note: '' };
  assert.deepEqual(previewRows(headers, rows, m, ['date', 'campaign', 'spend', 'note']), [
    ['2026-01-01', '1', '9.5', undefined],
    ['2026-01-02', '2', '', undefined],
  ]);
});
