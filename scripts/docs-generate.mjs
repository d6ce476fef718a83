// Generates the guide pages that come from the code: docs/yaml-reference.md (every field of
// kpi.yaml, definitions/*.yaml and benchmarks/*.yaml, from the zod schema through its JSON
// Schema) and docs/troubleshooting.md (every stable error and issue code raised in
// packages/*/src, with its message and hint as written there). `--check` fails (exit 1)
// when a committed page differs from what the code says. Run after `npm run build`.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { benchmarkJsonSchema, projectJsonSchema } from '../packages/core/dist/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

// ---------- YAML reference ----------

/** Hand-written examples where a generic one would say nothing; keyed by the field path. */
const EXAMPLES = {
  'project.name': 'name: Northwind Coffee',
  'project.timezone': 'timezone: Europe/Berlin',
  'project.currency': 'currency: EUR',
  'datasets.<name>.time': 'time: day   # or leave it out (snapshots), or time: none (reference data)',
  'datasets.<name>.key': 'key: [day, campaign]',
  'datasets.<name>.dimensions': 'dimensions: [channel, campaign]',
  'datasets.<name>.columns.<name>.source': 'source: "Amount spent (EUR)"',
  'datasets.<name>.columns.<name>.format': 'format: "%d/%m/%Y"',
  'datasets.<name>.columns.<name>.labels': 'labels: { meta_ads: Meta ads }',
  'metrics.<name>.expr': 'expr: (revenue - spend) / spend',
  'metrics.<name>.filter': 'filter: { platform: instagram }',
  'metrics.<name>.numerator': 'numerator: clicks',
  'metrics.<name>.denominator': 'denominator: impressions',
  'kpis.<name>.filter': 'filter: { channel: [meta_ads, google_ads] }',
  'kpis.<name>.target': 'target: { kind: reach, value: 500, deadline: 2026-03-31 }',
  'goals.<name>.period': 'period: { start: 2026-01-01, end: 2026-03-31 }',
  'benchmarks[].filter': 'filter: { platform: instagram }',
  source: 'source: "Example Social Survey, table 3"',
  'project.database.url_env': 'url_env: KPI_DATABASE_URL',
  'datasets.<name>.description': 'description: Paid social, one row per ad and day',
  'datasets.<name>.columns.<name>.description': 'description: Spend in the account currency',
  label: 'label: retail brands',
};

const variants = (s) => s.oneOf ?? s.anyOf;

