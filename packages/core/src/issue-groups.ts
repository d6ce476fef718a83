// Groups row problems of an import for display: the same problem (code and column) on many
// rows is shown once, with its count and its first lines, instead of once per row. Pure.
// Invariant: only row issues (path [line, column, ...]) are grouped; every other issue, and
// a problem seen on one row only, is returned unchanged and in its original order.

import type { Issue } from './result.js';

export interface IssueGroup {
  /** The first issue of the group, its message extended with the count and lines. */
  readonly issue: Issue;
  readonly count: number;
  /** 1-based file lines of the first rows, in file order. */
  readonly lines: readonly number[];
}

const rowKey = (i: Issue): string | undefined =>
  typeof i.path[0] === 'number' ? `${i.code}\u0000${i.path.slice(1).join('\u0000')}` : undefined;

const lineText = (lines: readonly number[], count: number): string => {
  const shown = lines.join(', ');
  return count > lines.length ? `${shown}, …` : shown;
};

/** Groups `issues`; at most `maxLines` lines are named per group. */
export const groupIssues = (issues: readonly Issue[], maxLines = 5): readonly IssueGroup[] => {
  const out: { issue: Issue; count: number; lines: number[] }[] = [];
  const byKey = new Map<string, { issue: Issue; count: number; lines: number[] }>();
  for (const issue of issues) {
    const key = rowKey(issue);
    const line = issue.position?.line ?? (typeof issue.path[0] === 'number' ? issue.path[0] : undefined);
    const prior = key === undefined ? undefined : byKey.get(key);
    if (prior) {
      prior.count++;
      if (line !== undefined && prior.lines.length < maxLines) prior.lines.push(line);
      continue;
    }
    const g = { issue, count: 1, lines: line === undefined ? [] : [line] };
    out.push(g);
    if (key !== undefined) byKey.set(key, g);
  }
  return out.map((g) =>
    g.count === 1
      ? g
      : {
          ...g,
          issue: {
            ...g.issue,
            message: `${g.issue.message} — the same problem on ${g.count} rows (lines ${lineText(g.lines, g.count)})`,
          },
        },
  );
};
