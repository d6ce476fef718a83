// The metrics section of the demo project: media metrics (social, followers, paid) and
// shop metrics (web, email, care) and brand-voice metrics (listening). Pure. Invariant: every metric named by a
// ratio or formula is defined in one of the two parts; names do not collide.

import { mediaMetrics } from './media-metric-definitions.js';
import type { Metric } from './metric-builders.js';
import { shopMetrics } from './shop-metric-definitions.js';
import { voiceMetrics } from './voice-metric-definitions.js';

export const metricsSection = (): { readonly [name: string]: Metric } => ({
  ...mediaMetrics(),
  ...shopMetrics(),
  ...voiceMetrics(),
});
