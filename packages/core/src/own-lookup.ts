// Name lookups that find only what a table defines. A user-supplied name such as
// "constructor", "toString" or "__proto__" must never resolve to a property inherited from
// Object.prototype, and a "__proto__" key in parsed input must never be dropped silently.
// Pure. Invariants: every lookup of a name in a table of definitions (project sections,
// dataset columns, filters, weights, maps built from input) goes through `ownGet` /
// `hasOwn`, or the table is built by `ownRecord` (no prototype) or is a Map; the project
// loader builds its sections with `ownRecord`; `prototypeKeyPaths` never recurses (a
// deeply nested input cannot overflow the stack).

/**
 * Names refused by the project schema: the members of Object.prototype and `prototype`.
 * A name of the project is a key of plain objects in YAML, JSON and JavaScript; these are
 * the keys that mean something else there. (Only `__proto__`, `constructor` and
 * `prototype` fit the lower-case name pattern; the rest are listed for `isReservedName`.)
 */
export const RESERVED_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
];

const RESERVED = new Set(RESERVED_NAMES);

/** True for a name that may not be defined (see RESERVED_NAMES). */
export const isReservedName = (name: string): boolean => RESERVED.has(name);

/** True when `table` itself defines `name` (never through its prototype). */
export const hasOwn = (table: object | null | undefined, name: PropertyKey): boolean =>
  table !== null && table !== undefined && Object.hasOwn(table, name);

/** The entry `name` of `table` when the table itself defines it, else undefined. */
export const ownGet = <T>(
  table: Readonly<Record<string, T>> | null | undefined,
  name: string,
): T | undefined =>
  table !== null && table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;

/**
 * A record with no prototype: looking up "constructor" or "toString" finds nothing, and
 * "__proto__" is an ordinary key. For tables keyed by names that come from input.
 */
export const ownRecord = <T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> => {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
};

/**
 * Paths to every own `__proto__` key in `value` (JSON.parse and the YAML parser create
 * them as ordinary keys; a schema or an assignment to a plain object drops them or
 * replaces the prototype instead). At most `limit` paths; walks without recursion, and
 * keeps one link per node (not one path), so deep input costs linear time and memory.
 */
export const prototypeKeyPaths = (value: unknown, limit = 20): (string | number)[][] => {
  interface Step {
    readonly v: unknown;
    readonly key: string | number;
    readonly up: Step | undefined;
  }
  const pathOf = (s: Step | undefined, last: string): (string | number)[] => {
    const out: (string | number)[] = [last];
    for (let at = s; at?.up !== undefined; at = at.up) out.push(at.key);
    return out.reverse();
  };
  const found: (string | number)[][] = [];
  const stack: Step[] = [{ v: value, key: '', up: undefined }];
  const seen = new Set<object>();
  while (stack.length > 0 && found.length < limit) {
    const step = stack.pop() as Step;
    const v = step.v;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, up: step });
      continue;
    }
    if (Object.hasOwn(v, '__proto__')) found.push(pathOf(step, '__proto__'));
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      if (k !== '__proto__') stack.push({ v: (v as Record<string, unknown>)[k], key: k, up: step });
    }
  }
  return found;
};
