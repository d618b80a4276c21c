import { useEffect, type ReactNode } from 'react';
import type { User } from '@moneta/schema';
import { Link } from '../router';
import './pages.css';

/** The frame of the pages under a user's address (tokens, import): a way back and one heading. */
export function PageShell({
  user,
  title,
  children,
}: {
  user: User;
  title: string;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Moneta`;
  }, [title]);
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Moneta</span>
        <span className="topbar-user" data-testid="current-user">
          {user.username}
        </span>
        <nav className="topbar-actions" aria-label="Account">
          <Link to={`/${user.username}`} className="button button-ghost">
            Back to dashboard
          </Link>
        </nav>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <h1 className="page-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
