import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isIsoDate, loadProject, periodStart, weekdayIndex } from '@kpi/core';
import type { Project } from '@kpi/core';
import { generateDemo } from './generate-demo.js';
import type { DemoRow } from './demo-types.js';

const END = '2025-06-30';
const demo = generateDemo({ endDate: END });
const loaded = loadProject(demo.files);
if (!loaded.ok) throw new Error('demo project does not load');
const project: Project = loaded.value;
const rowsOf = new Map(demo.datasets.map((d) => [d.name, [...d.rows()]] as const));
const col = (dataset: string, column: string): number =>
  project.datasets[dataset] ? Object.keys(project.datasets[dataset].columns).indexOf(column) : -1;
const rows = (dataset: string): readonly DemoRow[] => rowsOf.get(dataset) ?? [];
const num = (r: DemoRow, dataset: string, column: string): number => Number(r[col(dataset, column)] ?? 0);
const str = (r: DemoRow, dataset: string, column: string): string => String(r[col(dataset, column)]);

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?([+-]\d{2}:\d{2})?$/;
// mentions.sentiment is empty in the files: kpi scores it from the text at import.
const NULLABLE = new Set([
  'social_posts.video_views',
  'social_posts.watch_time_seconds',
  'mentions.sentiment',
]);

/** Monday of the week of a date. */
const week = (date: string): string => periodStart(date.slice(0, 10), 'week');
const sumBy = (
  dataset: string,
  keyOf: (r: DemoRow) => string | null,
  value: (r: DemoRow) => number,
): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows(dataset)) {
    const k = keyOf(r);
    if (k !== null) out.set(k, (out.get(k) ?? 0) + value(r));
  }
  return out;
};

const badWeek = project.annotations.find((a) => a.scope?.channel === 'meta_ads');
assert.ok(badWeek, 'the bad week is annotated');
const bad = badWeek.date;
const around = [-14, -7, 7, 14].map((d) => week(addDays(bad, d)));
const surrounding = (m: Map<string, number>, prefix = ''): number =>
  around.reduce((s, wk) => s + (m.get(prefix + wk) ?? 0), 0) / around.length;

