// The demo project generator: Northwind Coffee, a fictional direct-to-consumer coffee
// brand, over the two years up to `endDate`. Pure and deterministic: the same options give
// byte-identical files and rows. Rows are generated lazily, so any scale streams.
// Invariants: files[0] is kpi.yaml; every dataset's rows match its columns in kpi.yaml;
// the project files do not depend on the scale once it reaches the small size.

import { isIsoDate, isTimeZone, UsageError } from '@kpi/core';
import type { Campaign } from './campaign-plan.js';
import { buildCampaigns } from './campaign-plan.js';
import { datasetsSection } from './dataset-definitions.js';
import type { DemoDataset, DemoOptions, DemoProject } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { buildWorld } from './demo-world.js';
import { emailCampaignsDataset } from './email-campaigns-dataset.js';
import { emailPlan } from './email-plan.js';
import { followersDataset } from './followers-dataset.js';
import { goalSections } from './goal-definitions.js';
import { withCascade } from './cascade-definitions.js';
import { mentionsDataset } from './mentions-dataset.js';
import { PLANTED_THEME } from './mention-text.js';
import { metricsSection } from './metric-definitions.js';
import { paidCampaignsDataset } from './paid-campaigns-dataset.js';
import { plantedCampaignLeads, plantedMedia, type PlantedCurve } from './media-response.js';
import { socialPostsDataset } from './social-posts-dataset.js';
import { supportMessagesDataset } from './support-messages-dataset.js';
import { webSessionsDataset } from './web-sessions-dataset.js';
import { subscribersDataset } from './subscribers-dataset.js';
import { toYaml } from './yaml-writer.js';
import { churnSection } from './churn-definitions.js';
import { utmSection } from './utm-definitions.js';
import { churnMetricsSection } from './churn-kpi.js';

export const LARGE_SCALE_ROWS = 1_000_000;

const datasetsOf = (w: DemoWorld, campaigns: readonly Campaign[]): DemoDataset[] => {
  const sends = emailPlan(w);
  const planted = plantedMedia(w, campaigns);
  return [
    socialPostsDataset(w),
    paidCampaignsDataset(w, campaigns, (c, i) => plantedCampaignLeads(planted, w, c, i)),
    webSessionsDataset(w, campaigns, sends),
    followersDataset(w),
    emailCampaignsDataset(w, sends),
    mentionsDataset(w),
    supportMessagesDataset(w),
    subscribersDataset(w),
  ];
};

const countRows = (ds: DemoDataset): number => {
  let n = 0;
  for (const _row of ds.rows()) n++;
  return n;
};

const validate = (opts: DemoOptions): void => {
  if (!isIsoDate(opts.endDate))
    throw new UsageError(
      'demo.end_date',
      `end date "${opts.endDate}" is not a date`,
      'write it as YYYY-MM-DD',
    );
  if (opts.timezone !== undefined && !isTimeZone(opts.timezone))
    throw new UsageError(
      'demo.timezone',
      `unknown time zone "${opts.timezone}"`,
      'use an IANA name such as Europe/Berlin',
    );
  if (opts.currency !== undefined && !/^[A-Z]{3}$/.test(opts.currency))
    throw new UsageError(
      'demo.currency',
      `currency "${opts.currency}" is not an ISO code`,
      'use e.g. EUR, USD or GBP',
    );
  const s = opts.scale;
  if (typeof s === 'number' && !(Number.isFinite(s) && s > 0))
    throw new UsageError(
      'demo.scale',
      `scale ${s} is not a positive number of rows`,
      "use 'small', 'large' or e.g. 200000",
    );
};

/** Copies per campaign template and thinning of the event datasets to reach about `rows` rows. */
const resolveScale = (w: DemoWorld, rows: number): { copies: number; thin: number } => {
  const base = datasetsOf(w, buildCampaigns(w, 1));
  const counts = new Map(base.map((d) => [d.name, countRows(d)] as const));
  const paid = counts.get('paid_campaigns') ?? 0;
  const webOther = (counts.get('web_sessions') ?? 0) - paid;
  const events =
    (counts.get('social_posts') ?? 0) +
    (counts.get('mentions') ?? 0) +
    (counts.get('support_messages') ?? 0) +
    (counts.get('subscriber_activity') ?? 0);
  const fixed = (counts.get('followers') ?? 0) + (counts.get('email_campaigns') ?? 0) + webOther;
  const small = fixed + events + 2 * paid;
  if (rows >= small) return { copies: (rows - fixed - events) / (2 * Math.max(1, paid)), thin: 1 };
  return { copies: 1, thin: Math.max(0.02, (rows - fixed - 2 * paid) / Math.max(1, events)) };
};