const typeOf = (s) => {
  if (!s || Object.keys(s).length === 0) return 'any';
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return `one of ${s.enum.map((v) => `\`${v}\``).join(', ')}`;
  const v = variants(s);
  if (v) return [...new Set(v.map(typeOf))].join(' or ');
  if (s.type === 'array') return `list of ${typeOf(s.items)}`;
  if (s.type === 'object' && s.properties) return 'mapping';
  if (s.type === 'object' && s.additionalProperties)
    return `mapping of name → ${typeOf(s.additionalProperties)}`;
  if (s.type === 'string' && s.pattern?.includes('[a-z_][a-z0-9_]')) return 'name (snake_case)';
  if (s.type === 'string' && s.pattern?.includes('\\d{4}')) return 'date (YYYY-MM-DD)';
  return s.type ?? 'any';
};

const scalarExample = (s, key) => {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && (typeof s.default !== 'object' || s.default === null)) return s.default;
  const v = variants(s);
  if (v) return scalarExample(v[0], key);
  if (s.type === 'boolean') return true;
  if (s.type === 'integer') return Math.max(1, s.minimum ?? 1);
  if (s.type === 'number') return s.minimum !== undefined && s.minimum > 0 ? s.minimum : 0.05;
  if (s.type === 'string' && (/date|deadline|start|end/.test(key) || /YYYY-MM-DD/.test(s.description ?? '')))
    return '2026-03-31';
  if (s.type === 'string' && s.pattern?.includes('[a-z_][a-z0-9_]'))
    return `my_${key.replace(/[^a-z]/g, '') || 'name'}`;
  if (s.type === 'string' && s.pattern?.includes('[A-Z]{3}')) return 'EUR';
  if (s.type === 'array') return [scalarExample(s.items ?? {}, key)];
  return 'text';
};

const exampleOf = (path, key, s) => {
  const hand = EXAMPLES[path] ?? EXAMPLES[key];
  if (hand !== undefined) return hand;
  if (s.type === 'object' && !s.properties && !s.additionalProperties) return `${key}: {}`;
  if (s.type === 'object' || (variants(s) && variants(s).every((x) => x.type === 'object'))) return null;
  const v = scalarExample(s, key);
  const text = Array.isArray(v)
    ? `[${v.join(', ')}]`
    : typeof v === 'string' && /[:#{}[\],]/.test(v)
      ? JSON.stringify(v)
      : String(v);
  return `${key}: ${text}`;
};

const cellText = (t) =>
  String(t ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** Rows [path, type, default, description, example] for every field under `s`. */
const fieldsOf = (s, path, out) => {
  if (!s) return;
  const objectVariants = variants(s)?.filter((x) => x.type === 'object' && x.properties);
  if (
    objectVariants?.length &&
    objectVariants.length === variants(s).length &&
    objectVariants.some((x) => x.properties.kind?.const)
  ) {
    for (const v of objectVariants) {
      const kind = v.properties.kind?.const;
      out.push({ heading: `${path} — kind: ${kind}`, description: v.description });
      fieldsOf(v, path, out);
    }
    return;
  }
  if (s.type === 'object' && s.properties) {
    const req = new Set(s.required ?? []);
    for (const [key, child] of Object.entries(s.properties)) {
      if (key === '$schema') continue;
      const p = path ? `${path}.${key}` : key;
      out.push({
        path: p,
        type: typeOf(child),
        required: req.has(key),
        default: child.default,
        description: child.description ?? '',
        example: exampleOf(p, key, child),
      });
      descend(child, p, out);
    }
  }
};

const descend = (child, p, out) => {
  if (child.type === 'object' && child.properties) fieldsOf(child, p, out);
  else if (
    child.type === 'object' &&
    child.additionalProperties &&
    typeof child.additionalProperties === 'object'
  )
    fieldsOf(child.additionalProperties, `${p}.<name>`, out);
  else if (child.type === 'array' && child.items?.type === 'object') fieldsOf(child.items, `${p}[]`, out);
  else if (variants(child)?.some((x) => x.type === 'object')) {
    const objs = variants(child).filter((x) => x.type === 'object');
    if (objs.length === 1) fieldsOf(objs[0], p, out);
    else fieldsOf({ oneOf: objs }, p, out);
  }
};

const table = (rows) => {
  const lines = ['| field | type | default | description | example |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows)
    lines.push(
      `| \`${r.path}\`${r.required ? ' (required)' : ''} | ${cellText(r.type)} | ${r.default === undefined ? '' : `\`${cellText(JSON.stringify(r.default))}\``} | ${cellText(r.description)} | ${r.example ? `\`${cellText(r.example)}\`` : '(see the fields below)'} |`,
    );
  return lines.join('\n');
};

const section = (title, intro, rows) => {
  const out = [`## ${title}`, '', intro, ''];
  let chunk = [];
  const flush = () => {
    if (chunk.length) out.push(table(chunk), '');
    chunk = [];
  };
  for (const r of rows) {
    if (r.heading) {
      flush();
      out.push(`### ${r.heading}`, '', ...(r.description ? [r.description, ''] : []));
    } else chunk.push(r);
  }
  flush();
  return out.join('\n');
};

const yamlReference = () => {
  const main = projectJsonSchema().anyOf[0];
  const out = [
    '# YAML reference',
    '',
    '<!-- Generated by `npm run docs` (scripts/docs-generate.mjs) from the zod schema in packages/core/src/schema; do not edit by hand. A test fails when this page is out of date. -->',
    '',
    'Every field kpi reads from `kpi.yaml` and `definitions/*.yaml` (the same sections; `project:` only in kpi.yaml), and from benchmark set files `benchmarks/*.yaml`. `<name>` stands for a name you choose: snake_case, lower-case letters, digits and underscores, starting with a letter. Editors that read JSON Schema can check files as you type: `kpi schema --out kpi.schema.json`.',
    '',
  ];
  for (const [key, child] of Object.entries(main.properties)) {
    if (key === '$schema') continue;
    const rows = [];
    const top = {
      path: key,
      type: typeOf(child),
      required: (main.required ?? []).includes(key),
      default: child.default,
      description: child.description ?? '',
      example: exampleOf(key, key, child),
    };
    rows.push(top);
    descend(child, key, rows);
    out.push(section(`\`${key}\``, child.description ?? '', rows));
  }
  const bench = benchmarkJsonSchema();
  const rows = [];
  fieldsOf(bench, '', rows);
  out.push(
    section(
      'Benchmark set files (`benchmarks/*.yaml`)',
      `${bench.description ?? ''} The file name is the set's name (benchmarks/retail-instagram.yaml is retail_instagram). See [benchmark-sets.md](benchmark-sets.md).`,
      rows,
    ),
  );
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
};

// ---------- troubleshooting ----------

const sourceFiles = (dir) => {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
};

