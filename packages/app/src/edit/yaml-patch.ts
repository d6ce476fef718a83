// Applies a patch to one entry of a parsed YAML document, keeping comments, key order,
// quoting and flow/block style of everything it does not change. IO-free.
// Invariants: a scalar that changes keeps its node (and so its comments and quotes, but
// not a number's exponent form or padding);
// `null` deletes a key; `undefined` leaves it alone.

import { isMap, isScalar, isSeq, type Document } from 'yaml';

type Path = readonly (string | number)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const setValue = (doc: Document, path: Path, value: unknown): void => {
  const current = doc.getIn(path, true);
  if (isScalar(current) && (value === null || typeof value !== 'object')) {
    if (current.value !== value) {
      // A changed number is written plain: the old one's exponent or trailing zeros go.
      delete current.format;
      delete current.minFractionDigits;
    }
    current.value = value;
    return;
  }
  const node = doc.createNode(value);
  // Keep a replaced collection in the style it was written in ({...} stays {...}).
  if (
    current &&
    typeof current === 'object' &&
    'flow' in current &&
    node &&
    typeof node === 'object' &&
    'flow' in node
  )
    (node as { flow?: boolean }).flow = (current as { flow?: boolean }).flow ?? false;
  doc.setIn(path, node);
};

/**
 * Writes `patch` into the mapping at `path`. Keys in `merged` whose value is an object
 * are merged into the existing mapping field by field; other keys are replaced whole.
 */
export const patchEntry = (
  doc: Document,
  path: Path,
  patch: Readonly<Record<string, unknown>>,
  merged: ReadonlySet<string> = new Set(),
): void => {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const p = [...path, key];
    if (value === null) {
      if (doc.hasIn(p)) doc.deleteIn(p);
    } else if (merged.has(key) && isPlainObject(value) && isMap(doc.getIn(p, true))) {
      patchEntry(doc, p, value);
    } else {
      setValue(doc, p, value);
    }
  }
};

/** Adds `name: value` to the mapping at `section` (created when missing). */
export const addEntry = (doc: Document, section: string, name: string, value: unknown): void => {
  if (!isMap(doc.getIn([section], true))) doc.setIn([section], doc.createNode({}));
  doc.setIn([section, name], doc.createNode(value));
};

/** Appends `value` to the sequence at `section` (created when missing). */
export const appendItem = (doc: Document, section: string, value: unknown): void => {
  const seq = doc.getIn([section], true);
  if (isSeq(seq)) {
    seq.add(doc.createNode(value));
  } else {
    doc.setIn([section], doc.createNode([value]));
  }
};
