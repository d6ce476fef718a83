// The demo's brand-voice goal: net sentiment (of positive + negative mentions) and share of
// voice (of brand + competitor mentions) as KPIs with targets calibrated on the previous
// quarter, read with kpi's own sentiment model, the same one the import scores with. Pure.
// Invariant: the targets are a function of the generated rows only (deterministic).

import { bundledScorer } from '@kpi/sentiment';
import type { DemoDataset } from './demo-types.js';
import { roundTo } from './demo-stats.js';
import type { YamlValue } from './yaml-writer.js';

type Section = { readonly [name: string]: YamlValue };

export interface VoiceCounts {
  readonly positive: number;
  readonly negative: number;
  readonly brand: number;
  readonly market: number;
}

/** Brand mentions by the model's label, and all mentions (the market), over the local days from..to. */
export const voiceCounts = (ds: DemoDataset, from: string, to: string): VoiceCounts => {
  const scorer = bundledScorer();
  const col = (c: string): number => ds.columns.indexOf(c);
  const [time, brandCol, text] = [col('timestamp'), col('brand'), col('text')];
  let positive = 0;
  let negative = 0;
  let brand = 0;
  let market = 0;
  for (const row of ds.rows()) {
    const day = String(row[time]).slice(0, 10);
    if (day < from || day > to) continue;
    market++;
    if (row[brandCol] !== 'northwind') continue;
    brand++;
    const label = scorer.score(String(row[text])).label;
    if (label === 'positive') positive++;
    else if (label === 'negative') negative++;
  }
  return { positive, negative, brand, market };
};

export const brandVoiceSections = (
  mentions: DemoDataset | undefined,
  quarter: { readonly start: string; readonly end: string },
  previousQuarter: { readonly start: string; readonly end: string },
  owner: string,
): { goals: Section; kpis: Section } => {
  const c = mentions
    ? voiceCounts(mentions, previousQuarter.start, previousQuarter.end)
    : { positive: 1, negative: 0, brand: 1, market: 1 };
  const net = (c.positive - c.negative) / Math.max(1, c.positive + c.negative);
  const share = c.brand / Math.max(1, c.market);
  const common = {
    goal: 'brand_voice',
    owner,
    cadence: 'weekly',
    baseline: { from: previousQuarter.start, to: previousQuarter.end },
  } as const;
  return {
    goals: {
      brand_voice: {
        title: 'Keep the brand talked about, and well',
        description:
          'How people feel about Northwind Coffee online, and how much of the market talk is about it.',
        owner,
        period: quarter,
        parent: 'grow_dtc_revenue',
      },
    },
    kpis: {
      net_sentiment: {
        ...common,
        label: 'Net sentiment (of positive + negative mentions)',
        metric: 'net_sentiment_of_polar',
        target: { kind: 'stay_above', value: roundTo(net - 0.1, 0.05), tolerance: 0.1 },
        indicator: 'leading',
      },
      share_of_voice: {
        ...common,
        label: 'Share of voice (of brand + competitor mentions)',
        metric: 'share_of_voice',
        target: { kind: 'stay_above', value: roundTo(share * 0.95, 0.01), tolerance: 0.05 },
        indicator: 'lagging',
      },
    },
  };
};
