// A transaction on top of an engine's exclusive section, shared by every engine. IO.
// Invariant: committed when `fn` resolves, rolled back when it throws (the error is kept).

import type { Engine } from './engine.js';

export const runTransaction = <T>(
  engine: Pick<Engine, 'exclusive' | 'exec'>,
  begin: string,
  fn: () => Promise<T>,
): Promise<T> =>
  engine.exclusive(async () => {
    await engine.exec(begin);
    try {
      const value = await fn();
      await engine.exec('COMMIT');
      return value;
    } catch (e) {
      await engine.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
