// The UTM builder: a field per GA4 parameter, checked against the project's naming rules as
// you type (core's own build and checks, so the page and `kpi utm build` agree), the tagged
// link with a copy button, one link per content variant in batch mode, a "fix the style"
// button, and spend vs sessions by campaign when the project names its datasets.
// Reads GET /api/utm and GET /api/utm/attribution.

import { useMemo, useState } from 'react';
import { buildUtmUrl, normalizeUtmValue, type UtmParam, type UtmValues } from '@kpi/core/utm';
import { useApi } from '../../api/use-api';
import { fmt } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { rulesOf, type AttributionAnswer, type UtmRulesAnswer } from './utm-types';

const fieldId = (p: UtmParam) => `utm-field-${p}`;

const CopyButton = ({ text, label }: { text: string; label: string }) => {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        });
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
};

const Attribution = () => {
  const a = useApi<AttributionAnswer>('/api/utm/attribution');
  if (a.state === 'error') return <ErrorBox error={a.error} title="No attribution" />;
  if (!a.data) return <Loading what="spend by campaign" />;
  const money = (v: number | null) =>
    fmt(v, { unit: 'currency', currency: a.data?.currency ?? 'EUR', decimals: 2 });
  return (
    <section aria-labelledby="utm-attribution-title">
      <h2 id="utm-attribution-title">Spend and visits by campaign</h2>
      <table className="utm-attribution">
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Spend</th>
            <th scope="col">Sessions</th>
            <th scope="col">Conversions</th>
            <th scope="col">Cost per conversion</th>
          </tr>
        </thead>
        <tbody>
          {a.data.campaigns.slice(0, 15).map((c) => (
            <tr key={c.campaign}>
              <th scope="row">{c.campaign}</th>
              <td>{money(c.spend)}</td>
              <td>{fmt(c.sessions, { unit: 'count' })}</td>
              <td>{fmt(c.conversions, { unit: 'count' })}</td>
              <td>{money(c.costPerConversion)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {fmt(a.data.unmatchedSpend.length, { unit: 'count' })} paid campaigns have no tagged visits;{' '}
        {fmt(a.data.unmatchedSessions.length, { unit: 'count' })} tagged campaigns have no spend (email,
        organic posts, or tags spelt differently).
      </p>
    </section>
  );
};

export const UtmBuilderPage = () => {
  const answer = useApi<UtmRulesAnswer>('/api/utm');
  const [base, setBase] = useState('');
  const [values, setValues] = useState<Partial<Record<UtmParam, string>>>({});
  const [batch, setBatch] = useState(false);
  const [variants, setVariants] = useState('');
  const rules = useMemo(() => (answer.data ? rulesOf(answer.data) : undefined), [answer.data]);
  const built = useMemo(() => {
    if (!rules) return [];
    const variantList = batch
      ? variants
          .split('\n')
          .map((v) => v.trim())
          .filter(Boolean)
      : [];
    const list: (string | undefined)[] = variantList.length ? variantList : [values.utm_content];
    return list.map((content) => {
      const v: UtmValues = { ...values, ...(content !== undefined ? { utm_content: content } : {}) };
      return { content, ...buildUtmUrl(base, v, rules) };
    });
  }, [base, values, rules, batch, variants]);
  if (answer.state === 'error') return <ErrorBox error={answer.error} title="No UTM rules" />;
  if (!answer.data || !rules) return <Loading what="the naming rules" />;
  const issues = built.flatMap((b) => b.issues);
  const issuesOf = (key: string) => [
    ...new Map(issues.filter((i) => i.path[0] === key).map((i) => [i.message, i])).values(),
  ];
  const started = base.trim() !== '' || Object.values(values).some((v) => v && v.trim() !== '');
  const clean = issues.length === 0;
  const fix = () => {
    const next: Partial<Record<UtmParam, string>> = {};
    for (const p of answer.data?.params ?? []) {
      const v = values[p.name];
      if (v !== undefined) next[p.name] = normalizeUtmValue(p.name, v, rules);
    }
    setValues(next);
    setVariants(
      variants
        .split('\n')
        .map((v) => (v.trim() ? normalizeUtmValue('utm_content', v, rules) : v))
        .join('\n'),
    );
  };
  const listFor = (p: UtmParam) =>
    p === 'utm_source' ? rules.sources : p === 'utm_medium' ? rules.mediums : [];
  return (
    <section className="utm-page" aria-labelledby="utm-title">
      <h1 id="utm-title">Campaign link builder</h1>
      <p>
        Tag a landing page with GA4's campaign parameters. Values are checked against the project's naming
        rules
        {rules.sources.length || rules.mediums.length ? ' (allowed sources and mediums, ' : ' ('}
        {rules.lowercase ? 'lower case, ' : ''}
        {rules.allowSpaces ? '' : 'no spaces, '}
        {rules.separator ? `words joined by “${rules.separator}”` : 'one word separator'}) as you type.
      </p>
      <form className="utm-form" onSubmit={(e) => e.preventDefault()}>
        <div className="utm-field">
          <label htmlFor="utm-base">Landing page URL</label>
          <input
            id="utm-base"
            type="url"
            value={base}
            placeholder="https://example.com/shop"
            onChange={(e) => setBase(e.target.value)}
            aria-describedby="utm-base-problems"
          />
          <ul id="utm-base-problems" className="utm-problems">
            {base.trim() !== '' &&
              issuesOf('base').map((i) => (
                <li key={i.code}>
                  {i.message}. {i.hint}
                </li>
              ))}
          </ul>
        </div>
        {answer.data.params.map((p) => {
          const own = started ? issuesOf(p.name) : [];
          const list = listFor(p.name);
          const batchContent = batch && p.name === 'utm_content';
          return (
            <div className="utm-field" key={p.name}>
              <label htmlFor={fieldId(p.name)}>
                {p.label}
                {p.required ? ' (required)' : ''}
              </label>
              {batchContent ? (
                <textarea
                  id={fieldId(p.name)}
                  rows={4}
                  value={variants}
                  placeholder="one content variant per line"
                  onChange={(e) => setVariants(e.target.value)}
                  aria-describedby={`${fieldId(p.name)}-help`}
                />
              ) : (
                <input
                  id={fieldId(p.name)}
                  value={values[p.name] ?? ''}
                  list={list.length ? `${fieldId(p.name)}-list` : undefined}
                  aria-invalid={own.length > 0}
                  aria-describedby={`${fieldId(p.name)}-help ${fieldId(p.name)}-problems`}
                  onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                />
              )}
              {list.length > 0 && (
                <datalist id={`${fieldId(p.name)}-list`}>
                  {list.map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              )}
              <small id={`${fieldId(p.name)}-help`}>{p.description}</small>
              <ul id={`${fieldId(p.name)}-problems`} className="utm-problems">
                {own.map((i) => (
                  <li key={i.message}>
                    {i.message}
                    {i.hint ? ` — ${i.hint}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        <p className="utm-batch">
          <label>
            <input type="checkbox" checked={batch} onChange={(e) => setBatch(e.target.checked)} /> Several
            content variants (one link each)
          </label>{' '}
          <button type="button" onClick={fix} disabled={!started}>
            Fix the style
          </button>
        </p>
      </form>
      <section aria-labelledby="utm-links-title">
        <h2 id="utm-links-title">{built.length > 1 ? `${built.length} links` : 'Link'}</h2>
        {started && !clean && (
          <p className="utm-status" role="status">
            {issues.length === 1 ? 'One problem' : `${new Set(issues.map((i) => i.message)).size} problems`}{' '}
            to fix before using the link.
          </p>
        )}
        {started && clean && (
          <p className="utm-status" role="status">
            The link follows the project's rules.
          </p>
        )}
        <ul className="utm-links">
          {built.map((b, i) =>
            b.url ? (
              <li key={i}>
                <output className="utm-url" aria-label={b.content ? `Link for ${b.content}` : 'Tagged link'}>
                  {b.url}
                </output>{' '}
                <CopyButton
                  text={b.url}
                  label={b.content ? `Copy the link for ${b.content}` : 'Copy the link'}
                />
              </li>
            ) : null,
          )}
        </ul>
      </section>
      {answer.data.attribution && <Attribution />}
    </section>
  );
};
