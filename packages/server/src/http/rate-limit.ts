// Fixed-window rate limiting by key (client address, account, token). IO-free (takes
// the clock as an argument). Invariant: memory stays bounded — windows that ended are
// dropped when the table grows.

export interface RateLimiter {
  /** Counts one hit for `key`; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now?: number): number;
}

export const rateLimiter = (limit: number, windowMs: number): RateLimiter => {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      if (windows.size > 10_000)
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 0;
      }
      w.count += 1;
      return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
  };
};
