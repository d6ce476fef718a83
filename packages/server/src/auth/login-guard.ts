// Per-account login back-off: after `freeFailures` failed logins on one account, each
// further attempt waits 2^n seconds (n = failures beyond the free ones), capped at
// `capSeconds`; a successful login resets the account. IO-free (the clock is passed in).
// Invariants: an attempt is counted when it starts (before the password is checked), so
// parallel guesses cannot slip through together; an attempt refused for waiting is not
// counted (an attacker cannot push the wait past the cap); a client that signed in to an
// account before skips that account's back-off (a guesser elsewhere cannot lock its real
// user out), but stays under the per-client limit; memory stays bounded.

export interface LoginGuardOptions {
  /** Failed logins on an account before the back-off starts. */
  readonly freeFailures: number;
  /** The longest wait (seconds) between attempts on one account. */
  readonly capSeconds: number;
  /** Failures older than this are forgotten (ms). */
  readonly forgetMs?: number;
  /** Entries kept at most (accounts, and known account/client pairs). */
  readonly maxEntries?: number;
}

export interface LoginGuard {
  /**
   * Starts a login attempt on `account` from `client` at `now` (ms): the seconds to wait
   * when refused, else 0 — and the attempt then counts as a failure until `succeeded`.
   */
  attempt(account: string, client: string, now: number): number;
  /** The attempt signed in: the account's failures are forgotten, the client is known. */
  succeeded(account: string, client: string, now: number): void;
}

/** Emails are matched the way accounts are stored: trimmed and lower-case. */
export const normaliseAccount = (email: string): string => email.trim().toLowerCase();

/** The wait (seconds) after `failures` failed attempts, before the next is allowed. */
export const backoffSeconds = (failures: number, o: LoginGuardOptions): number =>
  failures < o.freeFailures ? 0 : Math.min(o.capSeconds, 2 ** (failures - o.freeFailures + 1));

export const loginGuard = (o: LoginGuardOptions): LoginGuard => {
  const forgetMs = o.forgetMs ?? 24 * 3600 * 1000;
  const maxEntries = o.maxEntries ?? 100_000;
  const accounts = new Map<string, { failures: number; last: number }>();
  const known = new Map<string, number>();
  const pair = (account: string, client: string): string => `${normaliseAccount(account)}\n${client}`;
  const prune = (now: number): void => {
    for (const [k, a] of accounts) if (now - a.last >= forgetMs) accounts.delete(k);
    for (const [k, at] of known) if (now - at >= forgetMs * 30) known.delete(k);
    // Still too many: the oldest go first (Map keeps insertion order).
    for (const m of [accounts, known] as Map<string, unknown>[])
      for (const k of m.keys()) {
        if (m.size <= maxEntries) break;
        m.delete(k);
      }
  };
  return {
    attempt(account, client, now) {
      if (accounts.size > maxEntries || known.size > maxEntries) prune(now);
      const key = normaliseAccount(account);
      let a = accounts.get(key);
      if (a && now - a.last >= forgetMs) a = undefined;
      const failures = a?.failures ?? 0;
      if (!known.has(pair(account, client)) && a) {
        const readyAt = a.last + backoffSeconds(failures, o) * 1000;
        if (now < readyAt) return Math.max(1, Math.ceil((readyAt - now) / 1000));
      }
      accounts.delete(key);
      accounts.set(key, { failures: failures + 1, last: now });
      return 0;
    },
    succeeded(account, client, now) {
      accounts.delete(normaliseAccount(account));
      const k = pair(account, client);
      known.delete(k);
      known.set(k, now);
    },
  };
};
