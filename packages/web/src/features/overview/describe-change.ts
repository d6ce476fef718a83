// Says in a few words what a definition change did ("target.value: 0.013 → 5"), from the
// before/after objects of a GET /api/history row. Pure. Values are definition values
// (YAML), shown as written, not formatted as readings.

const show = (v: unknown): string => {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changed fields, one level deep, as "field: before → after". */
export const changedFields = (before: unknown, after: unknown): string[] => {
  if (!isObject(before) || !isObject(after)) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const out: string[] = [];
  for (const k of keys) {
    const b = before[k];
    const a = after[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (isObject(b) && isObject(a)) {
      for (const sub of [...new Set([...Object.keys(b), ...Object.keys(a)])])
        if (JSON.stringify(b[sub]) !== JSON.stringify(a[sub]))
          out.push(`${k}.${sub}: ${show(b[sub])} → ${show(a[sub])}`);
    } else out.push(`${k}: ${show(b)} → ${show(a)}`);
  }
  return out;
};

/** "created", "retired", or the changed fields joined. */
export const describeChange = (action: string, before: unknown, after: unknown): string => {
  if (action === 'create' || before === null || before === undefined) return 'created';
  if (action === 'delete' || after === null || after === undefined) return 'removed';
  const fields = changedFields(before, after);
  return fields.length === 0 ? action : fields.join('; ');
};
