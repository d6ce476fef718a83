// A one-line progress bar on stderr for long imports; shown only after half a second so
// quick imports stay quiet. IO.
import type { CliContext } from '../cli-context.js';

export const progressBar = (ctx: CliContext) => {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update: (fraction: number | undefined, phase: string): void => {
      const now = Date.now();
      if (now - started < 500 || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      const width = 30;
      const f = fraction === undefined ? undefined : Math.max(0, Math.min(1, fraction));
      const bar =
        f === undefined
          ? ''
          : `[${'#'.repeat(Math.round(f * width)).padEnd(width, '.')}] ${Math.round(f * 100)}% `;
      ctx.err(`\r\u001b[2K${bar}${phase} ${((now - started) / 1000).toFixed(1)}s`);
    },
    done: (): void => {
      if (shown) ctx.err('\r\u001b[2K');
    },
  };
};
