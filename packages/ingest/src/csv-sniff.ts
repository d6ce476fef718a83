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
