// Every platform template on a real DuckDB project: `addTemplate` writes its definitions,
// its fixture (written by hand from the platform's documented export columns and shape)
// imports with no option and no edit, and its metrics equal the sums and ratios computed
// by hand from the fixture's rows (worked out in the comments).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PLATFORM_TEMPLATES,
  addTemplate,
  fixedClock,
  importDataset,
  initProject,
  openProject,
  queryMetrics,
} from '@kpi/app';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
let dir = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-templates-'));
  await initProject({ dir, timezone: 'Europe/Berlin', currency: 'EUR' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const lp = () => openProject(dir, { clock: fixedClock('2026-12-01T09:00:00Z') });

/** Imports the fixture and returns the metrics' totals over November 2026. */
const totals = async (
  dataset: string,
  fixture: string,
  metrics: readonly string[],
): Promise<Record<string, number>> => {
  const s = await importDataset(lp(), dataset, join(FIXTURES, fixture));
  assert.equal(s.rejected, 0);
  const q = await queryMetrics(lp(), { metrics, from: '2026-11-01', to: '2026-11-30' });
  assert.equal(q.rows.length, 1);
  return Object.fromEntries(metrics.map((m) => [m, Number(q.rows[0]?.[m])]));
};

const close = (actual: Record<string, number>, expected: Record<string, number>): void => {
  for (const [k, v] of Object.entries(expected))
    assert.ok(
      Math.abs((actual[k] ?? NaN) - v) < 1e-9 * Math.max(1, Math.abs(v)),
      `${k}: ${actual[k]} vs ${v}`,
    );
};

describe('platform templates', () => {
  test('each template adds once; a second add is refused without --force', () => {
    for (const t of PLATFORM_TEMPLATES) {
      const out = addTemplate(dir, t.name);
      assert.equal(out.file, `definitions/${t.name}.yaml`);
      assert.match(readFileSync(join(dir, out.file), 'utf8'), /^# yaml-language-server/);
    }
    assert.throws(() => addTemplate(dir, 'meta-ads'), { code: 'template.exists' });
    assert.throws(() => addTemplate(dir, 'myspace'), { code: 'template.not_found' });
    assert.doesNotThrow(() => addTemplate(dir, 'meta-ads', { force: true }));
  });

  test('Meta Ads Manager: currency in the header, empty cells, extra columns', async () => {
    const t = await totals('meta_ads', 'meta-ads.csv', [
      'meta_spend',
      'meta_impressions',
      'meta_link_clicks',
      'meta_results',
      'meta_ctr',
      'meta_cpc',
      'meta_cpm',
      'meta_cost_per_result',
    ]);
    // spend 54.50 + 20.25 + 60.00 + 15.25 = 150; impressions 12000 + 5000 + 13000 + 10000 = 40000;
    // link clicks 240 + 50 + 260 (+ empty) = 550; results 12 + 2 + 15 = 29.
    close(t, {
      meta_spend: 150,
      meta_impressions: 40000,
      meta_link_clicks: 550,
      meta_results: 29,
      meta_ctr: 550 / 40000,
      meta_cpc: 150 / 550,
      meta_cpm: 3.75,
      meta_cost_per_result: 150 / 29,
    });
  });

  test('Google Ads: UTF-16 TSV, title and date-range rows, thousands separators, totals rows', async () => {
    const t = await totals('google_ads', 'google-ads.csv', [
      'gads_cost',
      'gads_impressions',
      'gads_clicks',
      'gads_conversions',
      'gads_conversion_value',
      'gads_ctr',
      'gads_avg_cpc',
      'gads_conversion_rate',
      'gads_cost_per_conversion',
      'gads_roas',
    ]);
    // The two "Total: ..." rows are left out: cost 1234.50 + 300 + 1100 = 2634.50, not 7603.50.
    close(t, {
      gads_cost: 2634.5,
      gads_impressions: 44500,
      gads_clicks: 1950,
      gads_conversions: 84.5,
      gads_conversion_value: 8450,
      gads_ctr: 1950 / 44500,
      gads_avg_cpc: 2634.5 / 1950,
      gads_conversion_rate: 84.5 / 1950,
      gads_cost_per_conversion: 2634.5 / 84.5,
      gads_roas: 8450 / 2634.5,
    });
  });

  test('GA4: "#" comment lines, YYYYMMDD dates, a Grand total row', async () => {
    const t = await totals('ga4_traffic', 'ga4.csv', [
      'ga4_sessions',
      'ga4_engaged_sessions',
      'ga4_engagement_rate',
      'ga4_key_events',
      'ga4_key_events_per_session',
      'ga4_revenue',
    ]);
    // sessions 1000 + 400 + 900 + 150 = 2450 (the Grand total row, also 2450, is not counted again).
    close(t, {
      ga4_sessions: 2450,
      ga4_engaged_sessions: 1530,
      ga4_engagement_rate: 1530 / 2450,
      ga4_key_events: 61,
      ga4_key_events_per_session: 61 / 2450,
      ga4_revenue: 3820.5,
    });
  });

  test('Shopify orders: line-item rows, totals on the first row of each order, +0100 times', async () => {
    const t = await totals('shopify_orders', 'shopify-orders.csv', [
      'shopify_orders',
      'shopify_total_sales',
      'shopify_paid_sales',
      'shopify_units_sold',
      'shopify_discounts',
      'shopify_average_order_value',
    ]);
    // Orders #1001, #1002 (two line items), #1003; totals 101.15 + 130.90 + 59.50; paid: the first two.
    close(t, {
      shopify_orders: 3,
      shopify_total_sales: 291.55,
      shopify_paid_sales: 232.05,
      shopify_units_sold: 7,
      shopify_discounts: 12,
      shopify_average_order_value: 291.55 / 3,
    });
  });

  test('Mailchimp: "Nov 05, 2026 10:00 am" send dates; rates recomputed from the counts', async () => {
    const t = await totals('mailchimp_campaigns', 'mailchimp.csv', [
      'mc_campaigns_sent',
      'mc_recipients',
      'mc_delivered',
      'mc_unique_opens',
      'mc_unique_clicks',
      'mc_open_rate',
      'mc_click_rate',
      'mc_unsubscribe_rate',
      'mc_bounce_rate',
    ]);
    close(t, {
      mc_campaigns_sent: 2,
      mc_recipients: 4100,
      mc_delivered: 4030,
      mc_unique_opens: 1819,
      mc_unique_clicks: 305,
      mc_open_rate: 1819 / 4030,
      mc_click_rate: 305 / 4030,
      mc_unsubscribe_rate: 15 / 4030,
      mc_bounce_rate: 70 / 4100,
    });
    const q = await queryMetrics(lp(), {
      metrics: ['mc_recipients'],
      grain: 'day',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    // 07:30 pm is read as 19:30, still the 27th in Berlin.
    assert.deepEqual(
      q.rows.map((r) => String(r['period']).slice(0, 10)),
      ['2026-11-05', '2026-11-27'],
    );
  });

  test('HubSpot contacts and deals: counts by create date, stages as filters', async () => {
    close(await totals('hubspot_contacts', 'hubspot-contacts.csv', ['hs_new_contacts', 'hs_new_mqls']), {
      hs_new_contacts: 4,
      hs_new_mqls: 2,
    });
    const t = await totals('hubspot_deals', 'hubspot-deals.csv', [
      'hs_deals_created',
      'hs_pipeline_amount',
      'hs_deals_won',
      'hs_won_amount',
      'hs_win_rate',
    ]);
    // 12000 + 5000 + 8000 + 3500.50; won: 9001 and 9004.
    close(t, {
      hs_deals_created: 4,
      hs_pipeline_amount: 28500.5,
      hs_deals_won: 2,
      hs_won_amount: 15500.5,
      hs_win_rate: 0.5,
    });
  });

  test('LinkedIn Campaign Manager: report lines above the header, 11/1/2026 dates', async () => {
    const t = await totals('linkedin_ads', 'linkedin-ads.csv', [
      'li_spend',
      'li_impressions',
      'li_clicks',
      'li_conversions',
      'li_leads',
      'li_ctr',
      'li_cpc',
      'li_cpm',
      'li_cost_per_lead',
    ]);
    // 250.00 + 80.50 + 230.00 = 560.50; impressions 20000 + 8000 + 18000; leads 10 + 2 + 8.
    close(t, {
      li_spend: 560.5,
      li_impressions: 46000,
      li_clicks: 260,
      li_conversions: 6,
      li_leads: 20,
      li_ctr: 260 / 46000,
      li_cpc: 560.5 / 260,
      li_cpm: (560.5 / 46000) * 1000,
      li_cost_per_lead: 560.5 / 20,
    });
  });

  test('TikTok Ads Manager: a ;-separated German export with decimal commas', async () => {
    const t = await totals('tiktok_ads', 'tiktok-ads.csv', [
      'tt_cost',
      'tt_impressions',
      'tt_clicks',
      'tt_conversions',
      'tt_video_views',
      'tt_ctr',
      'tt_cpc',
      'tt_cpm',
      'tt_cost_per_conversion',
    ]);
    // 45,50 + 30,25 + 1.050,00 = 1125.75.
    close(t, {
      tt_cost: 1125.75,
      tt_impressions: 84000,
      tt_clicks: 1890,
      tt_conversions: 55,
      tt_video_views: 50000,
      tt_ctr: 1890 / 84000,
      tt_cpc: 1125.75 / 1890,
      tt_cpm: (1125.75 / 84000) * 1000,
      tt_cost_per_conversion: 1125.75 / 55,
    });
  });

  test('Search Console: Dates.csv by day, Queries.csv as a snapshot of its import date', async () => {
    close(
      await totals('gsc_dates', 'search-console-dates.csv', [
        'gsc_clicks',
        'gsc_impressions',
        'gsc_ctr',
        'gsc_avg_position',
      ]),
      { gsc_clicks: 200, gsc_impressions: 7000, gsc_ctr: 200 / 7000, gsc_avg_position: 8 },
    );
    const s = await importDataset(lp(), 'gsc_queries', join(FIXTURES, 'search-console-queries.csv'));
    assert.equal(s.snapshotDate, '2026-12-01');
    const q = await queryMetrics(lp(), {
      metrics: ['gsc_query_clicks'],
      grain: 'day',
      from: '2026-12-01',
      to: '2026-12-01',
    });
    assert.deepEqual(
      q.rows.map((r) => r['gsc_query_clicks']),
      [130],
    );
  });

  test('YouTube Studio: the Total row first is left out', async () => {
    const t = await totals('youtube_daily', 'youtube-studio.csv', [
      'yt_views',
      'yt_watch_hours',
      'yt_subscribers_net',
      'yt_impressions',
      'yt_avg_view_duration',
      'yt_views_per_impression',
    ]);
    close(t, {
      yt_views: 3000,
      yt_watch_hours: 150.5,
      yt_subscribers_net: 25,
      yt_impressions: 60000,
      yt_avg_view_duration: (150.5 * 3600) / 3000,
      yt_views_per_impression: 3000 / 60000,
    });
  });

  test('social-listening mentions: counts by sentiment, net sentiment, reach', async () => {
    const t = await totals('mentions', 'social-listening.csv', [
      'mentions',
      'mentions_positive',
      'mentions_negative',
      'mentions_net_sentiment',
      'mentions_reach',
      'mentions_engagement',
    ]);
    close(t, {
      mentions: 4,
      mentions_positive: 2,
      mentions_negative: 1,
      mentions_net_sentiment: (2 - 1) / 4,
      mentions_reach: 7300,
      mentions_engagement: 181,
    });
  });
});
