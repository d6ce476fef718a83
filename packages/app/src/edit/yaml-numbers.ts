// Numbers written into project YAML files are plain: `3`, `0.25`, `1500000`, `0.0000001` —
// an exponent only where the plain form would be unreadably long (`-1e+308`). Pure.
// Invariants: the written text reads back as the same number; a number the user wrote
// with an exponent and that an edit leaves alone keeps its form (the EXP format tag).

import type { ScalarTag, Tags } from 'yaml';

/** Longest plain form (digits, point, sign) written instead of an exponent. */
const MAX_PLAIN = 24;

/** `n` without an exponent when that is short enough; JS's shortest form otherwise. */
export const plainNumber = (n: number): string => {
  if (!Number.isFinite(n)) return n !== n ? '.nan' : n < 0 ? '-.inf' : '.inf';
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', lead = '', rest = '', expText = '0'] = m;
  const digits = lead + rest;
  const exp = Number(expText);
  const plain =
    exp >= 0
      ? digits.length <= exp + 1
        ? digits.padEnd(exp + 1, '0')
        : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
      : `0.${'0'.repeat(-exp - 1)}${digits}`;
  return plain.length + sign.length <= MAX_PLAIN ? sign + plain : s;
};

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/** `customTags` for parseDocument: the schema's number tags, writing plain numbers. */
export const YAML_NUMBER_TAGS = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t !== 'object' || !('tag' in t) || !NUMBER_TAGS.has(t.tag) || t.format !== undefined) return t;
    const tag = t as ScalarTag;
    const original = tag.stringify;
    const stringify: ScalarTag['stringify'] = (item, ctx, onComment, onChompKeep) =>
      typeof item.value === 'number' && /e/i.test(String(item.value))
        ? plainNumber(item.value)
        : original
          ? original(item, ctx, onComment, onChompKeep)
          : String(item.value);
    return { ...tag, stringify };
  });
