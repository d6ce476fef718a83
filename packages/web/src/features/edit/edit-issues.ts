// Places the server's validation issues on the form: each issue goes to the field its
// path names, the rest stay at the top. Pure.
// Invariants: messages are the server's own (only the redundant "body.x.y: " prefix that
// repeats the path is dropped); an issue lands on the deepest field key its path starts with.

import type { ApiError } from '../../api/api-client';
import type { Issue } from '../../api/api-types';

export interface PlacedIssues {
  /** Field key ("target.value") -> messages for that field. */
  readonly byField: Readonly<Record<string, readonly string[]>>;
  /** Issues no field claims, shown at the top. */
  readonly unplaced: readonly Issue[];
}

export const NO_ISSUES: PlacedIssues = { byField: {}, unplaced: [] };

/**
 * The issue path relative to the edited entry: request bodies are reported under
 * ['body', ...]; a change that makes the project invalid under [section, name, ...].
 */
export const relativePath = (
  path: readonly (string | number)[],
  section: 'kpis' | 'goals',
  name: string | undefined,
): readonly (string | number)[] => {
  if (path[0] === 'body') return path.slice(1);
  if (path[0] === section && name !== undefined && path[1] === name) return path.slice(2);
  return path;
};

/** The server's message without a leading "body.target.value: " that only repeats the path. */
export const fieldMessage = (issue: Issue): string => {
  const prefix = `${(issue.path ?? []).join('.')}: `;
  return prefix.length > 2 && issue.message.startsWith(prefix)
    ? issue.message.slice(prefix.length)
    : issue.message;
};

export const placeIssues = (
  issues: readonly Issue[],
  fields: readonly string[],
  section: 'kpis' | 'goals',
  name: string | undefined,
): PlacedIssues => {
  const byField: Record<string, string[]> = {};
  const unplaced: Issue[] = [];
  for (const issue of issues) {
    const rel = relativePath(issue.path ?? [], section, name).map(String);
    let key: string | undefined;
    for (let n = rel.length; n > 0 && key === undefined; n--) {
      const k = rel.slice(0, n).join('.');
      if (fields.includes(k)) key = k;
    }
    if (key === undefined) unplaced.push(issue);
    else (byField[key] ??= []).push(fieldMessage(issue));
  }
  return { byField, unplaced };
};

/** Issues of a refused save, placed on the fields. */
export const issuesOfError = (
  e: ApiError,
  fields: readonly string[],
  section: 'kpis' | 'goals',
  name: string | undefined,
): PlacedIssues => {
  const placed = placeIssues(e.issues, fields, section, name);
  // Refusals without issues that still concern one field: a name taken, a reason missing.
  const field =
    e.issues.length > 0
      ? undefined
      : e.code === `${section}.exists`
        ? 'name'
        : e.code === 'edit.reason_required'
          ? 'reason'
          : undefined;
  if (field !== undefined && fields.includes(field))
    return { byField: { ...placed.byField, [field]: [e.message] }, unplaced: placed.unplaced };
  return placed;
};
