import type { ReactNode } from 'react';

/** The skip link and header every signed-in page shares; `children` are the page's actions. */
export function TopBar({ username, children }: { username: string; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Moneta</span>
        <span className="topbar-user" data-testid="current-user">
          {username}
        </span>
        <nav className="topbar-actions" aria-label="Account">
          {children}
        </nav>
      </header>
    </>
  );
}
