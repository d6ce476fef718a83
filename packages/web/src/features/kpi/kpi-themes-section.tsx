// The KPI page's theme cause (sentiment KPIs only): the words and phrases this period's
// negative mentions use more than the previous period's, each with example mentions; an
// editor can correct an example's label, which overrides the model in every metric (the
// reading is reloaded after). Invariants: shown only when the reading carries themes;
// the correction control is drawn only for editors (the server refuses anyone else); the
// result is announced in a live region that is always in the page.

import { useId, useState } from 'react';
import { ApiError, api } from '../../api/api-client';
import type { KpiReading, MentionExample, Theme } from '../../api/api-types';
import { invalidate } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { fmt, fmtDate } from '../../ui/format';
import { ErrorBox } from '../../ui/page-state';
import { fmtRange } from './kpi-text';

const LABELS = ['positive', 'neutral', 'negative'] as const;
const LABEL_WORD: Readonly<Record<string, string>> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};
/** From this z-score a theme stands out (5% one-sided), as in the scorecard's sentence. */
const STANDS_OUT = 1.645;
const count = (n: number): string => fmt(n, { unit: 'count' });

const Correction = ({
  dataset,
  example,
  onSaved,
}: {
  dataset: string;
  example: MentionExample;
  onSaved: (message: string) => void;
}) => {
  const id = useId();
  const [label, setLabel] = useState(example.label);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/datasets/${encodeURIComponent(dataset)}/sentiment-corrections`, {
        method: 'POST',
        json: { key: example.key, label },
      });
      onSaved(`Label saved: ${LABEL_WORD[label] ?? label}`);
    } catch (err) {
      setError(
        err instanceof ApiError ? err : new ApiError(0, { code: 'client.error', message: String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="theme-correction">
      <label htmlFor={`${id}-label`} className="visually-hidden">
        Correct the label of this mention
      </label>
      <select id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)}>
        {LABELS.map((l) => (
          <option key={l} value={l}>
            {LABEL_WORD[l]}
          </option>
        ))}
      </select>{' '}
      <button type="button" disabled={busy || label === example.label} onClick={() => void save()}>
        Save label
      </button>
      {error && <ErrorBox error={error} title="Could not save the label" />}
    </span>
  );
};

const ThemeItem = ({
  theme,
  dataset,
  grain,
  canEdit,
  onSaved,
}: {
  theme: Theme;
  dataset: string;
  grain: string;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) => (
  <li className="theme" data-testid="theme">
    <p>
      <strong className="theme-term">“{theme.term}”</strong>: {count(theme.current)} negative mention
      {theme.current === 1 ? '' : 's'} this {grain}, {count(theme.previous)} the {grain} before
      {theme.z >= STANDS_OUT && <span className="theme-badge"> · stands out</span>}
    </p>
    <ul className="theme-examples">
      {theme.examples.map((e) => (
        <li key={e.key.join('\u001f')} data-testid="theme-example">
          <q>{e.text}</q>{' '}
          <span className="small muted">
            {fmtDate(e.date)} · {LABEL_WORD[e.label] ?? e.label}
            {e.corrected ? ' (corrected by the team)' : ''}
          </span>
          {canEdit && <Correction dataset={dataset} example={e} onSaved={onSaved} />}
        </li>
      ))}
    </ul>
  </li>
);

export const KpiThemesSection = ({ reading, onChanged }: { reading: KpiReading; onChanged: () => void }) => {
  const { canEdit } = useAuth();
  const [announce, setAnnounce] = useState('');
  const t = reading.cause?.themes;
  if (!t) return null;
  const grain = reading.grain === 'day' ? 'day' : reading.grain.replace(/^fiscal_/, '');
  const saved = (message: string) => {
    setAnnounce(message);
    invalidate('/api/');
    onChanged();
  };
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-themes-h" data-testid="kpi-themes">
      <h2 id="kpi-themes-h">What negative mentions talk about</h2>
      <p className="muted">
        Words and phrases used more in the {count(t.current.mentions)} negative mentions of{' '}
        {fmtRange(t.current.range.start, t.current.range.end)} than in the {count(t.previous.mentions)} of{' '}
        {fmtRange(t.previous.range.start, t.previous.range.end)}.
      </p>
      {t.terms.length === 0 ? (
        <p>No word or phrase stands out.</p>
      ) : (
        <ol className="themes">
          {t.terms.map((theme) => (
            <ThemeItem
              key={theme.term}
              theme={theme}
              dataset={t.dataset}
              grain={grain}
              canEdit={canEdit}
              onSaved={saved}
            />
          ))}
        </ol>
      )}
      <p role="status" className="small">
        {announce}
      </p>
    </section>
  );
};
