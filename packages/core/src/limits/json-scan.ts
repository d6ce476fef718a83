// A streaming byte scanner for JSON and NDJSON that checks structural limits before any
// parser sees the data: nesting depth, keys per object, and the length of every string
// and number; optionally the shape of pushed rows (objects of plain values). Pure: fed
// chunks of bytes, it keeps a few counters and never builds the values.
// Invariants: memory is constant in the input size (one counter per allowed level);
// the first violation is reported with its 1-based line and byte column and stops the
// scan; well-formedness is not judged here (the reader after it does that).

import type { InputLimits, LimitName } from './input-limits.js';
import { countText } from './input-limits.js';

export interface LimitViolation {
  /** The limit exceeded, or 'shape' when flat rows were required and are not there. */
  readonly limit: LimitName | 'shape';
  /** What was found: the depth, key count, value length or column count (at least). */
  readonly value: number;
  /** The limit in force (0 for shape problems). */
  readonly max: number;
  readonly line: number;
  readonly column: number;
  /** What is wrong, without the place (e.g. "the data nests deeper than 64 levels"). */
  readonly message: string;
  /** How to fix it, when the limit's own hint does not fit. */
  readonly hint?: string;
}

export interface ByteScanner {
  /** Scans the next bytes; the first violation found (then and on every later call). */
  feed(chunk: Uint8Array): LimitViolation | undefined;
  /** The input has ended; a violation that only the end reveals. */
  end(): LimitViolation | undefined;
  /** True when the scanner needs no more input (a first-record scan that is complete). */
  done(): boolean;
}

export interface JsonScanOptions {
  readonly limits: InputLimits;
  /** 'json': one document (an array of rows, for flat rows); 'ndjson': one row per line. */
  readonly format: 'json' | 'ndjson';
  /** Require rows that are objects whose values are text, numbers, true/false or null. */
  readonly flatRows?: boolean;
  /** With flat rows: at most this many rows. */
  readonly maxRows?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export const jsonScanner = (o: JsonScanOptions): ByteScanner => {
  const { json_depth: maxDepth, json_keys: maxKeys, field_bytes: maxField } = o.limits;
  const keys = new Int32Array(maxDepth + 2);
  /** The depth inside a row object. */
  const rowDepth = o.format === 'json' ? 2 : 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringBytes = 0;
  let scalarBytes = 0;
  let line = 1;
  let column = 0;
  let rows = 0;
  let found: LimitViolation | undefined;

  const stop = (limit: LimitViolation['limit'], value: number, max: number, message: string) =>
    (found = { limit, value, max, line, column, message });
  const rowWord = (): string => (o.format === 'json' ? `row ${countText(rows + 1)}` : 'the row on this line');

  /** Shape of a value starting at the current depth (flat rows only); true when wrong. */
  const wrongShape = (b: number): boolean => {
    if (o.flatRows !== true) return false;
    const opens = b === OPEN_ARRAY || b === OPEN_OBJECT;
    if (o.format === 'json' && depth === 0 && b !== OPEN_ARRAY) {
      stop('shape', 0, 0, 'the body must be a JSON array of row objects');
      return true;
    }
    if (depth === rowDepth - 1 && b !== OPEN_OBJECT) {
      stop('shape', 0, 0, `${rowWord()} is not a JSON object`);
      return true;
    }
    if (depth === rowDepth && opens) {
      stop(
        'shape',
        0,
        0,
        `${o.format === 'json' ? `row ${countText(rows)}` : 'the row on this line'} has a value that is ${b === OPEN_ARRAY ? 'an array' : 'an object'}; values must be text, numbers, true/false or null`,
      );
      return true;
    }
    return false;
  };

  return {
    done: () => found !== undefined,
    end: () => found,
    feed(chunk) {
      if (found) return found;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        column++;
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            inString = false;
            continue;
          }
          if (b === NEWLINE) {
            line++;
            column = 0;
          }
          if (++stringBytes > maxField)
            return stop(
              'field_bytes',
              stringBytes,
              maxField,
              `a text value is longer than ${countText(maxField)} bytes`,
            );
          continue;
        }
        switch (b) {
          case QUOTE:
            if (scalarBytes === 0 && wrongShape(b)) return found;
            inString = true;
            stringBytes = 0;
            scalarBytes = 0;
            break;
          case OPEN_ARRAY:
          case OPEN_OBJECT:
            scalarBytes = 0;
            if (depth + 1 > maxDepth)
              return stop(
                'json_depth',
                depth + 1,
                maxDepth,
                `the data nests deeper than ${countText(maxDepth)} levels`,
              );
            if (wrongShape(b)) return found;
            if (b === OPEN_OBJECT && depth === rowDepth - 1 && ++rows > (o.maxRows ?? Infinity)) {
              const max = countText(o.maxRows ?? 0);
              const message = `there are more than ${max} rows; send at most ${max} at a time`;
              const hint = `split the rows into batches of at most ${max}`;
              return (found = { limit: 'shape', value: rows, max: 0, line, column, message, hint });
            }
            depth++;
            keys[depth] = 0;
            break;
          case CLOSE_ARRAY:
          case CLOSE_OBJECT:
            scalarBytes = 0;
            if (depth > 0) depth--;
            break;
          case COLON: {
            scalarBytes = 0;
            const n = (keys[depth] ?? 0) + 1;
            keys[depth] = n;
            if (n > maxKeys)
              return stop('json_keys', n, maxKeys, `an object has more than ${countText(maxKeys)} keys`);
            break;
          }
          case NEWLINE:
            scalarBytes = 0;
            line++;
            column = 0;
            break;
          case COMMA:
          case SPACE:
          case TAB:
          case RETURN:
            scalarBytes = 0;
            break;
          default:
            if (scalarBytes === 0 && wrongShape(b)) return found;
            if (++scalarBytes > maxField)
              return stop(
                'field_bytes',
                scalarBytes,
                maxField,
                `a value is longer than ${countText(maxField)} bytes`,
              );
        }
      }
      return undefined;
    },
  };
};
