// The verdict: one status per KPI from where it is (pace), where it will be (the forecast
// probability of a hit) and how much is known (is there a forecast at all), with one short
// phrase every surface shows (CLI, API, web). Pure. See docs/verdict.md.
// Invariants: "on track" needs both pace and probability (P >= on_track_probability,
// default 0.5); below off_track_probability (default 0.2) a KPI is off track whatever its
// pace; a final state (achieved, missed) or no data / no target is never overridden; without
// a forecast the pace decides and the phrase says why there is no forecast.

import type { ThresholdsDef } from '@kpi/core';
import type { KpiReading, Status, TargetReading } from './kpi-reading.js';

/** What "hit" means for a target kind (the value the status, the probability and `kpi check` judge). */
export type HitMeaning = 'deadline_period' | 'goal_period_total' | 'goal_period_value';

export const hitMeaning = (kind: TargetReading['kind']): HitMeaning =>
  kind === 'reach' ? 'deadline_period' : kind === 'cumulative' ? 'goal_period_total' : 'goal_period_value';

export interface VerdictReading {
  readonly status: Status;
  /** The status from pace alone (where the KPI is against its path or limit). */
  readonly pace: Status;
  /** The forecast probability of a hit, when there is a forecast. */
  readonly probability: number | null;
  /** A few words for a badge: "on track, 83% likely", "on pace, but 24% likely". */
  readonly phrase: string;
  /** One sentence: the pace reason and the forecast (or why there is none). */
  readonly reason: string;
  readonly paceReason: string;
  readonly judged?: HitMeaning;
  /** The probabilities used: on track at or above `onTrack`, off track below `offTrack`. */
  readonly thresholds: { readonly onTrack: number; readonly offTrack: number };
}

export const DEFAULT_ON_TRACK_PROBABILITY = 0.5;
export const DEFAULT_OFF_TRACK_PROBABILITY = 0.2;

/** A probability in words, never "100%" or "0%" (a forecast is never certain). */
export const likelihoodText = (p: number): string =>
  p >= 0.995 ? 'over 99%' : p <= 0.005 ? 'under 1%' : `${Math.round(p * 100)}%`;

const WORDS: Readonly<Record<Status, string>> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  missed: 'missed',
  no_data: 'no data',
  no_target: 'no target',
};

const PACE_WORDS: Readonly<Partial<Record<Status, string>>> = {
  on_track: 'on pace',
  at_risk: 'a little behind pace',
  off_track: 'behind pace',
};

const finalStatus = (s: Status): boolean =>
  s === 'achieved' || s === 'missed' || s === 'no_data' || s === 'no_target';

export const verdictOf = (
  pace: Status,
  paceReason: string,
  forecast: { readonly probability: number } | undefined,
  forecastNote: string | undefined,
  target: TargetReading | undefined,
  thresholds: ThresholdsDef | undefined,
): VerdictReading => {
  const onTrack = thresholds?.on_track_probability ?? DEFAULT_ON_TRACK_PROBABILITY;
  const offTrack = Math.min(onTrack, thresholds?.off_track_probability ?? DEFAULT_OFF_TRACK_PROBABILITY);
  const base = {
    pace,
    paceReason,
    thresholds: { onTrack, offTrack },
    ...(target ? { judged: hitMeaning(target.kind) } : {}),
  };
  const p = forecast && Number.isFinite(forecast.probability) ? forecast.probability : null;
  if (finalStatus(pace) || !target)
    return { ...base, status: pace, probability: p, phrase: WORDS[pace], reason: paceReason };
  if (p === null) {
    const why = forecastNote ? `no forecast: ${forecastNote}` : 'no forecast';
    return {
      ...base,
      status: pace,
      probability: null,
      phrase: `${PACE_WORDS[pace] ?? WORDS[pace]} (${forecastNote && forecastNote.length <= 32 ? forecastNote : 'no forecast'})`,
      reason: `${paceReason}; ${why}`,
    };
  }
  const likely = likelihoodText(p);
  const status: Status =
    p < offTrack ? 'off_track' : p < onTrack ? 'at_risk' : pace === 'on_track' ? 'on_track' : 'at_risk';
  const phrase =
    status === 'on_track'
      ? `on track, ${likely} likely`
      : pace === 'on_track'
        ? `on pace, but ${likely} likely`
        : p >= onTrack
          ? `${PACE_WORDS[pace] ?? WORDS[pace]}, but ${likely} likely`
          : `${WORDS[status]}, ${likely} likely`;
  return {
    ...base,
    status,
    probability: p,
    phrase,
    reason: `${paceReason}; ${likely} likely to hit the target`,
  };
};

/** The reading with its verdict: `status` and `statusReason` become the verdict's, the pace is kept in `verdict.pace`. */
export const withVerdict = (r: KpiReading, thresholds: ThresholdsDef | undefined): KpiReading => {
  const pace = r.verdict?.pace ?? r.status;
  const paceReason = r.verdict?.paceReason ?? r.statusReason;
  const v = verdictOf(pace, paceReason, r.forecast, r.forecastNote, r.target, thresholds);
  return { ...r, status: v.status, statusReason: v.reason, verdict: v };
};
