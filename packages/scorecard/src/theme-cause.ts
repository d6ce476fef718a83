// Themes as the cause of a sentiment KPI: puts the theme analysis (read by the app from the
// stored mentions) on the reading's cause and says the strongest theme in the sentence.
// Pure. Invariants: the rest of the reading is left as it is; the sentence names a theme
// only when the KPI got worse against the previous period and the theme stands out (z at
// least THEME_Z), in plain words (no scores). The detail views show every theme.

import { formatValue } from '@kpi/core';
import type { KpiReading, ThemeCause, ThemeReading } from './kpi-reading.js';

/** The z-score from which a theme is named in the sentence (a 5% one-sided chance). */
export const THEME_Z = 1.645;

/** "“shipping” (41 negative mentions, 2 the week before)": a theme as a marketer reads it. */
export const themeText = (t: ThemeReading, grainWord: string): string =>
  `“${t.term}” (${formatValue(t.current, { unit: 'count' })} negative mention${t.current === 1 ? '' : 's'}, ${formatValue(t.previous, { unit: 'count' })} the ${grainWord} before)`;

/** The themes the sentence names: those that stand out, at most two. */
export const notableThemes = (c: ThemeCause): readonly ThemeReading[] =>
  c.terms.filter((t) => t.z >= THEME_Z).slice(0, 2);

export const withThemes = (r: KpiReading, themes: ThemeCause, grainWord: string): KpiReading => {
  const worse = r.comparisons.find((c) => c.kind === 'previous_period')?.sense === 'worse';
  const named = worse ? notableThemes(themes) : [];
  const clause =
    named.length === 0
      ? ''
      : ` Negative mentions talk more about ${named.map((t) => themeText(t, grainWord)).join(' and ')}.`;
  return { ...r, cause: { ...r.cause, themes }, sentence: r.sentence + clause };
};