const CODE = String.raw`'([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)'`;
const PATTERNS = [
  new RegExp(String.raw`code:\s*` + CODE, 'g'),
  new RegExp(String.raw`(?:Error|issue|problem)\(\s*` + CODE, 'g'),
];
const literal = (s) =>
  s === undefined
    ? undefined
    : s
        .replace(/\$\{[^}]*\}/g, '…')
        .replace(/\\n/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
const near = (text, at, field) => {
  // Only the object the code sits in: up to the next code.
  const rest = text.slice(at + 6, at + 1400);
  const stop = rest.search(/code:|Error\(/);
  const window = stop < 0 ? rest : rest.slice(0, stop);
  const m = new RegExp(
    String.raw`${field}:\s*(?:'((?:[^'\\]|\\.)*)'|\x60((?:[^\x60\\]|\\.)*)\x60|"((?:[^"\\]|\\.)*)")`,
  ).exec(window);
  return m ? literal(m[1] ?? m[2] ?? m[3]) : undefined;
};
/** The string arguments after the code of `new XError('code', 'message', 'hint')`. */
const STR = String.raw`\s*(?:'((?:[^'\\]|\\.)*)'|\x60((?:[^\x60\\]|\\.)*)\x60)\s*`;
const nextStrings = (text, at) => {
  const window = text.slice(at, at + 1200);
  const m = new RegExp(String.raw`^[^,]*,` + STR + String.raw`(?:,` + STR + ')?', 's').exec(window);
  return m ? [literal(m[1] ?? m[2]), literal(m[3] ?? m[4])] : [];
};

/** Prefix → what the group is about, in plain words. */
const GROUPS = {
  auth: 'Signing in, sessions, tokens and roles.',
  benchmark: 'Benchmark set files under benchmarks/.',
  dataset: 'Dataset definitions (columns, keys, time).',
  import: 'Importing files and pushed rows.',
  metric: 'Metric definitions.',
  kpi: 'KPI definitions and look-ups.',
  goal: 'Goals.',
  schema:
    'The shape of a YAML file (unknown fields, wrong types). The message names the field; the hint says what is allowed.',
  yaml: 'YAML syntax.',
  limit: 'Size, depth and count limits on input (see project.limits in the YAML reference).',
  project: 'Finding, reading and validating the project folder.',
};

const troubleshooting = () => {
  const codes = new Map();
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    const src = join(ROOT, 'packages', pkg, 'src');
    try {
      statSync(src);
    } catch {
      continue;
    }
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const re of PATTERNS)
        for (const m of text.matchAll(re)) {
          const code = m[1];
          if (/^(node|npm|kpi)\./.test(code) && !codes.has(code) && code.split('.').length < 2) continue;
          const entry = codes.get(code) ?? { files: new Set(), message: undefined, hint: undefined };
          entry.files.add(relative(ROOT, file));
          const [positional, positionalHint] = re === PATTERNS[1] ? nextStrings(text, m.index) : [];
          entry.message ??= near(text, m.index, 'message') ?? positional;
          entry.hint ??= near(text, m.index, 'hint') ?? positionalHint;
          codes.set(code, entry);
        }
    }
  }
  const sorted = [...codes.keys()].sort();
  const byGroup = new Map();
  for (const c of sorted) {
    const g = c.split('.')[0];
    byGroup.set(g, [...(byGroup.get(g) ?? []), c]);
  }
  const out = [
    '# Troubleshooting: every error and problem code',
    '',
    '<!-- Generated by `npm run docs` (scripts/docs-generate.mjs) from the codes raised in packages/*/src; do not edit by hand. A test fails when a code has no entry here. -->',
    '',
    'Every message kpi prints carries a stable dotted code (in `--json` output and API errors as `code`). Find the code below: the message as the source writes it (… marks a part filled in at run time, such as a file name or a value) and the hint kpi gives with it. Problems in project files also print `file:line` — open the file there.',
    '',
    'Exit codes of the `kpi` command: 0 ok, 1 problems found (a file or the data needs a fix), 2 usage (an unknown command, option or name), 3 input/output or database. The API answers with the same code in `{ "error": { "code", "message", "details" } }`.',
    '',
    `${sorted.length} codes.`,
    '',
  ];
  for (const [g, list] of byGroup) {
    out.push(`## ${g}`, '');
    if (GROUPS[g]) out.push(GROUPS[g], '');
    for (const c of list) {
      const e = codes.get(c);
      out.push(`### \`${c}\``, '');
      if (e.message) out.push(`Message: ${e.message}`, '');
      if (e.hint) out.push(`What to do: ${e.hint}`, '');
      out.push(
        `Raised in: ${[...e.files]
          .sort()
          .map((f) => `\`${f}\``)
          .join(', ')}`,
        '',
      );
    }
  }
  return { text: out.join('\n').trimEnd() + '\n', codes: sorted };
};

const pages = {
  'docs/yaml-reference.md': yamlReference(),
  'docs/troubleshooting.md': troubleshooting().text,
};
let stale = 0;
for (const [path, text] of Object.entries(pages)) {
  const file = join(ROOT, path);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // a page not written yet
  }
  if (check) {
    if (old !== text) {
      stale++;
      console.error(`${path} is out of date: run npm run docs`);
    }
  } else if (old !== text) {
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}
if (process.argv.includes('--codes')) console.log(JSON.stringify(troubleshooting().codes));
process.exit(stale ? 1 : 0);
