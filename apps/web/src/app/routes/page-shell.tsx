import { useEffect, type ReactNode } from 'react';
import type { User } from '@moneta/schema';
import { Link } from 'wouter';
import { userPath } from '../paths';
import { TopBar } from './top-bar';
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
      <TopBar
        username={user.username}
        actions={
          // Beside the brand, not alone on a row of its own on a phone.
          <Link to={userPath(user.username)} className="button button-ghost">
            Back to dashboard
          </Link>
        }
      />
      <main id="main" className="page" tabIndex={-1}>
        <h1 className="page-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
