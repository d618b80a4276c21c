import { useEffect } from 'react';
import type { User } from '@moneta/schema';
import { LoginForm } from '@/features/auth/components/login-form';
import { Link } from 'wouter';
import { navigate, useSearch } from 'wouter/use-browser-location';
import { paths, safeNextPath, userPath } from '../paths';

export function useNext(): { next: string | null; expired: boolean; search: string } {
  const params = new URLSearchParams(useSearch());
  const next = safeNextPath(params.get('next'));
  return {
    next,
    expired: params.get('reason') === 'expired',
    search: next ? `?${new URLSearchParams({ next }).toString()}` : '',
  };
}

export function goAfterLogin(user: User, next: string | null): void {
  navigate(next ?? userPath(user.username), { replace: true });
}

export function LoginRoute() {
  const { next, expired, search } = useNext();
  useEffect(() => {
    document.title = 'Log in · Moneta';
  }, []);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Moneta</p>
        <h1>Log in</h1>
        {expired ? (
          <p className="notice" role="status">
            Your session has ended. Log in again to continue where you were.
          </p>
        ) : next ? (
          <p className="notice" role="status">
            Log in to continue.
          </p>
        ) : null}
        <LoginForm
          onLoggedIn={(user) => {
            goAfterLogin(user, next);
          }}
        />
        <p className="auth-switch">
          New to Moneta? <Link to={`${paths.register}${search}`}>Create an account</Link>
        </p>
      </div>
    </main>
  );
}
