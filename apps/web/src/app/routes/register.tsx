import { useEffect } from 'react';
import { RegisterForm } from '@/features/auth/components/register-form';
import { Link } from 'wouter';
import { paths } from '../paths';
import { goAfterLogin, useNext } from './auth';

// Its own chunk: the registration rules are the zod contract, which the login page does without.
export function RegisterRoute() {
  const { next, search } = useNext();
  const invite = new URLSearchParams(window.location.search).get('invite');
  useEffect(() => {
    document.title = 'Create account · Moneta';
  }, []);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Moneta</p>
        <h1>Create your account</h1>
        <RegisterForm
          invite={invite}
          onRegistered={(user) => {
            goAfterLogin(user, next);
          }}
        />
        <p className="auth-switch">
          Already have an account? <Link to={`${paths.login}${search}`}>Log in</Link>
        </p>
      </div>
    </main>
  );
}
