// What every request handler shares: the project (reloaded after each edit and when its
// files change on disk), limits, rate limiters, the logger, in-flight work, and the
// one-time setup secret. IO.
// Invariant: `project()` is the project as last validated; a request sees one version.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  openProject,
  readBenchmarkFiles,
  readProjectFiles,
  systemClock,
  type Clock,
  type LoadedProject,
  type Principal,
  type Secrets,
} from '@kpi/app';
import type { Logger } from './http/json-log.js';
import { loginGuard, type LoginGuard } from './auth/login-guard.js';
import type { TrustedProxies } from './http/client-address.js';
import { rateLimiter, type RateLimiter } from './http/rate-limit.js';
import { principalCache, readCache, type PrincipalCache, type ReadCache } from './http/read-cache.js';

export interface ServerLimits {
  /** Largest JSON body (bytes). */
  readonly jsonBytes: number;
  /** Largest upload or NDJSON push (bytes). */
  readonly uploadBytes: number;
  /** Login and setup attempts per client address per minute. */
  readonly loginPerMinute: number;
  /** Failed logins on one account before its back-off starts (then 2^n s between attempts). */
  readonly loginFreeFailures: number;
  /** The longest wait between login attempts on one account (seconds). */
  readonly loginBackoffCapSeconds: number;
  /** Pushes and imports per principal per minute. */
  readonly pushesPerMinute: number;
  /** Reads running longer are stopped (ms). */
  readonly queryTimeoutMs: number;
  readonly sessionMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  jsonBytes: 1024 * 1024,
  uploadBytes: 100 * 1024 * 1024,
  loginPerMinute: 10,
  loginFreeFailures: 5,
  loginBackoffCapSeconds: 300,
  pushesPerMinute: 600,
  queryTimeoutMs: 15_000,
  sessionMs: 12 * 3600 * 1000,
};

export interface ServerState {
  readonly dir: string;
  readonly limits: ServerLimits;
  readonly log: Logger;
  /** Cookies get the Secure flag (behind HTTPS). */
  readonly secureCookies: boolean;
  /** Where "today" comes from for every default date (the system clock unless fixed). */
  readonly clock: Clock;
  project(): LoadedProject;
  setProject(lp: LoadedProject): void;
  /** Reloads the project when a project file changed on disk (checked at most once a second). */
  refresh(): void;
  /** Login and setup attempts per client. */
  readonly loginLimiter: RateLimiter;
  /** Login back-off per account. */
  readonly loginGuard: LoginGuard;
  /** PIN back-off per share link. */
  readonly shareGuard: LoginGuard;
  /** Proxies whose X-Forwarded-For names the client. */
  readonly trustedProxies: TrustedProxies;
  /** The clock of rate limits and token expiry (ms since the epoch). */
  readonly now: () => number;
  /** When each token's use was last recorded (ms), to record it at most once a minute. */
  readonly tokenUses: Map<string, number>;
  readonly pushLimiter: RateLimiter;
  /** Scorecard and query answers of the current data generation. */
  readonly reads: ReadCache;
  /** Principals behind tokens and sessions (cleared on revoke, logout, new users). */
  readonly principals: PrincipalCache<{ principal: Principal; csrf?: string }>;
  /** Call after any change to the stored data. */
  dataChanged(): void;
  /** The secret of the one-time setup link, while no user exists. */
  setupSecret: string | undefined;
  readonly tmpDir: string;
  /** The delivery channels' secrets and the link address, when the scheduler runs here. */
  delivery?: { readonly secrets: Secrets; readonly baseUrl: string };
}

const fingerprint = (dir: string): string =>
  [...readProjectFiles(dir), ...readBenchmarkFiles(dir)]
    .map((f) => {
      const st = statSync(join(dir, f.path));
      return `${f.path}:${st.size}:${st.mtimeMs}`;
    })
    .join('|');

export const createServerState = (
  lp: LoadedProject,
  opts: {
    limits: ServerLimits;
    log: Logger;
    secureCookies: boolean;
    tmpDir: string;
    trustedProxies: TrustedProxies;
    now: () => number;
    clock?: Clock;
  },
): ServerState => {
  const clock = opts.clock ?? lp.clock ?? systemClock;
  // Every project the state hands out carries the server's clock (edits and reloads too).
  const withClock = (p: LoadedProject): LoadedProject => (p.clock === clock ? p : { ...p, clock });
  let current = withClock(lp);
  let seen = fingerprint(lp.dir);
  let checkedAt = Date.now();
  const reads = readCache();
  return {
    reads,
    principals: principalCache(10_000),
    dataChanged: () => reads.invalidate(),
    dir: lp.dir,
    limits: opts.limits,
    log: opts.log,
    secureCookies: opts.secureCookies,
    tmpDir: opts.tmpDir,
    clock,
    setupSecret: undefined,
    loginLimiter: rateLimiter(opts.limits.loginPerMinute, 60_000),
    loginGuard: loginGuard({
      freeFailures: opts.limits.loginFreeFailures,
      capSeconds: opts.limits.loginBackoffCapSeconds,
    }),
    shareGuard: loginGuard({
      freeFailures: opts.limits.loginFreeFailures,
      capSeconds: opts.limits.loginBackoffCapSeconds,
    }),
    trustedProxies: opts.trustedProxies,
    now: opts.now,
    tokenUses: new Map(),
    pushLimiter: rateLimiter(opts.limits.pushesPerMinute, 60_000),
    project: () => current,
    setProject(next) {
      current = withClock(next);
      seen = fingerprint(next.dir);
      reads.invalidate();
    },
    refresh() {
      const now = Date.now();
      if (now - checkedAt < 1000) return;
      checkedAt = now;
      try {
        const fp = fingerprint(current.dir);
        if (fp === seen) return;
        seen = fp;
        current = openProject(current.dir, { clock });
        reads.invalidate();
        opts.log.log('info', 'project.reloaded', { dir: current.dir });
      } catch (e) {
        opts.log.log('warn', 'project.reload_failed', { message: (e as Error).message });
      }
    },
  };
};
