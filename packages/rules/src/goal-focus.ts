// What a goal is about, for the relevance and vanity rules: its declared category, or
// categories read from the words of its title and description. Pure and deterministic.

import type { Category, GoalDef } from '@kpi/core';

const WORDS: readonly [Category, RegExp][] = [
  [
    'conversion',
    /\b(lead|leads|sign-?ups?|sales?|revenue|customers?|conversions?|pipeline|purchases?|orders?|acquisition|trials?|bookings?|demos?|subscribers?)\b/i,
  ],
  [
    'awareness',
    /\b(awareness|reach|brand|visibility|audience|impressions?|followers?|discover\w*|share of voice|launch market)\b/i,
  ],
  ['engagement', /\b(engagement|engaged|community|interactions?|loyal\w*|conversation)\b/i],
  ['roi', /\b(roi|roas|efficien\w*|profit\w*|costs?|budget|return|margin)\b/i],
  ['customer_care', /\b(care|support|satisf\w*|happy|response|service|retention|churn|complaints?)\b/i],
  ['content', /\b(content|videos?|watch|editorial|publish\w*|posts?)\b/i],
];

/** The categories a goal is about; empty when its text says nothing recognisable. */
export const goalCategories = (goal: GoalDef & { readonly category?: Category }): Category[] => {
  if (goal.category) return [goal.category];
  const text = `${goal.title} ${goal.description ?? ''}`;
  return WORDS.filter(([, re]) => re.test(text)).map(([c]) => c);
};

/** KPI categories that serve a goal of each category (leading activity included). */
export const SERVES: Readonly<Record<Category, readonly Category[]>> = {
  conversion: ['conversion', 'roi', 'engagement'],
  awareness: ['awareness', 'engagement', 'content'],
  engagement: ['engagement', 'content', 'awareness'],
  roi: ['roi', 'conversion'],
  customer_care: ['customer_care', 'engagement'],
  content: ['content', 'engagement', 'awareness'],
};
