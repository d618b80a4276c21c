import { useState, type SubmitEvent } from 'react';
import type { User } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api-client';
import { loadContracts } from '@/lib/contracts';
import { useLogin } from '../api/login';
import { issuesToFieldErrors } from '@/lib/form-errors';

export function LoginForm({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The contracts are prefetched while the page idles; this rarely waits.
    let LoginBody;
    try {
      ({ LoginBody } = await loadContracts());
    } catch (error) {
      setFormError(errorMessage(error));
      return;
    }
    const parsed = LoginBody.safeParse({ username: username.trim(), password });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    login.mutate(parsed.data, {
      onSuccess: onLoggedIn,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401) {
          setFormError('That username and password do not match. Check them and try again.');
        } else {
          setErrors(error instanceof ApiError ? error.fieldErrors : {});
          setFormError(errorMessage(error));
        }
      },
    });
  };

  return (
    <form
      className="auth-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Log in"
    >
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field label="Username" error={errors.username}>
        {(control) => (
          <input
            {...control}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password}>
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={login.isPending}>
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
