// The weights file: a compact binary form of a SentimentModel, and base64 for embedding it
// in a generated module. Pure (no Buffer, no TextEncoder: the header is ASCII JSON).
// Layout: "KPISENT1" | u32 LE header length | header JSON | int8 weights (slot*3+class).
// Weights are quantised per class: q = round(w / scale[c]), scale[c] = max|w[c]| / 127.
import type { Result } from '@kpi/core';
import { CLASS_COUNT, type SentimentModel } from './sentiment-model.js';

const MAGIC = 'KPISENT1';

type Header = {
  version: string;
  bits: number;
  slots: number;
  scales: number[];
  bias: number[];
  offsets: number[];
  temperature: number;
  meta?: Record<string, unknown>;
};

export function encodeModel(model: SentimentModel, meta?: Record<string, unknown>): Uint8Array {
  const w = model.weights;
  const slots = w.length / CLASS_COUNT;
  const scales = [0, 0, 0];
  for (let j = 0; j < w.length; j++) {
    const c = j % 3;
    scales[c] = Math.max(scales[c]!, Math.abs(w[j]!));
  }
  for (let c = 0; c < CLASS_COUNT; c++) scales[c] = scales[c]! / 127 || 1;
  const header: Header = {
    version: model.version,
    bits: model.bits,
    slots,
    scales,
    bias: [...model.bias],
    offsets: [...model.offsets],
    temperature: model.temperature,
    ...(meta ? { meta } : {}),
  };
  const json = JSON.stringify(header).replace(
    /[\u0080-\uffff]/g,
    (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  const out = new Uint8Array(MAGIC.length + 4 + json.length + model.weights.length);
  let o = 0;
  for (let i = 0; i < MAGIC.length; i++) out[o++] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(o, json.length, true);
  o += 4;
  for (let i = 0; i < json.length; i++) out[o++] = json.charCodeAt(i);
  const q = new Int8Array(out.buffer, o, model.weights.length);
  for (let j = 0; j < model.weights.length; j++)
    q[j] = Math.max(-127, Math.min(127, Math.round(w[j]! / scales[j % 3]!)));
  return out;
}

export type DecodedModel = { readonly model: SentimentModel; readonly meta: Record<string, unknown> };

export function decodeModel(bytes: Uint8Array): Result<DecodedModel> {
  const fail = (message: string): Result<DecodedModel> => ({
    ok: false,
    issues: [
      {
        code: 'sentiment.weights.invalid',
        severity: 'error',
        message,
        path: [],
        hint: 'Re-run `npm run train:sentiment` or `kpi sentiment train --project`.',
      },
    ],
  });
  if (bytes.length < MAGIC.length + 4) return fail('The sentiment weights file is truncated.');
  for (let i = 0; i < MAGIC.length; i++)
    if (bytes[i] !== MAGIC.charCodeAt(i))
      return fail('This is not a sentiment weights file (bad magic bytes).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  if (start + len > bytes.length) return fail('The sentiment weights header is truncated.');
  let json = '';
  for (let i = 0; i < len; i++) json += String.fromCharCode(bytes[start + i]!);
  let header: Header;
  try {
    header = JSON.parse(json) as Header;
  } catch {
    return fail('The sentiment weights header is not valid JSON.');
  }
  const count = header.slots * CLASS_COUNT;
  if (!Number.isInteger(header.slots) || start + len + count !== bytes.length)
    return fail('The sentiment weights file has the wrong length for its header.');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + start + len, count);
  const weights = new Float32Array(count);
  for (let j = 0; j < count; j++) weights[j] = q[j]! * header.scales[j % 3]!;
  return {
    ok: true,
    value: {
      model: {
        kind: 'softmax',
        version: header.version,
        bits: header.bits,
        weights,
        bias: Float32Array.from(header.bias),
        offsets: Float32Array.from(header.offsets),
        temperature: header.temperature,
      },
      meta: header.meta ?? {},
    },
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? B64[n & 63]! : '=');
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (lookup[clean.charCodeAt(i)]! << 18) |
      (lookup[clean.charCodeAt(i + 1)]! << 12) |
      ((lookup[clean.charCodeAt(i + 2)] ?? 0) << 6) |
      (lookup[clean.charCodeAt(i + 3)] ?? 0);
    out[o++] = (n >> 16) & 255;
    if (i + 2 < clean.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < clean.length) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}
