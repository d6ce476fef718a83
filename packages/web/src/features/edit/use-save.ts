// The save step shared by the goal and KPI forms: run the "required" checks, send the
// request, and on refusal place the server's issues on the fields. On success: forget
// cached answers, show which file was written, and go to the saved page.
// Invariant: the only wording made up here is for required fields; everything else is the
// server's (the same validator as the CLI).

import { useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError, api } from '../../api/api-client';
import type { Issue } from '../../api/api-types';
import { invalidate } from '../../api/use-api';
import type { FieldErrors } from './edit-fields';
import { issuesOfError } from './edit-issues';
import { showSavedNotice } from './saved-notice';

export interface SaveRequest {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** Field key -> message of every required field left empty. */
  readonly missing: Readonly<Record<string, string>>;
  readonly section: 'kpis' | 'goals';
  /** The entry's name (for issue paths and the page to go to). */
  readonly name: string;
  readonly fields: readonly string[];
  readonly done: { readonly title: string; readonly href: string };
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

export const useSave = (): [SaveState, (r: SaveRequest) => Promise<void>] => {
  const [state, setState] = useState<SaveState>(IDLE);
  const [, navigate] = useLocation();

  const save = async (r: SaveRequest): Promise<void> => {
    const missing = Object.entries(r.missing);
    if (missing.length > 0) {
      setState({ ...IDLE, fieldErrors: Object.fromEntries(missing.map(([k, m]) => [k, [m]])) });
      return;
    }
    if (r.method === 'PATCH' && Object.keys(r.body).length === 0) {
      setState({ ...IDLE, unchanged: true });
      return;
    }
    setState({ ...IDLE, busy: true });
    try {
      const res = await api<{ file?: string }>(r.path, { method: r.method, json: r.body });
      invalidate();
      showSavedNotice(r.done.title, res?.file);
      setState(IDLE);
      navigate(r.done.href);
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
  return [state, save];
};
