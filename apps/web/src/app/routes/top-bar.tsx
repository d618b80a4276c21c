import type { ReactNode } from 'react';

/**
 * The skip link and header every signed-in page shares: the brand, who is signed in and
 * `actions` (Log out) on one row, the page links (`children`) beside them, or on a row of their
 * own on a phone, evenly spread so no button is left alone on a line.
 */
export function TopBar({
  username,
  actions,
  children,
}: {
  username: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
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
        {children && (
          <nav className="topbar-nav" aria-label="Pages">
            {children}
          </nav>
        )}
        {actions && <div className="topbar-actions">{actions}</div>}
      </header>
    </>
  );
}
