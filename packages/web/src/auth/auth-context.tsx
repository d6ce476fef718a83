// Who is signed in, and what the UI may offer them. The server decides every write; the
// role here only hides controls a user cannot use. Invariant: until /api/auth/me has
// answered, nothing role-dependent is drawn.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, onSessionEnded, setCsrfToken } from '../api/api-client';
import type { Me, User } from '../api/api-types';
import { invalidate } from '../api/use-api';

export interface Auth {
  readonly user: User | undefined;
  /** editor or admin: may edit goals and KPIs and import data. */
  readonly canEdit: boolean;
  readonly isAdmin: boolean;
  /** May this user record a review of a KPI with this owner? (editors, admins, the owner). */
  readonly canReview: (owner: string | undefined) => boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export const useAuth = (): Auth => {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
};

/** The signed-in user's auth, or undefined outside the sign-in gate (a shared page). */
export const useMaybeAuth = (): Auth | undefined => useContext(AuthContext);

type State =
  { kind: 'checking' } | { kind: 'signed_out'; ended?: boolean } | { kind: 'signed_in'; user: User };

/** Set while the sign-in page is shown because a session ended (it says so). */
const SessionEndedContext = createContext(false);
export const useSessionEnded = (): boolean => useContext(SessionEndedContext);

export const AuthProvider = ({
  children,
  signInPage,
  checking,
}: {
  children: ReactNode;
  signInPage: ReactNode;
  checking: ReactNode;
}) => {
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    api<Me>('/api/auth/me').then(
      (me) => setState({ kind: 'signed_in', user: me.user }),
      (e: unknown) => {
        if (e instanceof ApiError && e.status !== 401) console.warn('kpi: /api/auth/me failed', e.body);
        setState({ kind: 'signed_out' });
      },
    );
  }, []);

  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(undefined);
      invalidate();
      setState((s) => (s.kind === 'signed_in' ? { kind: 'signed_out', ended: true } : s));
    });
    return () => onSessionEnded(undefined);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const me = await api<Me>('/api/auth/login', { method: 'POST', json: { email, password } });
    setCsrfToken(me.csrfToken);
    invalidate();
    setState({ kind: 'signed_in', user: me.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(undefined);
      invalidate();
      setState({ kind: 'signed_out' });
    }
  }, []);

  const value = useMemo<Auth>(() => {
    const user = state.kind === 'signed_in' ? state.user : undefined;
    const canEdit = user?.role === 'editor' || user?.role === 'admin';
    return {
      user,
      canEdit,
      isAdmin: user?.role === 'admin',
      canReview: (owner) =>
        canEdit ||
        (owner !== undefined &&
          user !== undefined &&
          [user.name, user.email].some((n) => n !== undefined && n.toLowerCase() === owner.toLowerCase())),
      signIn,
      signOut,
    };
  }, [state, signIn, signOut]);

  return (
    <AuthContext.Provider value={value}>
      <SessionEndedContext.Provider value={state.kind === 'signed_out' && state.ended === true}>
        {state.kind === 'checking' ? checking : state.kind === 'signed_out' ? signInPage : children}
      </SessionEndedContext.Provider>
    </AuthContext.Provider>
  );
};
