// Where channel secrets come from: the environment, or a secrets file outside the project
// (`--secrets FILE` / KPI_SECRETS), never the versioned YAML — the YAML names them. IO.
// Invariants: a secrets file inside the project folder is refused (it would end up in
// git); the environment wins over the file; a missing secret is an error that names the
// secret, the channel and where it was looked for; secret values never reach a message.

import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { IoError, UsageError, ownGet, ownRecord } from '@kpi/core';

export interface Secrets {
  /** The value of secret `name`, for channel `channel` (named in the error when missing). */
  get(name: string, channel: string): string;
  /** Where secrets are read from, for messages. */
  readonly sources: string;
}

const parseSecretsFile = (text: string, file: string): Record<string, string> => {
  const out = ownRecord<string>();
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new UsageError('secrets.file_invalid', `${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new UsageError('secrets.file_invalid', `${file} must hold a JSON object of NAME: value`);
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=\s*(.*)$/.exec(l);
    if (!m?.[1])
      throw new UsageError(
        'secrets.file_invalid',
        `${file}:${i + 1}: expected NAME=value`,
        'one secret per line, e.g. SMTP_PASSWORD=...',
      );
    out[m[1]] = (m[2] ?? '').replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  });
  return out;
};

const inside = (dir: string, file: string): boolean => {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Secrets from `env` and, when given, the file `file` (which must lie outside `projectDir`). */
export const loadSecrets = (opts: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly file?: string;
  readonly projectDir: string;
}): Secrets => {
  let fromFile = ownRecord<string>();
  if (opts.file !== undefined) {
    const path = resolve(opts.file);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      throw new IoError('secrets.file_unreadable', `cannot read the secrets file ${path}`, { cause: e });
    }
    if (inside(realpathSync(opts.projectDir), real))
      throw new UsageError(
        'secrets.file_in_project',
        `the secrets file ${path} is inside the project folder, so it could be committed with the YAML`,
        'move it outside the project folder (e.g. ~/.config/kpi/secrets.env) and pass --secrets or KPI_SECRETS',
      );
    fromFile = parseSecretsFile(readFileSync(real, 'utf8'), path);
  }
  const sources = opts.file === undefined ? 'the environment' : `the environment and ${resolve(opts.file)}`;
  return {
    sources,
    get(name, channel) {
      const v = ownGet(opts.env, name) ?? ownGet(fromFile, name);
      if (v === undefined || v === '')
        throw new UsageError(
          'delivery.secret_missing',
          `channel ${channel} needs the secret ${name}, which is not set in ${sources}`,
          `set ${name} in the environment of kpi, or in a secrets file outside the project (--secrets FILE or KPI_SECRETS)`,
        );
      return v;
    },
  };
};
