// The text table: identifiers (dimension and period values) keep their digits as written,
// metric values go through the one formatter with their unit and decimals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from './table-output.js';

test('a numeric campaign id and a year have no thousands separator; a metric has', () => {
  const out = renderTable(
    [
      { name: 'year', role: 'period' },
      { name: 'campaign_id', role: 'dimension' },
      { name: 'clicks', role: 'metric', unit: 'count' },
      { name: 'ctr', role: 'metric', unit: 'percent', decimals: 1 },
    ],
    [{ year: 2026, campaign_id: 1178, clicks: 1178, ctr: 0.0321 }],
  );
  assert.equal(
    out,
    [
      'year  campaign_id  clicks   ctr',
      '----  -----------  ------  ----',
      '2026         1178   1,178  3.2%',
      '',
    ].join('\n'),
  );
});
