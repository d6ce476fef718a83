// Reads a sessions or clicks export (CSV or TSV, UTF-8 or UTF-16) into distinct tag records
// for the UTM lint: which column holds which parameter (by header name, or a URL column
// whose query is read), one record per distinct set of tags with its row count and first
// row. IO. Invariants: row numbers are the spreadsheet's (the header is row 1); header names
// are matched through a null-prototype table; a file too large is refused, never cut.

import { readFileSync, statSync } from 'node:fs';
import {
  IoError,
  UsageError,
  UTM_LABELS,
  UTM_PARAMS,
  isUtmParam,
  parseUtmUrl,
  type UtmParam,
  type UtmTagRecord,
} from '@kpi/core';
import { DELIMITERS, decodeHead, detectEncoding, parseRecords } from '@kpi/ingest';

/** Largest export the lint reads (bytes): it holds the whole file in memory. */
export const MAX_UTM_EXPORT_BYTES = 200 * 1024 * 1024;

/** Header names (lower case, spaces/punctuation as one space) for each parameter. */
const HEADER_NAMES: Readonly<Record<UtmParam, readonly string[]>> = {
  utm_source: ['utm source', 'source', 'session source', 'first user source', 'session manual source'],
  utm_medium: ['utm medium', 'medium', 'session medium', 'first user medium', 'session manual medium'],
  utm_campaign: [
    'utm campaign',
    'campaign',
    'session campaign',
    'first user campaign',
    'session manual campaign name',
    'session campaign name',
  ],
  utm_id: ['utm id', 'campaign id', 'session campaign id', 'session manual campaign id'],
  utm_term: ['utm term', 'term', 'session manual term', 'session term'],
  utm_content: ['utm content', 'content', 'session manual ad content', 'session content'],
  utm_source_platform: [
    'utm source platform',
    'source platform',
    'session source platform',
    'session manual source platform',
  ],
  utm_creative_format: ['utm creative format', 'creative format', 'session manual creative format'],
  utm_marketing_tactic: ['utm marketing tactic', 'marketing tactic', 'session manual marketing tactic'],
};
const URL_HEADERS = [
  'url',
  'landing page',
  'landing page query string',
  'landing page + query string',
  'page location',
  'final url',
  'link',
  'destination url',
];

const headerKey = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();

export interface UtmExportColumns {
  /** Column index per parameter. */
  readonly params: ReadonlyMap<UtmParam, number>;
  readonly url: number | undefined;
}

export interface UtmExportOptions {
  /** PARAM=HEADER pairs that override the header matching. */
  readonly columns?: ReadonlyMap<string, string>;
  readonly urlColumn?: string;
}

export interface UtmExportRead {
  readonly records: UtmTagRecord[];
  readonly headers: readonly string[];
  /** What each parameter was read from, for the report. */
  readonly mapping: readonly { readonly param: UtmParam; readonly header: string }[];
  readonly urlHeader: string | undefined;
}

const findColumns = (headers: readonly string[], o: UtmExportOptions, file: string): UtmExportColumns => {
  const keys = headers.map(headerKey);
  const byName = (name: string, flag: string): number => {
    const i = keys.indexOf(headerKey(name));
    if (i < 0)
      throw new UsageError(
        'utm.column_unknown',
        `${flag}: ${file} has no column "${name}"`,
        `its columns: ${headers.join(', ')}`,
      );
    return i;
  };
  const params = new Map<UtmParam, number>();
  for (const [param, name] of o.columns ?? []) {
    if (!isUtmParam(param))
      throw new UsageError(
        'utm.param_unknown',
        `--column ${param}=${name}: "${param}" is not a campaign parameter`,
        `parameters: ${UTM_PARAMS.join(', ')}`,
      );
    params.set(param, byName(name, `--column ${param}`));
  }
  for (const p of UTM_PARAMS) {
    if (params.has(p)) continue;
    const i = keys.findIndex((k) => HEADER_NAMES[p].includes(k) || k === p.replace(/_/g, ' '));
    if (i >= 0) params.set(p, i);
  }
  const url =
    o.urlColumn !== undefined
      ? byName(o.urlColumn, '--url-column')
      : (() => {
          const i = keys.findIndex((k) => URL_HEADERS.includes(k));
          return i < 0 ? undefined : i;
        })();
  if (params.size === 0 && url === undefined)
    throw new UsageError(
      'utm.no_tag_columns',
      `${file}: no column holds campaign tags (looked for ${UTM_LABELS.utm_source.toLowerCase()}, medium, campaign, utm_* or a URL column)`,
      `its columns: ${headers.join(', ')}; name them with --column utm_campaign="Session campaign" or --url-column "Landing page"`,
    );
  return { params, url };
};

/** Reads the export at `path`. */
export const readUtmExport = (path: string, o: UtmExportOptions = {}): UtmExportRead => {
  let buf: Buffer;
  try {
    if (statSync(path).size > MAX_UTM_EXPORT_BYTES)
      throw new UsageError(
        'utm.file_too_large',
        `${path} is larger than ${MAX_UTM_EXPORT_BYTES / 1024 / 1024} MB`,
        'lint a part of it, or import it and lint the dataset (--dataset)',
      );
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new IoError('utm.read_failed', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  const text = decodeHead(buf, detectEncoding(buf.subarray(0, 200)));
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delim =
    [...DELIMITERS].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0] ?? ',';
  const records = parseRecords(text, delim, '"', Number.MAX_SAFE_INTEGER, true);
  const headers = (records[0] ?? []).map((h) => h.trim());
  if (records.length < 2)
    throw new UsageError(
      'utm.file_empty',
      `${path} has ${records.length ? 'a header but no data rows' : 'no rows'}`,
      'export the report with its rows',
    );
  const cols = findColumns(headers, o, path);
  const distinct = new Map<
    string,
    { refs: string[]; count: number; tags: Partial<Record<UtmParam, string>> }
  >();
  for (let r = 1; r < records.length; r++) {
    const row = records[r] ?? [];
    const tags: Partial<Record<UtmParam, string>> = {};
    if (cols.url !== undefined) {
      const cell = (row[cols.url] ?? '').trim();
      const query = cell.includes('?') ? cell : cell.startsWith('utm_') ? `?${cell}` : '';
      if (query) {
        const parsed = parseUtmUrl(query.startsWith('?') ? `https://x.invalid/${query}` : query);
        for (const p of UTM_PARAMS) {
          const v = parsed.params[p];
          if (v !== undefined) tags[p] = v;
        }
      }
    }
    for (const [p, i] of cols.params) {
      const v = row[i];
      if (v !== undefined && tags[p] === undefined) tags[p] = v;
    }
    const key = UTM_PARAMS.map((p) => tags[p] ?? '\u0001').join('\u0000');
    const seen = distinct.get(key);
    if (!seen) distinct.set(key, { refs: [`row ${r + 1}`], count: 1, tags });
    else {
      seen.count += 1;
      if (seen.refs.length < 3) seen.refs.push(`row ${r + 1}`);
    }
  }
  return {
    records: [...distinct.values()],
    headers,
    mapping: [...cols.params].map(([param, i]) => ({ param, header: headers[i] ?? '' })),
    urlHeader: cols.url === undefined ? undefined : headers[cols.url],
  };
};
