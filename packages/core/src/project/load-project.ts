// Turns the texts of kpi.yaml and definitions/*.yaml into a validated Project. Pure: the
// caller reads the files. Invariant: every problem in every file is reported at once,
// each with file:line:column, a stable code and a hint; no exception escapes.

import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { fail, ok, type Issue, type Result, type SourcePosition } from '../result.js';
import {
  partFileSchema,
  projectFileSchema,
  type ProjectFile,
  type PartFile,
} from '../schema/project-schema.js';
import { RESERVED_KEY_CODE, safeParseInput, zodIssueCode } from '../schema/common-schema.js';
import { ownRecord } from '../own-lookup.js';
import {
  SNAPSHOT_COLUMN,
  normalizeDataset,
  NO_TIME,
  type DatasetDef,
  type DatasetInput,
} from '../schema/dataset-schema.js';
import type { Project } from './project-model.js';
import { SECTIONS } from './project-model.js';
import { validateProject } from './validate-project.js';
import { DEFAULT_INPUT_LIMITS, LIMIT_CEILINGS, countText, raiseHint } from '../limits/input-limits.js';

/** Largest project file kpi reads (characters); a definitions file is never this large by accident. */
export const MAX_PROJECT_FILE_CHARS = 5 * 1024 * 1024;

export interface SourceFile {
  /** Path shown in messages, relative to the project folder (e.g. `kpi.yaml`). */
  readonly path: string;
  readonly text: string;
}

interface ParsedFile {
  readonly file: SourceFile;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

const positionAt = (pf: ParsedFile, offset: number): SourcePosition => {
  const { line, col } = pf.lines.linePos(offset);
  return { file: pf.file.path, line, column: col };
};

/** Position of the YAML node at `path`, or of its closest existing ancestor. */
export const nodePosition = (
  pf: ParsedFile,
  path: readonly (string | number)[],
  onKey = false,
): SourcePosition => {
  let node: unknown = pf.doc.contents;
  let best: SourcePosition = positionAt(pf, (pf.doc.contents as Node | null)?.range?.[0] ?? 0);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) best = positionAt(pf, key.range[0]);
      node = pair.value;
      const v = node as Node | null;
      if (!onKey && v?.range && seg === path[path.length - 1]) best = positionAt(pf, v.range[0]);
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) best = positionAt(pf, item.range[0]);
      node = item;
    } else break;
  }
  return best;
};

/** The kinds a discriminated union at `path` accepts (metrics, channels, alert conditions). */
const kindsAt = (path: readonly PropertyKey[]): string =>
  path[0] === 'channels'
    ? 'email, slack, webhook'
    : path[0] === 'alerts'
      ? 'verdict, probability_below, anomaly, guard, review_overdue, stale_import'
      : 'simple, snapshot, ratio, derived';

const zodHint = (zi: z.core.$ZodIssue): string | undefined => {
  if (zi.code === 'unrecognized_keys')
    return `remove ${zi.keys.map((k) => `"${k}"`).join(', ')} or check the spelling`;
  if (zi.code === 'invalid_value') return `use one of: ${zi.values.map((v) => String(v)).join(', ')}`;
  if (zi.code === 'invalid_union' && 'discriminator' in zi) return `set kind to one of: ${kindsAt(zi.path)}`;
  return undefined;
};

const zodMessage = (zi: z.core.$ZodIssue): string => {
  if (zi.code === 'invalid_type' && zi.input === undefined)
    return `missing required field (expected ${zi.expected})`;
  if (zi.code === 'unrecognized_keys')
    return `unknown field${zi.keys.length > 1 ? 's' : ''} ${zi.keys.map((k) => `"${k}"`).join(', ')}`;
  if (zi.code === 'invalid_union' && 'discriminator' in zi) return `kind must be one of: ${kindsAt(zi.path)}`;
  if (zi.code === 'invalid_key') {
    const key = zi.path[zi.path.length - 1];
    const inner = zi.issues[0]?.message ?? 'invalid';
    return inner.startsWith(`"${String(key)}"`) ? inner : `"${String(key)}" is not a valid name: ${inner}`;
  }
  return zi.message;
};

const schemaIssues = (pf: ParsedFile, error: z.ZodError): Issue[] =>
  error.issues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const full = zi.code === 'unrecognized_keys' && zi.keys[0] !== undefined ? [...path, zi.keys[0]] : path;
    const hint = zodHint(zi);
    const base: Issue = {
      code: `schema.${zodIssueCode(zi)}`,
      severity: 'error',
      message: `${path.length ? path.join('.') + ': ' : ''}${zodMessage(zi)}`,
      path,
      // An issue with a key (unknown, invalid, reserved) points at the key, not its value.
      position: nodePosition(
        pf,
        full,
        zi.code === 'unrecognized_keys' ||
          zi.code === 'invalid_key' ||
          zodIssueCode(zi) === RESERVED_KEY_CODE,
      ),
    };
    return hint ? { ...base, hint } : base;
  });

