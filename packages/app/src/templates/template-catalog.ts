// The platform templates `kpi add` and `kpi init --template` know, most used first. Pure.
import { googleAdsTemplate, metaAdsTemplate } from './ads-templates.js';
import { hubspotTemplate, mailchimpTemplate } from './crm-templates.js';
import { ga4Template, shopifyOrdersTemplate } from './site-templates.js';
import { linkedinAdsTemplate, tiktokAdsTemplate } from './social-ads-templates.js';
import { mentionsTemplate, searchConsoleTemplate, youtubeStudioTemplate } from './content-templates.js';
import type { PlatformTemplate } from './template-types.js';

export type { PlatformTemplate } from './template-types.js';

export const PLATFORM_TEMPLATES: readonly PlatformTemplate[] = [
  metaAdsTemplate,
  googleAdsTemplate,
  ga4Template,
  shopifyOrdersTemplate,
  mailchimpTemplate,
  hubspotTemplate,
  linkedinAdsTemplate,
  tiktokAdsTemplate,
  searchConsoleTemplate,
  youtubeStudioTemplate,
  mentionsTemplate,
];

export const findTemplate = (name: string): PlatformTemplate | undefined =>
  PLATFORM_TEMPLATES.find((t) => t.name === name || t.name.replace(/-/g, '_') === name);
