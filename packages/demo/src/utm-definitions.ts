// The utm: section of the demo project: the shop's naming rules for campaign links (the
// sources and mediums its tags use) and attribution of web_sessions to paid_campaigns.
// Pure. Invariant: every source and medium web_sessions carries on a tagged row is listed,
// so `kpi utm lint --dataset` on the demo finds only the untagged organic social rows.
import type { YamlValue } from './yaml-writer.js';

export const utmSection = (): { readonly [name: string]: YamlValue } => ({
  sources: ['google', 'meta', 'linkedin', 'tiktok', 'newsletter', 'instagram', 'youtube', 'x'],
  mediums: ['cpc', 'paid_social', 'email', 'social'],
  separator: '_',
  required: ['utm_source', 'utm_medium', 'utm_campaign'],
  sessions: {
    dataset: 'web_sessions',
    campaign: 'utm_campaign',
    source: 'source',
    medium: 'medium',
    sessions: 'sessions',
    conversions: 'conversions',
  },
  paid: [{ dataset: 'paid_campaigns', campaign: 'campaign', spend: 'spend' }],
});
