// The `utm:` section: the project's naming rules for campaign links (allowed sources and
// mediums, lower case, spaces, the word separator, required parameters) and where the
// sessions and the paid spend live for attribution by campaign. Pure.
// Invariant: utmRulesOf gives the same defaults a project without the section gets.

import { z } from 'zod';
import { identifierSchema } from './common-schema.js';
import {
  DEFAULT_UTM_RULES,
  UTM_PARAMS,
  UTM_SEPARATORS,
  type UtmRules,
} from '../utm/utm-params.js';

const valueList = (what: string) =>
  z
    .array(z.string().min(1).max(200))
    .max(500)
    .optional()
    .describe(`Allowed ${what} values; any other is reported. Leave out to allow any.`);

export const utmSchema = z
  .strictObject({
    sources: valueList('utm_source'),
    mediums: valueList('utm_medium'),
    lowercase: z.boolean().optional().describe('Values must be lower case (default true): GA4 treats "Email" and "email" as two mediums.'),
    allow_spaces: z.boolean().optional().describe('Values may hold spaces (default false).'),
    separator: z
      .enum(UTM_SEPARATORS)
      .optional()
      .describe('The character between words of a value, e.g. "_" for spring_sale; others are reported.'),
    required: z
      .array(z.enum(UTM_PARAMS))
      .max(UTM_PARAMS.length)
      .optional()
      .describe('Parameters every tagged link must carry (default utm_source, utm_medium, utm_campaign).'),
    sessions: z
      .strictObject({
        dataset: identifierSchema.describe('The dataset of sessions (or clicks) by campaign, e.g. a GA4 export.'),
        campaign: identifierSchema.describe('Its column holding utm_campaign.'),
        source: identifierSchema.optional().describe('Its column holding utm_source.'),
        medium: identifierSchema.optional().describe('Its column holding utm_medium.'),
        content: identifierSchema.optional().describe('Its column holding utm_content.'),
        term: identifierSchema.optional().describe('Its column holding utm_term.'),
        sessions: identifierSchema.optional().describe('Its column of sessions per row; leave out to count rows.'),
        conversions: identifierSchema.optional().describe('Its column of conversions per row.'),
      })
      .optional()
      .describe('Where the tagged visits are: for kpi utm lint --dataset and kpi utm report.'),
    paid: z
      .array(
        z.strictObject({
          dataset: identifierSchema.describe('A dataset of ad spend by campaign.'),
          campaign: identifierSchema.describe('Its column holding the campaign name (as tagged in utm_campaign).'),
          spend: identifierSchema.describe('Its column of spend.'),
        }),
      )
      .max(20)
      .optional()
      .describe('The paid datasets whose campaigns the sessions are joined to (kpi utm report).'),
  })
  .describe('Naming rules for campaign links (UTM parameters) and the datasets for attribution by campaign.');

export type UtmDef = z.infer<typeof utmSchema>;

/** The rules of a `utm:` section, defaults applied. */
export const utmRulesOf = (def: UtmDef | undefined): UtmRules => ({
  sources: def?.sources ?? DEFAULT_UTM_RULES.sources,
  mediums: def?.mediums ?? DEFAULT_UTM_RULES.mediums,
  lowercase: def?.lowercase ?? DEFAULT_UTM_RULES.lowercase,
  allowSpaces: def?.allow_spaces ?? DEFAULT_UTM_RULES.allowSpaces,
  separator: def?.separator ?? DEFAULT_UTM_RULES.separator,
  required: def?.required ?? DEFAULT_UTM_RULES.required,
});
