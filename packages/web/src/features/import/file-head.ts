// Reads the start of an import file in the browser: its format and content type from the
// name, and its header and first rows — CSV with the delimiter sniffed among , ; tab |
// (RFC 4180 quotes), or the keys of the first objects of a JSON array / NDJSON. Pure.
// Invariants: only the head of the file is looked at (the server parses the whole file);
// a record cut off by the end of the head is dropped, never shown half.

export type FileFormat = 'csv' | 'json' | 'ndjson';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const HEAD_BYTES = 256 * 1024;
export const ACCEPT = '.csv,.tsv,.json,.ndjson,.jsonl';

export interface FileKind {
  readonly format: FileFormat;
  readonly contentType: string;
}

const KINDS: Readonly<Record<string, FileKind>> = {
  csv: { format: 'csv', contentType: 'text/csv' },
  tsv: { format: 'csv', contentType: 'text/tab-separated-values' },
  json: { format: 'json', contentType: 'application/json' },
  ndjson: { format: 'ndjson', contentType: 'application/x-ndjson' },
  jsonl: { format: 'ndjson', contentType: 'application/x-ndjson' },
};

/** The format by extension; a .json file holding one object per line is NDJSON. */
export const kindOf = (fileName: string, head = ''): FileKind | undefined => {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const k = KINDS[ext];
  if (k?.format === 'json' && head.trimStart().startsWith('{')) return KINDS['ndjson'];
  return k;
};

export interface FileHeadResult {
  readonly format: FileFormat;
  /** CSV only. */
  readonly delimiter?: string;
  readonly headers: readonly string[];
  /** The first rows, each aligned with `headers` ('' when absent). */
  readonly rows: readonly (readonly string[])[];
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export const delimiterName = (d: string): string =>
  d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : d;

/** Splits `text` into up to `max` records; a last record without its line end counts only when `complete`. */
export const parseCsv = (text: string, delim: string, max: number, complete: boolean): string[][] => {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  const end = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push(fields);
    fields = [];
    field = '';
  };
  let i = 0;
  for (; i < text.length && records.length < max; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delim) {
      fields.push(field);
      field = '';
    } else if (ch === '\n') end();
    else if (ch !== '\r') field += ch;
  }
  if (
    complete &&
    i >= text.length &&
    !inQuotes &&
    (field !== '' || fields.length > 0) &&
    records.length < max
  )
    end();
  return records;
};

/** Picks the delimiter that maps most headers, then gives consistent field counts, then most fields. */
export const sniffCsv = (
  text: string,
  complete: boolean,
  mappedCount: (headers: readonly string[]) => number,
): { delimiter: string; records: string[][] } => {
  const scored = DELIMITERS.map((d) => {
    const records = parseCsv(text, d, 50, complete);
    const header = records[0] ?? [];
    const consistent = records.every((r) => r.length === header.length);
    const rank =
      mappedCount(header.map((h) => h.trim())) * 1000 + (consistent ? 100 : 0) + Math.min(header.length, 99);
    return { delimiter: d, records, rank };
  });
  const best = scored.reduce((a, b) => (b.rank > a.rank ? b : a));
  return { delimiter: best.delimiter, records: best.records };
};

/** The complete objects at the start of a JSON array or an NDJSON text (a cut-off one is dropped). */
export const firstObjects = (text: string, max: number): Record<string, unknown>[] => {
  const out: Record<string, unknown>[] = [];
  const first = text.trimStart()[0];
  const rowDepth = first === '[' ? 1 : 0;
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (ch === '{' && depth === rowDepth) start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (ch === '}' && depth === rowDepth && start >= 0) {
        try {
          const v: unknown = JSON.parse(text.slice(start, i + 1));
          if (v !== null && typeof v === 'object' && !Array.isArray(v))
            out.push(v as Record<string, unknown>);
        } catch {
          // not a complete object: ignore it (the server will report the file)
        }
        start = -1;
      }
    }
  }
  return out;
};

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Header and first `rows` rows of the head of a file. */
export const readHead = (
  text: string,
  format: FileFormat,
  complete: boolean,
  mappedCount: (headers: readonly string[]) => number,
  rows = 10,
): FileHeadResult => {
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    const { delimiter, records } = sniffCsv(body, complete, mappedCount);
    const headers = (records[0] ?? []).map((h) => h.trim());
    return {
      format,
      delimiter,
      headers,
      rows: records.slice(1, rows + 1).map((r) => headers.map((_, i) => r[i] ?? '')),
    };
  }
  const objects = firstObjects(body, 50);
  const headers: string[] = [];
  for (const o of objects) for (const k of Object.keys(o)) if (!headers.includes(k)) headers.push(k);
  return { format, headers, rows: objects.slice(0, rows).map((o) => headers.map((h) => cell(o[h]))) };
};

/** A file name the server accepts as a label: plain characters, no folders, no "..". */
export const safeFileName = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9 ._()-]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 200);
  return cleaned === '' ? 'upload' : cleaned;
};
