// The alert as a state machine: armed -> firing when its condition starts (one "fired"
// event), firing -> armed when it ends (one "resolved" event), so it fires once per
// episode and re-arms by itself. Pure: state + observation -> new state + events; no
// clock, no IO (the caller passes the check time).
// Invariants: while firing, an observation that the condition still holds never makes a
// second "fired" (only a worse level makes one "escalated"); an observation that cannot
// be judged (no data) changes nothing; below the minimum volume, or while snoozed, the
// alert does not fire — it records "not fired" once per reason and fires once the guard
// lifts while the condition still holds.

export type AlertPhase = 'armed' | 'firing';

export interface AlertState {
  readonly phase: AlertPhase;
  /** When the current phase began (ISO instant), null before the first check. */
  readonly since: string | null;
  /** The level it fired at (higher is worse), while firing. */
  readonly level: number;
  /** The reason of the last "not fired", so each reason is recorded once. */
  readonly suppressed: string | null;
  readonly checkedAt: string | null;
}

export const INITIAL_ALERT_STATE: AlertState = {
  phase: 'armed',
  since: null,
  level: 0,
  suppressed: null,
  checkedAt: null,
};

export interface AlertObservation {
  /** The check time (ISO instant). */
  readonly at: string;
  /** The condition holds (true), does not (false), or cannot be judged (null: no data). */
  readonly active: boolean | null;
  /** How bad, when active (verdict alerts: at risk 1, off track 2); 1 otherwise. */
  readonly level?: number;
  /** What was seen, in words ("off track, 12% likely"). */
  readonly summary: string;
  /** The volume behind the reading, for the minimum-volume guard (null: unknown). */
  readonly volume?: number | null;
}

export interface AlertGuards {
  readonly minVolume?: number;
  /** Snoozed until this instant (ISO), if at all. */
  readonly snoozedUntil?: string | null;
}

export type AlertEventKind = 'fired' | 'escalated' | 'resolved' | 'not_fired';

export interface AlertEvent {
  readonly kind: AlertEventKind;
  readonly at: string;
  readonly summary: string;
  /** Why it did not fire (not_fired only). */
  readonly reason?: string;
}

export interface AlertStep {
  readonly state: AlertState;
  readonly events: readonly AlertEvent[];
}

const guardReason = (obs: AlertObservation, guards: AlertGuards): string | null => {
  if (guards.snoozedUntil && obs.at < guards.snoozedUntil) return `snoozed until ${guards.snoozedUntil}`;
  if (guards.minVolume !== undefined && guards.minVolume > 0) {
    const v = obs.volume;
    if (v === null || v === undefined) return `volume unknown (minimum ${guards.minVolume})`;
    if (v < guards.minVolume) return `volume ${v} below the minimum of ${guards.minVolume}`;
  }
  return null;
};

/** One check of an alert: the new state and what happened (events in order). */
export const stepAlert = (state: AlertState, obs: AlertObservation, guards: AlertGuards = {}): AlertStep => {
  const checked = { ...state, checkedAt: obs.at };
  if (obs.active === null) return { state: checked, events: [] };
  const level = obs.level ?? 1;
  if (state.phase === 'firing') {
    if (!obs.active)
      return {
        state: { phase: 'armed', since: obs.at, level: 0, suppressed: null, checkedAt: obs.at },
        events: [{ kind: 'resolved', at: obs.at, summary: obs.summary }],
      };
    if (level > state.level && guardReason(obs, guards) === null)
      return {
        state: { ...checked, level },
        events: [{ kind: 'escalated', at: obs.at, summary: obs.summary }],
      };
    return { state: checked, events: [] };
  }
  if (!obs.active) return { state: { ...checked, suppressed: null }, events: [] };
  const reason = guardReason(obs, guards);
  if (reason !== null) {
    const kind = reason.startsWith('snoozed') ? 'snoozed' : 'volume';
    if (state.suppressed === kind) return { state: checked, events: [] };
    return {
      state: { ...checked, suppressed: kind },
      events: [{ kind: 'not_fired', at: obs.at, summary: obs.summary, reason }],
    };
  }
  return {
    state: { phase: 'firing', since: obs.at, level, suppressed: null, checkedAt: obs.at },
    events: [{ kind: 'fired', at: obs.at, summary: obs.summary }],
  };
};

/** Parses a stored state, falling back to the initial state for anything unreadable. */
export const parseAlertState = (text: string | null | undefined): AlertState => {
  if (!text) return INITIAL_ALERT_STATE;
  try {
    const v = JSON.parse(text) as Partial<AlertState>;
    return {
      phase: v.phase === 'firing' ? 'firing' : 'armed',
      since: typeof v.since === 'string' ? v.since : null,
      level: typeof v.level === 'number' ? v.level : 0,
      suppressed: typeof v.suppressed === 'string' ? v.suppressed : null,
      checkedAt: typeof v.checkedAt === 'string' ? v.checkedAt : null,
    };
  } catch {
    return INITIAL_ALERT_STATE;
  }
};