export const generateDemo = (opts: DemoOptions): DemoProject => {
  validate(opts);
  const seed = (opts.seed ?? 42) >>> 0;
  const timezone = opts.timezone ?? 'Europe/Berlin';
  const currency = opts.currency ?? 'EUR';
  const worldAt = (thin: number): DemoWorld =>
    buildWorld({ seed, endDate: opts.endDate, timezone, currency, thin });
  const full = worldAt(1);
  const rows = opts.scale === 'large' ? LARGE_SCALE_ROWS : opts.scale;
  const { copies, thin } =
    rows === undefined || rows === 'small' ? { copies: 1, thin: 1 } : resolveScale(full, rows);
  const world = thin === 1 ? full : worldAt(thin);
  const datasets = datasetsOf(world, buildCampaigns(world, copies));
  const calibration = copies === 1 ? datasets : datasetsOf(world, buildCampaigns(world, 1));
  const sections = withCascade(
    goalSections(world, Object.fromEntries(calibration.map((d) => [d.name, d]))),
    world.end,
  );
  const note = [
    'Northwind Coffee: a fictional direct-to-consumer coffee brand (generated demo data).',
    `Two years of marketing data, ${world.start} to ${world.end}. Stories to find: a viral TikTok reel,`,
    'the Cold Brew Cans launch, and one bad week (shipping delay, Meta ads paused).',
  ];
  const files = [
    {
      path: 'kpi.yaml',
      text: toYaml(
        {
          version: 1,
          project: { name: 'Northwind Coffee', timezone, week_start: 'monday', currency },
          datasets: datasetsSection(),
        },
        note,
      ),
    },
    {
      path: 'definitions/metrics.yaml',
      text: toYaml({ metrics: { ...metricsSection(), ...churnMetricsSection() } }, [
        'Metrics of the demo project.',
      ]),
    },
    {
      path: 'definitions/churn.yaml',
      text: toYaml({ churn: churnSection() }, ['Churn definitions of the demo project (kpi churn).']),
    },
    {
      path: 'definitions/utm.yaml',
      text: toYaml({ utm: utmSection() }, [
        'Naming rules for campaign links and attribution by campaign (kpi utm).',
      ]),
    },
    {
      path: 'definitions/goals.yaml',
      text: toYaml(sections, [
        'Goals, KPIs and annotations of the demo project.',
        'Some KPIs are weak on purpose (a vanity KPI, a goal with too many KPIs, a KPI without an owner):',
        'run the KPI checks to find them.',
      ]),
    },
  ];
  return { files, datasets };
};

/**
 * The negative burst planted in the brand's mentions: the bad week's days (Monday to Sunday)
 * and the theme word every one of its extra complaints uses. Same options as generateDemo.
 */
export const demoPlantedBurst = (
  opts: DemoOptions,
): { readonly from: string; readonly to: string; readonly theme: string } => {
  validate(opts);
  const world = buildWorld({
    seed: (opts.seed ?? 42) >>> 0,
    endDate: opts.endDate,
    timezone: opts.timezone ?? 'Europe/Berlin',
    currency: opts.currency ?? 'EUR',
    thin: 1,
  });
  return {
    from: world.dates[world.badStart] ?? world.start,
    to: world.dates[world.badEnd] ?? world.end,
    theme: PLANTED_THEME,
  };
};

/**
 * The response curves planted in the demo's paid campaigns (spend per day -> leads per day,
 * per channel): the truth `kpi budget` should recover. Same options as generateDemo.
 */
export const demoPlantedCurves = (opts: DemoOptions): readonly PlantedCurve[] => {
  validate(opts);
  const world = buildWorld({
    seed: (opts.seed ?? 42) >>> 0,
    endDate: opts.endDate,
    timezone: opts.timezone ?? 'Europe/Berlin',
    currency: opts.currency ?? 'EUR',
    thin: 1,
  });
  return plantedMedia(world, buildCampaigns(world, 1)).curves;
};
