// The frame around every page: skip link, header with the project name, navigation, the
// signed-in user with their role, and the main landmark. Keyboard first: the skip link
// is the first tab stop, every control is a real link or button.

import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { ProjectInfo } from '../api/api-types';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth/auth-context';
import { ThemeToggle } from './theme-toggle';

const NAV: readonly { href: string; label: string; edit?: boolean; admin?: boolean }[] = [
  { href: '/', label: 'Overview' },
  { href: '/import', label: 'Import', edit: true },
  { href: '/utm', label: 'Campaign links' },
  { href: '/meeting', label: 'Meeting mode' },
  { href: '/alerts', label: 'Alerts', edit: true },
  { href: '/shares', label: 'Share links', edit: true },
  { href: '/users', label: 'Users', admin: true },
];

export const AppLayout = ({ children }: { children: ReactNode }) => {
  const { user, canEdit, isAdmin, signOut } = useAuth();
  const project = useApi<ProjectInfo>('/api/project');
  const [location] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ▲
          </span>{' '}
          {project.data?.name ?? 'kpi'}
        </Link>
        <nav aria-label="Main" className="app-nav">
          {[
            ...NAV,
            ...(project.data?.churn?.length
              ? [{ href: `/churn/${encodeURIComponent(project.data.churn[0] ?? '')}`, label: 'Churn' }]
              : []),
          ]
            .filter((n) => (!('edit' in n) || !n.edit || canEdit) && (!('admin' in n) || !n.admin || isAdmin))
            .map((n) => (
              <Link
                key={n.href}
                href={n.href}
                aria-current={
                  n.href === '/'
                    ? location === '/'
                      ? 'page'
                      : undefined
                    : location.startsWith(n.href)
                      ? 'page'
                      : undefined
                }
              >
                {n.label}
              </Link>
            ))}
        </nav>
        <div className="app-user">
          <ThemeToggle />
          <span data-testid="signed-in-as">
            {user?.name ?? user?.email} <span className="role-tag">{user?.role}</span>
          </span>
          <button type="button" className="button-quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
};