describe('demo rows', () => {
  test('every value fits its column type; keys are unique', () => {
    for (const ds of demo.datasets) {
      const def = project.datasets[ds.name];
      assert.ok(def, ds.name);
      const types = Object.entries(def.columns).map(([name, c]) => [name, c.type] as const);
      const keyIdx = def.key.map((k) => ds.columns.indexOf(k));
      const keys = new Set<string>();
      assert.ok(rows(ds.name).length > 0, `${ds.name} has rows`);
      for (const r of rows(ds.name)) {
        assert.equal(r.length, types.length, `${ds.name} column count`);
        types.forEach(([name, type], i) => {
          const v = r[i];
          const where = `${ds.name}.${name} = ${JSON.stringify(v)}`;
          if (v === null) return assert.ok(NULLABLE.has(`${ds.name}.${name}`), where);
          if (type === 'integer') assert.ok(Number.isInteger(v) && (v as number) >= 0, where);
          else if (type === 'number') assert.ok(typeof v === 'number' && Number.isFinite(v) && v >= 0, where);
          else if (type === 'boolean') assert.equal(typeof v, 'boolean', where);
          else if (type === 'date') assert.ok(typeof v === 'string' && isIsoDate(v), where);
          else if (type === 'timestamp') {
            const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null;
            assert.ok(
              m && isIsoDate(m[1] ?? '') && m[3] !== undefined && Number.isFinite(Date.parse(v as string)),
              where,
            );
          } else assert.ok(typeof v === 'string' && v.length > 0, where);
        });
        const key = keyIdx.map((k) => String(r[k])).join('|');
        assert.ok(!keys.has(key), `${ds.name}: duplicate key ${key}`);
        keys.add(key);
      }
    }
  });

  test('covers the two years up to the end date', () => {
    const dates = rows('followers').map((r) => str(r, 'followers', 'date'));
    assert.equal(dates[0], '2023-07-01');
    assert.equal(dates[dates.length - 1], END);
  });

  test('counts are consistent: clicks <= impressions, delivered <= sent, opens <= delivered ...', () => {
    for (const r of rows('paid_campaigns')) {
      const n = (c: string): number => num(r, 'paid_campaigns', c);
      assert.ok(
        n('clicks') <= n('impressions') && n('leads') <= n('clicks') && n('conversions') <= n('clicks'),
      );
    }
    for (const r of rows('email_campaigns')) {
      const n = (c: string): number => num(r, 'email_campaigns', c);
      assert.ok(n('delivered') <= n('sent') && n('opens') <= n('delivered') && n('clicks') <= n('opens'));
      assert.ok(n('unsubscribes') <= n('delivered'));
    }
    for (const r of rows('social_posts')) {
      const n = (c: string): number => num(r, 'social_posts', c);
      assert.ok(
        n('reach') <= n('impressions') &&
          n('likes') <= n('impressions') &&
          n('video_views') <= n('impressions'),
      );
    }
    for (const r of rows('web_sessions')) {
      const n = (c: string): number => num(r, 'web_sessions', c);
      assert.ok(n('engaged_sessions') <= n('sessions') && n('conversions') <= n('sessions'));
    }
  });

  test('formats are plausible per platform, and carousels and reels outperform', () => {
    const allowed: Record<string, string[]> = {
      instagram: ['carousel', 'reel', 'image'],
      tiktok: ['video', 'carousel'],
      linkedin: ['text', 'image', 'carousel', 'video'],
      youtube: ['video'],
      x: ['text', 'image', 'video'],
    };
    const eng = new Map<string, [number, number]>();
    for (const r of rows('social_posts')) {
      const platform = str(r, 'social_posts', 'platform');
      const format = str(r, 'social_posts', 'format');
      assert.ok(allowed[platform]?.includes(format), `${platform} ${format}`);
      if (platform !== 'instagram') continue;
      const e = ['likes', 'comments', 'shares', 'saves'].reduce((s, c) => s + num(r, 'social_posts', c), 0);
      const [a, b] = eng.get(format) ?? [0, 0];
      eng.set(format, [a + e, b + 1]);
    }
    const avg = (f: string): number => (eng.get(f)?.[0] ?? 0) / (eng.get(f)?.[1] ?? 1);
    assert.ok(avg('carousel') > avg('image') * 1.2 && avg('reel') > avg('image') * 1.2);
  });

  test('the bad week: Meta leads collapse, other channels do not', () => {
    const leads = sumBy(
      'paid_campaigns',
      (r) => `${str(r, 'paid_campaigns', 'channel')}|${week(str(r, 'paid_campaigns', 'date'))}`,
      (r) => num(r, 'paid_campaigns', 'leads'),
    );
    const ratio = (ch: string): number => (leads.get(`${ch}|${bad}`) ?? 0) / surrounding(leads, `${ch}|`);
    assert.ok(ratio('meta_ads') < 0.4, `meta_ads: ${ratio('meta_ads')}`);
    for (const ch of ['google_search', 'linkedin_ads', 'tiktok_ads'])
      assert.ok(ratio(ch) > 0.7, `${ch}: ${ratio(ch)}`);
  });

  test('the bad week: more mentions and slower support', () => {
    const mentions = sumBy(
      'mentions',
      (r) => (str(r, 'mentions', 'brand') === 'northwind' ? week(str(r, 'mentions', 'timestamp')) : null),
      () => 1,
    );
    const spike = (mentions.get(bad) ?? 0) / surrounding(mentions);
    assert.ok(spike > 1.8, `brand mentions in the bad week: ${spike}x the weeks around it`);
    // Competitors' mentions have no bad week.
    const rivals = sumBy(
      'mentions',
      (r) => (str(r, 'mentions', 'brand') === 'northwind' ? null : week(str(r, 'mentions', 'timestamp'))),
      () => 1,
    );
    const calm = (rivals.get(bad) ?? 0) / surrounding(rivals);
    assert.ok(calm > 0.7 && calm < 1.4, `competitor mentions in the bad week: ${calm}x`);
    const resp = sumBy(
      'support_messages',
      (r) => week(str(r, 'support_messages', 'received_at')),
      (r) => num(r, 'support_messages', 'first_response_seconds'),
    );
    const count = sumBy(
      'support_messages',
      (r) => week(str(r, 'support_messages', 'received_at')),
      () => 1,
    );
    const avg = (wk: string): number => (resp.get(wk) ?? 0) / (count.get(wk) ?? 1);
    assert.ok(avg(bad) > 2.5 * (around.reduce((s, wk) => s + avg(wk), 0) / around.length));
  });

  test('weekly rhythm: quieter shop weekends, LinkedIn posts on weekdays', () => {
    const byWeekday = sumBy(
      'web_sessions',
      (r) => String(weekdayIndex(str(r, 'web_sessions', 'date'))),
      (r) => num(r, 'web_sessions', 'sessions'),
    );
    const weekday = [0, 1, 2, 3, 4].reduce((s, d) => s + (byWeekday.get(String(d)) ?? 0), 0) / 5;
    const weekend = ((byWeekday.get('5') ?? 0) + (byWeekday.get('6') ?? 0)) / 2;
    assert.ok(weekend < 0.93 * weekday, `weekend ${weekend} vs weekday ${weekday}`);
    const li = sumBy(
      'social_posts',
      (r) =>
        str(r, 'social_posts', 'platform') === 'linkedin'
          ? String(weekdayIndex(str(r, 'social_posts', 'date')) >= 5)
          : null,
      () => 1,
    );
    assert.ok((li.get('false') ?? 0) / 5 > 5 * ((li.get('true') ?? 0) / 2));
  });

  test('yearly seasonality: Q4 sessions above the summer months', () => {
    const byMonth = sumBy(
      'web_sessions',
      (r) => str(r, 'web_sessions', 'date').slice(0, 7),
      (r) => num(r, 'web_sessions', 'sessions'),
    );
    assert.ok((byMonth.get('2024-11') ?? 0) > 1.2 * (byMonth.get('2024-08') ?? 0));
  });

  test('the viral reel: TikTok followers jump on the annotated day', () => {
    const viral = project.annotations.find((a) => /viral/i.test(a.title))?.date ?? '';
    const levels = rows('followers')
      .filter((r) => str(r, 'followers', 'platform') === 'tiktok')
      .map((r) => [str(r, 'followers', 'date'), num(r, 'followers', 'followers')] as const);
    const gains = levels.slice(1).map(([d, v], i) => [d, v - (levels[i]?.[1] ?? 0)] as const);
    const best = gains.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.equal(best[0], viral);
    const sorted = gains.map((g) => g[1]).sort((a, b) => a - b);
    assert.ok(best[1] > 20 * (sorted[Math.floor(sorted.length / 2)] ?? 1));
  });

  test('timestamps carry the project time zone offset (Berlin: +01:00 in winter, +02:00 in summer)', () => {
    for (const r of rows('support_messages')) {
      const ts = str(r, 'support_messages', 'received_at');
      const md = ts.slice(5, 10);
      if (md >= '01-05' && md <= '03-20') assert.ok(ts.endsWith('+01:00'), ts);
      if (md >= '04-05' && md <= '10-20') assert.ok(ts.endsWith('+02:00'), ts);
    }
  });
});
