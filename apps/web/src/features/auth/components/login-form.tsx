import type { User } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { PasswordField } from '@/components/ui/password-field';
import { ApiError } from '@/lib/api-client';
import { loadContracts } from '@/lib/contracts';
import { useForm } from '@/lib/form';
import { issuesToFieldErrors } from '@/lib/form-errors';
import { useLogin } from '../api/login';

export function LoginForm({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const login = useLogin();
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: async ({ username, password }) => {
      // The contracts are prefetched while the page idles; this rarely waits.
      const { LoginBody } = await loadContracts();
      const parsed = LoginBody.safeParse({ username: username.trim(), password });
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
    },
    submit: login.mutateAsync,
    onSuccess: onLoggedIn,
    formError: (error) =>
      error instanceof ApiError && error.status === 401
        ? 'That username and password do not match. Check them and try again.'
        : undefined,
  });

  return (
    <form className="auth-form" {...form.formProps} aria-label="Log in">
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field label="Username" error={form.errors.username}>
        {(control) => (
          <input
            {...control}
            {...form.field('username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
      </Field>
      <PasswordField
        label="Password"
        autoComplete="current-password"
        error={form.errors.password}
        {...form.field('password')}
      />
      <button type="submit" className="button button-primary" disabled={form.pending}>
        {form.pending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
