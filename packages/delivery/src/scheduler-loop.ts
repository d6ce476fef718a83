// The scheduler's heartbeat inside a long-running process: calls `tick` every
// `intervalMs`, one tick at a time, and stops cleanly. IO (timers).
// Invariants: ticks never overlap; `stop()` waits for the running tick and schedules no
// more; a failing tick is reported to `onError` and the loop carries on; the timer does
// not keep the process alive. What is due is decided inside `tick` by the injected clock,
// never by the timer.

export interface SchedulerLoop {
  /** Runs a tick now (after the running one), e.g. after an import. */
  poke(): void;
  stop(): Promise<void>;
}

export const startSchedulerLoop = (opts: {
  readonly tick: () => Promise<void>;
  readonly intervalMs: number;
  readonly onError: (e: unknown) => void;
  /** Delay of the first tick (default 0: right away, so a missed run goes out on start). */
  readonly firstDelayMs?: number;
}): SchedulerLoop => {
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let again = false;
  const run = (): void => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = opts
      .tick()
      .catch((e: unknown) => opts.onError(e))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        const wait = again ? 0 : opts.intervalMs;
        again = false;
        timer = setTimeout(run, wait);
        timer.unref();
      });
  };
  timer = setTimeout(run, opts.firstDelayMs ?? 0);
  timer.unref();
  return {
    poke() {
      if (stopped) return;
      if (running) again = true;
      else {
        if (timer) clearTimeout(timer);
        timer = setTimeout(run, 0);
        timer.unref();
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
