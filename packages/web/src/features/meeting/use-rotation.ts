// The slide rotation of meeting mode: current index, pause, previous/next (wrapping), and
// the auto-advance timer (restarted on every slide change, stopped while paused).

import { useCallback, useEffect, useState } from 'react';

export const DEFAULT_SECONDS = 20;
export const MIN_SECONDS = 5;

/** ?seconds=N -> N (at least 5); anything else -> 20. Pure. */
export const parseSeconds = (search: string): number => {
  const raw = new URLSearchParams(search).get('seconds');
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.max(MIN_SECONDS, Math.round(n)) : DEFAULT_SECONDS;
};

export interface Rotation {
  readonly index: number;
  readonly paused: boolean;
  next(): void;
  previous(): void;
  togglePause(): void;
}

export const useRotation = (count: number, seconds: number): Rotation => {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const next = useCallback(() => setIndex((i) => (count === 0 ? 0 : (i + 1) % count)), [count]);
  const previous = useCallback(() => setIndex((i) => (count === 0 ? 0 : (i - 1 + count) % count)), [count]);
  const togglePause = useCallback(() => setPaused((p) => !p), []);

  useEffect(() => {
    if (paused || count < 2) return;
    const t = window.setTimeout(next, seconds * 1000);
    return () => window.clearTimeout(t);
  }, [index, paused, count, seconds, next]);

  return { index: count === 0 ? 0 : index % count, paused, next, previous, togglePause };
};
