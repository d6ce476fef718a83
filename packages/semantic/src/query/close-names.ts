// "Did you mean" suggestions for unknown names. Pure.

const distance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
};

/** Up to three candidates close to `name` (small edit distance, or one contains the other). */
export const closeNames = (name: string, candidates: readonly string[]): string[] => {
  const lower = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: distance(lower, c) }))
    .filter(
      ({ c, d }) =>
        d <= Math.max(2, Math.floor(c.length / 3)) ||
        (lower.length >= 3 && (c.includes(lower) || lower.includes(c))),
    )
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map(({ c }) => c);
};

/** A hint naming close candidates first, then every candidate. */
export const unknownNameHint = (name: string, candidates: readonly string[], what: string): string => {
  const sorted = [...candidates].sort();
  const close = closeNames(name, sorted);
  const all = `${what}: ${sorted.length ? sorted.join(', ') : '(none)'}`;
  return close.length ? `did you mean ${close.join(' or ')}? ${all}` : all;
};
