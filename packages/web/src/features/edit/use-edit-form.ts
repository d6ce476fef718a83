// The state and the save step shared by the goal and KPI forms: the form's values, a
// setter per field, and save — run the "required" checks, send the request (POST to
// create, PATCH to change), and on refusal place the server's issues on the fields. On
// success: forget cached answers, show which file was written, and go to the saved page.
// Invariant: the only wording made up here is for required fields and the notice; everything
// else is the server's (the same validator as the CLI).

import { useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError, api } from '../../api/api-client';
import type { Issue } from '../../api/api-types';
import { invalidate } from '../../api/use-api';
import type { FieldErrors } from './edit-fields';
import { issuesOfError } from './edit-issues';
import { useNotice } from '../../ui/notice';

export interface SaveRequest {
  readonly section: 'kpis' | 'goals';
  /** The entry's name: the path to change, issue paths, and the page to go to (/goals/x, /kpis/x). */
  readonly name: string;
  /** Create the entry (POST /api/{section}), else change it (PATCH /api/{section}/{name}). */
  readonly isNew: boolean;
  readonly body: Record<string, unknown>;
  /** Field key -> message of every required field left empty. */
  readonly missing: Readonly<Record<string, string>>;
  /** Every field key an issue can be placed on. */
  readonly fields: readonly string[];
  /** What the notice names, as in "Goal “Grow revenue”" (+ " created" or " saved"). */
  readonly what: string;
}

export interface SaveState {
  readonly busy: boolean;
  readonly error: ApiError | undefined;
  readonly fieldErrors: FieldErrors;
  readonly unplaced: readonly Issue[];
  /** Set when the user pressed save without changing anything. */
  readonly unchanged: boolean;
}

const IDLE: SaveState = { busy: false, error: undefined, fieldErrors: {}, unplaced: [], unchanged: false };

export const useEditForm = <F extends object>(initial: F) => {
  const [form, setForm] = useState<F>(initial);
  const [state, setState] = useState<SaveState>(IDLE);
  const [, navigate] = useLocation();
  const notify = useNotice();

  const set =
    <K extends keyof F>(k: K) =>
    (v: F[K]) =>
      setForm((f) => ({ ...f, [k]: v }));

  const save = async (r: SaveRequest): Promise<void> => {
    const missing = Object.entries(r.missing);
    if (missing.length > 0) {
      setState({ ...IDLE, fieldErrors: Object.fromEntries(missing.map(([k, m]) => [k, [m]])) });
      return;
    }
    if (!r.isNew && Object.keys(r.body).length === 0) {
      setState({ ...IDLE, unchanged: true });
      return;
    }
    setState({ ...IDLE, busy: true });
    const name = encodeURIComponent(r.name);
    try {
      const res = await api<{ file?: string }>(r.isNew ? `/api/${r.section}` : `/api/${r.section}/${name}`, {
        method: r.isNew ? 'POST' : 'PATCH',
        json: r.body,
      });
      invalidate();
      notify({ title: `${r.what} ${r.isNew ? 'created' : 'saved'}`, file: res?.file });
      setState(IDLE);
      navigate(`/${r.section}/${name}`);
      // A new page: start at its top, with keyboard focus on the main landmark.
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
      const placed = issuesOfError(error, r.fields, r.section, r.name);
      setState({
        busy: false,
        error,
        fieldErrors: placed.byField,
        unplaced: placed.unplaced,
        unchanged: false,
      });
    }
  };
  return { form, set, state, save };
};
