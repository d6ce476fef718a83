// GA4's nine campaign parameters (support.google.com/analytics/answer/10917952), their
// labels for people, and the naming rules a project may set. Pure, no zod: the web app
// imports this module directly. Invariant: UTM_PARAMS is in GA4's documented order.

export const UTM_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_id',
  'utm_term',
  'utm_content',
  'utm_source_platform',
  'utm_creative_format',
  'utm_marketing_tactic',
] as const;
export type UtmParam = (typeof UTM_PARAMS)[number];

/** What a person reads for each parameter (labels, never the raw name, in plain views). */
export const UTM_LABELS: Readonly<Record<UtmParam, string>> = {
  utm_source: 'Source',
  utm_medium: 'Medium',
  utm_campaign: 'Campaign',
  utm_id: 'Campaign ID',
  utm_term: 'Term',
  utm_content: 'Content',
  utm_source_platform: 'Source platform',
  utm_creative_format: 'Creative format',
  utm_marketing_tactic: 'Marketing tactic',
};

/** One line each, after GA4's own descriptions. */
export const UTM_DESCRIPTIONS: Readonly<Record<UtmParam, string>> = {
  utm_source: 'Where the visit comes from: google, newsletter, meta',
  utm_medium: 'The marketing medium: cpc, email, paid_social',
  utm_campaign: 'The campaign, product or promotion: spring_sale',
  utm_id: 'The campaign ID, as in uploaded campaign data',
  utm_term: 'The paid keyword',
  utm_content: 'Tells creatives or links of one campaign apart: hero_button',
  utm_source_platform: 'The platform that directed the traffic: Search Ads 360',
  utm_creative_format: 'The type of creative: display, native, video, search',
  utm_marketing_tactic: 'The targeting: remarketing, prospecting',
};

export const isUtmParam = (name: string): name is UtmParam =>
  (UTM_PARAMS as readonly string[]).includes(name);

/** Word separators a project may choose between words of a value. */
export const UTM_SEPARATORS = ['_', '-', '.', '+'] as const;
export type UtmSeparator = (typeof UTM_SEPARATORS)[number];

/** The naming rules, resolved (defaults applied). Same shape as the `utm:` section's rules. */
export interface UtmRules {
  /** Allowed utm_source values; empty = any. */
  readonly sources: readonly string[];
  /** Allowed utm_medium values; empty = any. */
  readonly mediums: readonly string[];
  readonly lowercase: boolean;
  readonly allowSpaces: boolean;
  /** The separator between words; undefined = not checked. */
  readonly separator: UtmSeparator | undefined;
  readonly required: readonly UtmParam[];
}

export const DEFAULT_UTM_RULES: UtmRules = {
  sources: [],
  mediums: [],
  lowercase: true,
  allowSpaces: false,
  separator: undefined,
  required: ['utm_source', 'utm_medium', 'utm_campaign'],
};

/** Values GA4 writes for traffic without a tag; never a tag's own value. */
export const GA4_PLACEHOLDERS = [
  '(not set)',
  '(none)',
  '(direct)',
  '(organic)',
  '(referral)',
  '(not provided)',
];
