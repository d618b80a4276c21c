import { useEffect } from 'react';
import { Link } from 'wouter';

export function NotFoundRoute({ home, signedIn }: { home: string; signedIn: boolean }) {
  useEffect(() => {
    document.title = 'Page not found · Moneta';
  }, []);
  return (
    <main className="auth-page" data-testid="not-found">
      <div className="auth-card">
        <p className="brand">Moneta</p>
        <h1>Page not found</h1>
        <p>There is nothing at this address. Check the link, or go back to where your money is.</p>
        <Link to={home} className="button button-primary">
          {signedIn ? 'Go to your dashboard' : 'Log in'}
        </Link>
      </div>
    </main>
  );
}
