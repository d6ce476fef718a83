// Loading and error states shared by every page: an error shows the server's message,
// its hint and every issue (with where it is), never a bare "something went wrong".

import type { ApiError } from '../api/api-client';
import type { Issue } from '../api/api-types';

export const Loading = ({ what }: { what: string }) => (
  <p className="muted" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export const issueWhere = (i: Issue): string => {
  const p = i.position;
  if (p?.line !== undefined)
    return `${p.file ?? ''}${p.file ? ':' : 'line '}${p.line}${p.column ? `:${p.column}` : ''}`;
  return (i.path ?? []).join('.');
};

export const IssueList = ({ issues, max = 200 }: { issues: readonly Issue[]; max?: number }) =>
  issues.length === 0 ? null : (
    <ul className="issue-list">
      {issues.slice(0, max).map((i, n) => (
        <li key={n} className={`issue issue-${i.severity}`}>
          {issueWhere(i) !== '' && <code className="issue-where">{issueWhere(i)}</code>} {i.message}
          {i.hint && <div className="issue-hint">{i.hint}</div>}
        </li>
      ))}
      {issues.length > max && <li className="muted">…and {issues.length - max} more</li>}
    </ul>
  );

export const ErrorBox = ({ error, title }: { error: ApiError; title?: string }) => (
  <div className="error-box" role="alert">
    <strong>{title ?? 'Could not load this'}</strong>
    <p>
      {error.message} {error.status > 0 && <span className="muted">({error.code})</span>}
    </p>
    {error.hint && <p className="issue-hint">{error.hint}</p>}
    <IssueList issues={error.issues} />
  </div>
);
