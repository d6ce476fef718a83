// Test helpers for the HTTP fault suite: the clean-answer property (2xx, or a 4xx with
// the `{error: {code, message}}` shape; never a 5xx) and a health probe.
import assert from 'node:assert/strict';
import type { Answer, Fixture } from './server-fixture.js';
import { call } from './server-fixture.js';

/** Asserts `a` is a success or a clean client error; returns its status. */
export const assertClean = (a: Answer, what: string): number => {
  const brief = `${what} -> ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`;
  assert.ok(a.status >= 200 && a.status < 500, brief);
  if (a.status >= 400) {
    const e = (a.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    assert.equal(typeof e?.code, 'string', brief);
    assert.match(String(e?.code), /^[a-z_]+(\.[a-z0-9_]+)+$/, brief);
    assert.equal(typeof e?.message, 'string', brief);
    assert.ok(String(e?.message).length > 0, brief);
  }
  return a.status;
};

/** The server still answers. */
export const assertUp = async (f: Fixture): Promise<void> => {
  const health = await call(f, 'GET', '/api/health');
  assert.equal(health.status, 200);
};

/** Counts of answers by status, printed beside the fuzz line. */
export const tally = (): { add(status: number): void; text(): string } => {
  const counts = new Map<number, number>();
  return {
    add: (s) => void counts.set(s, (counts.get(s) ?? 0) + 1),
    text: () =>
      [...counts.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}:${n}`)
        .join(' '),
  };
};
