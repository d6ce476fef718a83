// Structured logs: one JSON object per line. IO (writes to the given sink).
// Invariant: fields that could hold a secret (authorization, cookie, password, token,
// csrf, secret, setup) are replaced by "[redacted]" at any depth before writing.

export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEY = /authorization|cookie|password|token|csrf|secret|setup/i;

const redact = (v: unknown, depth = 0): unknown => {
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, x]) => [
      k,
      SECRET_KEY.test(k) ? '[redacted]' : redact(x, depth + 1),
    ]),
  );
};

export const jsonLogger = (sink: LogSink): Logger => ({
  log(level, event, fields = {}) {
    sink(
      JSON.stringify({ time: new Date().toISOString(), level, event, ...(redact(fields) as object) }) + '\n',
    );
  },
});
