// /users (admins): everyone with a login — name, email, role, active — and what an admin
// does without the CLI: invite (the initial password is shown once, to pass on), change a
// role, deactivate or reactivate, reset a password (the new one shown once). The server
// decides every change (admins only; the last active admin stays).

import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/api-client';
import type { Role } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { fmtDate } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';

interface Account {
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly createdAt: string;
  readonly active: boolean;
  readonly deactivatedAt: string | null;
}

interface WithPassword {
  readonly user: Account;
  readonly password: string;
}

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];
const ROLE_LABEL: Readonly<Record<Role, string>> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin' };

const asApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });

export const UsersPage = () => {
  const { isAdmin, user: me } = useAuth();
  const list = useApi<readonly Account[]>(isAdmin ? '/api/accounts' : undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [shown, setShown] = useState<{ who: string; password: string; why: string } | undefined>(undefined);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');

  if (!isAdmin)
    return (
      <section>
        <h1>Users</h1>
        <p>Only admins manage users.</p>
      </section>
    );

  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      list.reload();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const invite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const made = await api<WithPassword>('/api/accounts', {
        method: 'POST',
        json: { email, role, ...(name ? { name } : {}) },
      });
      setShown({ who: made.user.name ?? made.user.email, password: made.password, why: 'invited' });
      setEmail('');
      setName('');
    });
  };

  const change = (a: Account, body: { role?: Role; active?: boolean }) =>
    void run(async () => {
      setShown(undefined);
      await api(`/api/accounts/${encodeURIComponent(a.email)}`, { method: 'PATCH', json: body });
    });

  const reset = (a: Account) =>
    void run(async () => {
      const r = await api<WithPassword>(`/api/accounts/${encodeURIComponent(a.email)}/password`, {
        method: 'POST',
      });
      setShown({ who: a.name ?? a.email, password: r.password, why: 'new password' });
    });

  return (
    <section data-testid="users-page">
      <h1>Users</h1>
      <form className="invite-form" onSubmit={invite} aria-label="Invite a user">
        <label>
          Email <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>{' '}
        <label>
          Name <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>{' '}
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" className="button-primary">
          Invite
        </button>
      </form>
      {shown && (
        <div className="password-once" role="status" data-testid="password-once">
          <p>
            {shown.why === 'invited' ? 'Invited' : 'New password for'} <strong>{shown.who}</strong>. Pass this
            password on; it is shown only now:
          </p>
          <input
            readOnly
            aria-label="The password, shown once"
            value={shown.password}
            data-testid="password-value"
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      {error && <ErrorBox error={error} title="That did not work" />}
      {list.state === 'error' && <ErrorBox error={list.error} title="Could not load the users" />}
      {!list.data && list.state === 'loading' && <Loading what="the users" />}
      {list.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.email} data-testid="user-row" data-email={a.email}>
                <td>{a.name ?? ''}</td>
                <td>{a.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${a.name ?? a.email}`}
                    value={a.role}
                    onChange={(e) => change(a, { role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-testid="user-state">
                  {a.active ? 'active' : `deactivated ${fmtDate(a.deactivatedAt?.slice(0, 10))}`}
                </td>
                <td>{fmtDate(a.createdAt.slice(0, 10))}</td>
                <td>
                  {a.email !== me?.email && (
                    <button type="button" className="button" onClick={() => change(a, { active: !a.active })}>
                      {a.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}{' '}
                  <button type="button" className="button" onClick={() => reset(a)}>
                    Reset password
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
