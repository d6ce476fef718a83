// Attribution by campaign: the sessions and conversions that UTM campaigns brought, joined
// to the spend of the paid datasets' campaigns. Pure: aggregated rows in, the table out.
// Invariants: the join key is spelling-blind (variantKey: "Spring Sale" = "spring_sale"),
// so every unit of spend and every session lands in exactly one place — a matched campaign
// or one of the two unmatched lists; untagged sessions ((not set), (direct)) are counted
// apart; a cost per conversion with no conversions is null, never Infinity.

import { isPlaceholder, variantKey } from './utm-lint.js';

export interface CampaignSessions {
  readonly campaign: string;
  readonly sessions: number;
  readonly conversions: number;
}

export interface CampaignSpend {
  readonly campaign: string;
  readonly spend: number;
  /** The paid dataset it comes from. */
  readonly dataset: string;
}

export interface AttributedCampaign {
  /** The paid side's name (the most spent spelling). */
  readonly campaign: string;
  readonly datasets: readonly string[];
  readonly spend: number;
  readonly sessions: number;
  readonly conversions: number;
  readonly costPerSession: number | null;
  readonly costPerConversion: number | null;
  readonly conversionRate: number | null;
  /** The UTM spellings that were joined to it. */
  readonly utmCampaigns: readonly string[];
}

export interface CampaignAttribution {
  readonly campaigns: readonly AttributedCampaign[];
  /** UTM campaigns with sessions and no spend in any paid dataset (email, organic posts, typos). */
  readonly unmatchedSessions: readonly CampaignSessions[];
  /** Paid campaigns whose name no UTM campaign carries (untagged ads or misspelt tags). */
  readonly unmatchedSpend: readonly CampaignSpend[];
  readonly untagged: { readonly sessions: number; readonly conversions: number };
  readonly totals: {
    readonly spend: number;
    readonly matchedSpend: number;
    readonly sessions: number;
    readonly matchedSessions: number;
    readonly conversions: number;
    readonly matchedConversions: number;
  };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const byName = <T extends { readonly campaign: string }>(x: T, y: T): number =>
  x.campaign < y.campaign ? -1 : x.campaign > y.campaign ? 1 : 0;

export const attributeCampaigns = (
  sessions: readonly CampaignSessions[],
  spend: readonly CampaignSpend[],
): CampaignAttribution => {
  const paid = new Map<string, { names: Map<string, number>; datasets: Set<string>; spend: number }>();
  for (const s of spend) {
    const k = variantKey(s.campaign);
    const e = paid.get(k) ?? { names: new Map<string, number>(), datasets: new Set<string>(), spend: 0 };
    e.names.set(s.campaign, (e.names.get(s.campaign) ?? 0) + s.spend);
    e.datasets.add(s.dataset);
    e.spend += s.spend;
    paid.set(k, e);
  }
  const visits = new Map<string, { names: Set<string>; sessions: number; conversions: number }>();
  const untagged = { sessions: 0, conversions: 0 };
  const unmatchedSessions: CampaignSessions[] = [];
  for (const s of sessions) {
    if (isPlaceholder(s.campaign) || variantKey(s.campaign) === '') {
      untagged.sessions += s.sessions;
      untagged.conversions += s.conversions;
      continue;
    }
    const k = variantKey(s.campaign);
    if (!paid.has(k)) {
      unmatchedSessions.push(s);
      continue;
    }
    const e = visits.get(k) ?? { names: new Set<string>(), sessions: 0, conversions: 0 };
    e.names.add(s.campaign);
    e.sessions += s.sessions;
    e.conversions += s.conversions;
    visits.set(k, e);
  }
  const campaigns: AttributedCampaign[] = [];
  const unmatchedSpend: CampaignSpend[] = [];
  for (const [k, p] of paid) {
    const names = [...p.names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const name = names[0]?.[0] ?? k;
    const v = visits.get(k);
    if (!v) {
      const dataset = [...p.datasets].sort().join(', ');
      for (const [n, amount] of names) unmatchedSpend.push({ campaign: n, spend: amount, dataset });
      continue;
    }
    campaigns.push({
      campaign: name,
      datasets: [...p.datasets].sort(),
      spend: p.spend,
      sessions: v.sessions,
      conversions: v.conversions,
      costPerSession: ratio(p.spend, v.sessions),
      costPerConversion: ratio(p.spend, v.conversions),
      conversionRate: ratio(v.conversions, v.sessions),
      utmCampaigns: [...v.names].sort(),
    });
  }
  const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((s, x) => s + f(x), 0);
  const matchedSpend = sum(campaigns, (c) => c.spend);
  const matchedSessions = sum(campaigns, (c) => c.sessions);
  const matchedConversions = sum(campaigns, (c) => c.conversions);
  return {
    campaigns: campaigns.sort((a, b) => b.spend - a.spend || byName(a, b)),
    unmatchedSessions: unmatchedSessions.sort((a, b) => b.sessions - a.sessions || byName(a, b)),
    unmatchedSpend: unmatchedSpend.sort((a, b) => b.spend - a.spend || byName(a, b)),
    untagged,
    totals: {
      spend: sum(spend, (s) => s.spend),
      matchedSpend,
      sessions: sum(sessions, (s) => s.sessions),
      matchedSessions,
      conversions: sum(sessions, (s) => s.conversions),
      matchedConversions,
    },
  };
};