const parseFile = (file: SourceFile): { pf: ParsedFile; issues: Issue[] } => {
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const pf: ParsedFile = { file, doc, lines };
  const issues: Issue[] = [...doc.errors, ...doc.warnings].map((e) => {
    if (e.code === 'RESOURCE_EXHAUSTION')
      return {
        code: 'limit.yaml_depth',
        severity: 'error',
        message: `${file.path}: the document nests too deeply to be read (the YAML reader ran out of stack)`,
        path: [],
        position: positionAt(pf, e.pos[0]),
        hint: 'flatten it: project files need only a few levels of nesting',
      };
    const isDup = e.code === 'DUPLICATE_KEY';
    return {
      code: isDup ? 'yaml.duplicate_key' : `yaml.${e.code.toLowerCase()}`,
      severity: doc.errors.includes(e) ? 'error' : 'warning',
      message: e.message.split('\n')[0] ?? e.message,
      path: [],
      position: positionAt(pf, e.pos[0]),
      hint: isDup
        ? 'each name may be defined once; rename or remove one of them'
        : 'check the indentation and quoting around this position (YAML)',
    };
  });
  return { pf, issues };
};

const tooLarge = (file: SourceFile): Issue => ({
  code: 'limit.yaml_bytes',
  severity: 'error',
  message: `${file.path} is ${countText(file.text.length)} characters; a project file may have at most ${countText(MAX_PROJECT_FILE_CHARS)}`,
  path: [],
  position: { file: file.path, line: 1, column: 1 },
  hint: 'split it into several files under definitions/',
});

/**
 * `project.limits.yaml_aliases` of kpi.yaml, read from the syntax tree (before any alias
 * is expanded), so the setting also governs kpi.yaml itself; out-of-range values are left
 * to the schema, which reports them.
 */
const aliasSetting = (doc: Document.Parsed): number | undefined => {
  const v: unknown = doc.getIn(['project', 'limits', 'yaml_aliases']);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= LIMIT_CEILINGS.yaml_aliases
    ? v
    : undefined;
};

/** The document as plain data, with alias expansion bounded (an alias bomb is an issue). */
const toData = (pf: ParsedFile, maxAliases: number): Result<unknown> => {
  try {
    return ok(pf.doc.toJS({ maxAliasCount: maxAliases }) as unknown);
  } catch (e) {
    const aliases = e instanceof ReferenceError && /alias/i.test(e.message);
    return fail([
      {
        code: aliases ? 'limit.yaml_aliases' : 'yaml.too_complex',
        severity: 'error',
        message: aliases
          ? `${pf.file.path}: its aliases (*name) expand beyond the limit of ${countText(maxAliases)} alias expansions (a document that repeats anchors this often is refused as an alias bomb)`
          : `${pf.file.path}: the document is nested too deeply to read`,
        path: [],
        position: positionAt(pf, 0),
        hint: aliases
          ? `write the repeated parts out instead of using aliases, or ${raiseHint('yaml_aliases')}`
          : 'flatten the document',
      },
    ]);
  }
};

/**
 * Loads a project. `files[0]` is the main kpi.yaml; the rest are parts (definitions/).
 * Returns the merged, cross-validated Project, or every issue found.
 */
