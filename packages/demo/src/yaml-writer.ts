// A small YAML emitter for the generated project files: block mappings, block or flow
// sequences, and scalars quoted only when a plain scalar could be misread. Pure.
// Invariant: the output parses back (YAML 1.2 core schema) to exactly the input value;
// keys keep their insertion order, undefined values are left out.

export type YamlValue =
  string | number | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,'()&/+%-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A scalar as YAML text: plain when safe, else a JSON (double-quoted) string. */
export const yamlScalar = (v: string | number | boolean | null): string => {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const plain =
    PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ') && !v.includes(': ') && !v.includes(' #');
  return plain ? v : JSON.stringify(v);
};

const isScalar = (v: YamlValue): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const SIMPLE = /^[A-Za-z0-9_.-]+$/;

const lines = (v: YamlValue, indent: string): string[] => {
  if (v === undefined || isScalar(v)) return [];
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v as readonly YamlValue[]) {
      if (item === undefined) continue;
      if (isScalar(item)) {
        out.push(`${indent}- ${yamlScalar(item)}`);
      } else {
        const inner = lines(item, `${indent}  `);
        const first = inner[0];
        if (first === undefined) out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}`);
        else out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...inner.slice(1));
      }
    }
    return out;
  }
  for (const [key, val] of Object.entries(v as { readonly [key: string]: YamlValue })) {
    if (val === undefined) continue;
    const k = yamlScalar(key);
    if (isScalar(val)) out.push(`${indent}${k}: ${yamlScalar(val)}`);
    else if (Array.isArray(val)) {
      const items = val as readonly YamlValue[];
      const flow = items.every((x) => typeof x === 'number' || (typeof x === 'string' && SIMPLE.test(x)));
      if (flow) out.push(`${indent}${k}: [${items.map((x) => yamlScalar(x as string | number)).join(', ')}]`);
      else out.push(`${indent}${k}:`, ...lines(items, `${indent}  `));
    } else {
      const inner = lines(val, `${indent}  `);
      out.push(inner.length ? `${indent}${k}:` : `${indent}${k}: {}`, ...inner);
    }
  }
  return out;
};

/** YAML text of a mapping, with an optional comment block on top. */
export const toYaml = (doc: { readonly [key: string]: YamlValue }, comment?: readonly string[]): string =>
  [...(comment ?? []).map((c) => (c ? `# ${c}` : '#')), ...lines(doc, '')].join('\n') + '\n';
