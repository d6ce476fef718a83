// Section 6 of the KPI page: the reviews, newest first, and — for those who may review this
// KPI (editors, admins, its owner) — a form to add one. Invariants: the form is not
// rendered for anyone else (the server refuses anyway); the result is announced in a
// live region that is always in the page; server errors show with their issues, and an
// issue about a field shows next to that field.

import { useId, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/api-client';
import type { Issue, Review } from '../../api/api-types';
import { invalidate, type Loaded } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { fmtTimestamp } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { DECISION_HELP, DECISION_LABEL, REVIEW_DECISIONS, type ReviewDecision } from './kpi-text';

const fieldIssue = (issues: readonly Issue[], field: string): string | undefined =>
  issues.find((i) => i.path?.[i.path.length - 1] === field || i.path?.[0] === field)?.message;

const ReviewForm = ({ name, onSaved }: { name: string; onSaved: () => void }) => {
  const id = useId();
  const [decision, setDecision] = useState<ReviewDecision>('keep');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAnnounce('');
    setError(undefined);
    if (note.trim() === '') {
      setNoteError('Write a note: what was decided and why.');
      return;
    }
    setNoteError(undefined);
    setBusy(true);
    try {
      await api(`/api/kpis/${encodeURIComponent(name)}/reviews`, {
        method: 'POST',
        json: { decision, note: note.trim() },
      });
      setNote('');
      setDecision('keep');
      invalidate('/api/checks');
      onSaved();
      setAnnounce('Review saved');
    } catch (err) {
      const ae =
        err instanceof ApiError ? err : new ApiError(0, { code: 'client.error', message: String(err) });
      setError(ae);
      setNoteError(fieldIssue(ae.issues, 'note'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="kpi-review-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Add a review</h3>
      <div className="kpi-review-fields">
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select
          id={`${id}-decision`}
          value={decision}
          aria-describedby={`${id}-decision-help`}
          onChange={(e) => setDecision(e.target.value as ReviewDecision)}
        >
          {REVIEW_DECISIONS.map((d) => (
            <option key={d} value={d}>
              {DECISION_LABEL[d]}
            </option>
          ))}
        </select>
        <p id={`${id}-decision-help`} className="small muted kpi-decision-help">
          {DECISION_HELP[decision]}
        </p>
        <details className="small">
          <summary>What each decision means</summary>
          <ul>
            {REVIEW_DECISIONS.map((d) => (
              <li key={d}>{DECISION_HELP[d]}</li>
            ))}
          </ul>
        </details>
      </div>
      <label htmlFor={`${id}-note`}>Review note</label>
      <textarea
        id={`${id}-note`}
        rows={3}
        value={note}
        required
        maxLength={5000}
        aria-invalid={noteError ? true : undefined}
        aria-describedby={noteError ? `${id}-note-error` : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {noteError && (
        <p id={`${id}-note-error`} className="field-error">
          {noteError}
        </p>
      )}
      {error && <ErrorBox error={error} title="The review was not saved" />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Add review'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="kpi-announce">
        {announce}
      </p>
    </form>
  );
};

export const KpiReviewsSection = ({
  name,
  owner,
  reviews,
  afterSave,
}: {
  name: string;
  owner: string | undefined;
  reviews: Loaded<Review[]> & { reload: () => void };
  /** Called after a review is saved (the page reloads what depends on reviews, like the checks). */
  afterSave?: () => void;
}) => {
  const { canReview } = useAuth();
  const list = reviews.data ?? [];
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-reviews-h">
      <h2 id="kpi-reviews-h">Reviews</h2>
      {reviews.state === 'loading' && reviews.data === undefined && <Loading what="the reviews" />}
      {reviews.state === 'error' && <ErrorBox error={reviews.error} title="Could not load the reviews" />}
      {reviews.data !== undefined &&
        (list.length === 0 ? (
          <p className="muted">No reviews yet.</p>
        ) : (
          <ol className="kpi-reviews">
            {list.map((r) => (
              <li key={r.id}>
                <div className="small muted">
                  <time dateTime={r.at}>{fmtTimestamp(r.at)}</time> · {r.author}
                </div>
                <div>
                  <span className={`kpi-decision-tag kpi-decision-${r.decision}`}>
                    {DECISION_LABEL[r.decision] ?? r.decision}
                  </span>{' '}
                  {r.note}
                </div>
              </li>
            ))}
          </ol>
        ))}
      {canReview(owner) && (
        <ReviewForm
          name={name}
          onSaved={() => {
            reviews.reload();
            afterSave?.();
          }}
        />
      )}
    </section>
  );
};
