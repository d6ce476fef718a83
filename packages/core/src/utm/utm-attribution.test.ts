// The attribution join on a small case computed by hand: spelling-blind matching, costs per
// conversion, both unmatched sides, untagged sessions apart, and the totals adding up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeCampaigns } from './utm-attribution.js';

test('sessions and conversions join the paid campaigns; the rest is listed on its side', () => {
  const r = attributeCampaigns(
    [
      { campaign: 'spring_sale', sessions: 900, conversions: 30 },
      { campaign: 'Spring Sale', sessions: 100, conversions: 2 },
      { campaign: 'launch', sessions: 400, conversions: 0 },
      { campaign: 'newsletter_w12', sessions: 250, conversions: 10 },
      { campaign: '(not set)', sessions: 5000, conversions: 90 },
    ],
    [
      { campaign: 'spring_sale', spend: 1200, dataset: 'paid_a' },
      { campaign: 'spring_sale', spend: 400, dataset: 'paid_b' },
      { campaign: 'launch', spend: 300, dataset: 'paid_a' },
      { campaign: 'brand_always_on', spend: 75.5, dataset: 'paid_b' },
    ],
  );
  assert.deepEqual(r.campaigns, [
    {
      campaign: 'spring_sale',
      datasets: ['paid_a', 'paid_b'],
      spend: 1600,
      sessions: 1000,
      conversions: 32,
      costPerSession: 1.6,
      costPerConversion: 50,
      conversionRate: 0.032,
      utmCampaigns: ['Spring Sale', 'spring_sale'],
    },
    {
      campaign: 'launch',
      datasets: ['paid_a'],
      spend: 300,
      sessions: 400,
      conversions: 0,
      costPerSession: 0.75,
      costPerConversion: null,
      conversionRate: 0,
      utmCampaigns: ['launch'],
    },
  ]);
  assert.deepEqual(r.unmatchedSessions, [{ campaign: 'newsletter_w12', sessions: 250, conversions: 10 }]);
  assert.deepEqual(r.unmatchedSpend, [{ campaign: 'brand_always_on', spend: 75.5, dataset: 'paid_b' }]);
  assert.deepEqual(r.untagged, { sessions: 5000, conversions: 90 });
  assert.deepEqual(r.totals, {
    spend: 1975.5,
    matchedSpend: 1900,
    sessions: 6650,
    matchedSessions: 1400,
    conversions: 132,
    matchedConversions: 32,
  });
});
