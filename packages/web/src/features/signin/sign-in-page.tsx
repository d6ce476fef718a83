// Sign-in: email and password against POST /api/auth/login. Errors are the server's
// (wrong password, rate limit) in words, announced to screen readers.

import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-client';
import { useAuth, useSessionEnded } from '../../auth/auth-context';

export const SignInPage = () => {
  const { signIn } = useAuth();
  const ended = useSessionEnded();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? `${err.message}${err.hint ? ` — ${err.hint}` : ''}`
          : 'Sign-in failed; try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to kpi</h1>
        {ended ? (
          <p role="status" className="form-notice">
            Your session has ended (sessions last 12 hours, or you signed out elsewhere). Sign in again to go
            on where you were.
          </p>
        ) : (
          <p className="muted">Use the account an admin created for you (kpi user add).</p>
        )}
        <label>
          Email
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
};