export const loadProject = (files: readonly SourceFile[]): Result<Project> => {
  const issues: Issue[] = [];
  if (files.length === 0)
    return fail([
      { code: 'project.no_files', severity: 'error', message: 'no project files given', path: [] },
    ]);
  // Sections without a prototype: `project.metrics["constructor"]` finds nothing.
  const merged = {
    settings: undefined as ProjectFile['project'] | undefined,
    datasets: ownRecord<unknown>(),
    metrics: ownRecord<unknown>(),
    units: ownRecord<unknown>(),
    goals: ownRecord<unknown>(),
    kpis: ownRecord<unknown>(),
    objectives: ownRecord<unknown>(),
    channels: ownRecord<unknown>(),
    reports: ownRecord<unknown>(),
    alerts: ownRecord<unknown>(),
    churn: ownRecord<unknown>(),
    utm: undefined as PartFile['utm'],
    annotations: [] as unknown[],
  };
  const locations = ownRecord<SourcePosition>();
  const annotationLocations: SourcePosition[] = [];
  /** Which file defines each entity, to place cross-reference issues on the exact field. */
  const owners = new Map<string, { pf: ParsedFile; localIndex?: number }>();

  let maxAliases = DEFAULT_INPUT_LIMITS.yaml_aliases;
  files.forEach((file, index) => {
    if (file.text.length > MAX_PROJECT_FILE_CHARS) {
      issues.push(tooLarge(file));
      return;
    }
    const { pf, issues: yamlIssues } = parseFile(file);
    issues.push(...yamlIssues);
    if (yamlIssues.some((i) => i.severity === 'error')) return;
    if (index === 0) maxAliases = aliasSetting(pf.doc) ?? maxAliases;
    const raw = toData(pf, maxAliases);
    if (!raw.ok) {
      issues.push(...raw.issues);
      return;
    }
    const data: unknown = raw.value ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      issues.push({
        code: 'project.not_a_mapping',
        severity: 'error',
        message:
          'the file must be a YAML mapping of sections (version, project, datasets, metrics, units, goals, kpis, objectives, churn, utm, annotations, channels, reports, alerts)',
        path: [],
        position: positionAt(pf, 0),
      });
      return;
    }
    const parsed = safeParseInput(index === 0 ? projectFileSchema : partFileSchema, data);
    if (!parsed.success) {
      issues.push(...schemaIssues(pf, parsed.error));
      return;
    }
    const value = parsed.data as ProjectFile | PartFile;
    if ('project' in value) merged.settings = value.project;
    for (const section of SECTIONS) {
      const entries = value[section] ?? {};
      for (const [name, def] of Object.entries(entries)) {
        const key = `${section}.${name}`;
        const here = nodePosition(pf, [section, name], true);
        const prior = locations[key];
        if (prior) {
          issues.push({
            code: 'project.duplicate_name',
            severity: 'error',
            message: `${section}.${name} is defined twice (first at ${prior.file}:${prior.line}:${prior.column})`,
            path: [section, name],
            position: here,
            hint: 'names are unique across all project files; rename or remove one definition',
          });
          continue;
        }
        locations[key] = here;
        owners.set(key, { pf });
        merged[section][name] = def;
      }
    }
    if (value.utm !== undefined) {
      const here = nodePosition(pf, ['utm'], true);
      const prior = locations['utm'];
      if (prior)
        issues.push({
          code: 'project.duplicate_name',
          severity: 'error',
          message: `utm is defined twice (first at ${prior.file}:${prior.line}:${prior.column})`,
          path: ['utm'],
          position: here,
          hint: 'the utm: section is one per project; merge the two',
        });
      else {
        locations['utm'] = here;
        merged.utm = value.utm;
        for (const k of Object.keys(value.utm)) owners.set(`utm.${k}`, { pf });
      }
    }
    (value.annotations ?? []).forEach((a, i) => {
      merged.annotations.push(a);
      owners.set(`annotations.${annotationLocations.length}`, { pf, localIndex: i });
      annotationLocations.push(nodePosition(pf, ['annotations', i]));
    });
  });
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  if (!merged.settings) {
    return fail([
      {
        code: 'project.settings_missing',
        severity: 'error',
        message: 'kpi.yaml has no project settings',
        path: ['project'],
      },
    ]);
  }
  annotationLocations.forEach((pos, i) => {
    locations[`annotations.${i}`] = pos;
  });
  const datasets = ownRecord<DatasetDef>();
  for (const [name, def] of Object.entries(merged.datasets as Record<string, DatasetInput>)) {
    if ((def.time === undefined || def.time === NO_TIME) && Object.hasOwn(def.columns, SNAPSHOT_COLUMN)) {
      const owner = owners.get(`datasets.${name}`);
      const path = ['datasets', name, 'columns', SNAPSHOT_COLUMN];
      issues.push({
        code: 'dataset.snapshot.column_taken',
        severity: 'error',
        message: `dataset ${name} has no time column, so its imports are snapshots dated in the column ${SNAPSHOT_COLUMN}; the dataset already has a column of that name`,
        path,
        ...(owner ? { position: nodePosition(owner.pf, path) } : {}),
        hint: `rename the column, or set time: ${SNAPSHOT_COLUMN} if the file carries the date`,
      });
    }
    datasets[name] = normalizeDataset(def);
  }
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  const project = {
    settings: merged.settings,
    datasets,
    metrics: merged.metrics,
    units: merged.units,
    goals: merged.goals,
    kpis: merged.kpis,
    annotations: merged.annotations,
    objectives: merged.objectives,
    channels: merged.channels,
    reports: merged.reports,
    alerts: merged.alerts,
    churn: merged.churn,
    ...(merged.utm !== undefined ? { utm: merged.utm } : {}),
    locations,
  } as Project;
  const problems = validateProject(project).map((i): Issue => {
    const [section, name, ...rest] = i.path;
    const owner = owners.get(`${String(section)}.${String(name)}`);
    if (!owner) return i;
    const local = owner.localIndex === undefined ? i.path : [section ?? '', owner.localIndex, ...rest];
    return { ...i, position: nodePosition(owner.pf, local) };
  });
  const all = [...issues, ...problems];
  return all.some((i) => i.severity === 'error') ? fail(all) : ok(project, all);
};

/**
 * Reads one YAML file against `schema` (benchmark sets, ...): the value, and where any
 * path of it sits in the file, or every issue with its file:line.
 */
export const loadYamlFile = <S extends z.ZodType>(
  file: SourceFile,
  schema: S,
): Result<{
  readonly value: z.output<S>;
  readonly at: (path: readonly (string | number)[]) => SourcePosition;
}> => {
  if (file.text.length > MAX_PROJECT_FILE_CHARS) return fail([tooLarge(file)]);
  const { pf, issues } = parseFile(file);
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  const raw = toData(pf, DEFAULT_INPUT_LIMITS.yaml_aliases);
  if (!raw.ok) return raw;
  const parsed = safeParseInput(schema, raw.value);
  if (!parsed.success) return fail(schemaIssues(pf, parsed.error));
  return ok({ value: parsed.data, at: (path: readonly (string | number)[]) => nodePosition(pf, path) });
};
