import { useEffect } from 'react';
import type { User } from '@moneta/schema';
import { LoginForm } from '@/features/auth/components/login-form';
import { Link, navigate, safeNextPath, useLocation } from '../router';

export function useNext(): { next: string | null; expired: boolean; search: string } {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const next = safeNextPath(params.get('next'));
  return {
    next,
    expired: params.get('reason') === 'expired',
    search: next ? `?${new URLSearchParams({ next }).toString()}` : '',
  };
}

export function goAfterLogin(user: User, next: string | null): void {
  navigate(next ?? `/${user.username}`, { replace: true });
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
          New to Moneta? <Link to={`/register${search}`}>Create an account</Link>
        </p>
      </div>
    </main>
  );
}
