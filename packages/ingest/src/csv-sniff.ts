// Reads the start of a CSV file in memory: splits the first records, and picks the
// delimiter that gives a consistent column count and maps the header onto the dataset. Pure.
// Invariant: only the head of the file is looked at; DuckDB's reader does the real parsing.

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvHead {
  readonly delimiter: string;
  /** The header fields, trimmed. */
  readonly headers: readonly string[];
  /** Data records seen in the head (complete ones only). */
  readonly sample: readonly (readonly string[])[];
}

/** Splits `text` into records (RFC 4180 quoting, CRLF, LF or CR alone, blank lines skipped). */
export const parseRecords = (
  text: string,
  delim: string,
  quote: string,
  max: number,
  complete: boolean,
): string[][] => {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push(fields);
    fields = [];
    field = '';
  };
  while (i < n && records.length < max) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
      } else field += ch;
    } else if (ch === quote && field === '') inQuotes = true;
    else if (ch === delim) {
      fields.push(field);
      field = '';
    } else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      // CRLF is one record end; a CR alone (old Mac / Excel exports) is one too.
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
    i++;
  }
  if (complete && i >= n && (field !== '' || fields.length > 0) && records.length < max) endRecord();
  return records;
};

export interface DelimiterScore {
  readonly delimiter: string;
  readonly headerFields: number;
  readonly consistent: boolean;
  readonly mapped: number;
}

/** Scores one delimiter: fields in the header, consistent counts, headers mapped onto the dataset. */
export const scoreDelimiter = (
  text: string,
  delimiter: string,
  quote: string,
  complete: boolean,
  mappedCount: (headers: readonly string[]) => number,
): DelimiterScore & { readonly records: string[][] } => {
  const records = parseRecords(text, delimiter, quote, 50, complete);
  const header = records[0] ?? [];
  const consistent = records.every((r) => r.length === header.length);
  return { delimiter, headerFields: header.length, consistent, mapped: mappedCount(header), records };
};

const rank = (s: DelimiterScore): number =>
  s.mapped * 1000 + (s.consistent ? 100 : 0) + Math.min(s.headerFields, 99);

/** The best of the candidate delimiters, with all scores (best first) for messages. */
export const sniffDelimiter = (
  text: string,
  quote: string,
  complete: boolean,
  mappedCount: (headers: readonly string[]) => number,
): readonly (DelimiterScore & { readonly records: string[][] })[] =>
  DELIMITERS.map((d) => scoreDelimiter(text, d, quote, complete, mappedCount)).sort(
    (a, b) => rank(b) - rank(a),
  );

/** True when `other` clearly fits the file better than `given`. */
export const fitsBetter = (other: DelimiterScore, given: DelimiterScore): boolean =>
  other.headerFields > 1 &&
  other.consistent &&
  (other.mapped > given.mapped || (given.headerFields === 1 && other.mapped >= given.mapped));

export const delimiterName = (d: string): string =>
  d === '\t'
    ? 'tab'
    : d === ','
      ? 'comma (,)'
      : d === ';'
        ? 'semicolon (;)'
        : d === '|'
          ? 'pipe (|)'
          : JSON.stringify(d);

/** How many lines above the header may be a report's title, date range or comments. */
export const MAX_PREAMBLE_LINES = 30;

/**
 * The 0-based line of the header: platform exports put a title, a date range or "#"
 * comments above it (Google Ads, GA4). The first of the first lines that maps the most
 * dataset columns is the header; 0 unless a later line maps more than the first one.
 */
export const findHeaderLine = (
  text: string,
  quote: string,
  delimiter: string | undefined,
  mappedCount: (headers: readonly string[]) => number,
): number => {
  const lines = text.split(/\r\n|\r|\n/, MAX_PREAMBLE_LINES + 1).slice(0, MAX_PREAMBLE_LINES);
  const delims = delimiter === undefined ? DELIMITERS : [delimiter];
  const mappedAt = (line: string): number =>
    Math.max(...delims.map((d) => mappedCount(parseRecords(line, d, quote, 1, true)[0] ?? [])));
  const first = mappedAt(lines[0] ?? '');
  let best = 0;
  let bestMapped = first;
  lines.forEach((line, i) => {
    if (i === 0) return;
    const m = mappedAt(line);
    if (m > bestMapped) [best, bestMapped] = [i, m];
  });
  return best;
};

/** The text from line `n` (0-based) on. */
export const fromLine = (text: string, n: number): string => {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const m = /\r\n|\r|\n/.exec(text.slice(at));
    if (!m) return '';
    at += m.index + m[0].length;
  }
  return text.slice(at);
};
