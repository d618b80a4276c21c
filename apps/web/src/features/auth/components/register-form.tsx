import { RegisterBody, type User } from '@moneta/schema';
import { CurrencySelect } from '@/components/ui/currency-select';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { PasswordField } from '@/components/ui/password-field';
import { browserTimeZone } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { issuesToFieldErrors } from '@/lib/form-errors';
import { useRegister } from '../api/register';
import { useRegistration } from '../api/get-registration';
import { guessCurrency } from '../currency-guess';

// "Today" for the new account is the date where this browser is; changeable later.
const timeZone = browserTimeZone();

export function RegisterForm({
  onRegistered,
  invite,
}: {
  onRegistered: (user: User) => void;
  /** An invite code from the link the owner shared (`/register?invite=…`). */
  invite: string | null;
}) {
  const register = useRegister();
  const registration = useRegistration();
  const form = useForm({
    initialValues: () => ({
      inviteCode: invite ?? '',
      username: '',
      password: '',
      currency: guessCurrency(navigator.languages),
    }),
    validate: ({ inviteCode, username, password, currency }) => {
      const parsed = RegisterBody.safeParse({
        username: username.trim(),
        password,
        currency,
        ...(timeZone ? { timeZone } : {}),
        ...(inviteCode.trim() ? { inviteCode: inviteCode.trim() } : {}),
      });
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
    },
    submit: register.mutateAsync,
    onSuccess: onRegistered,
  });
  const { errors } = form;

  const info = registration.data;
  if (info?.mode === 'closed' && !info.firstAccount) {
    return (
      <p className="form-error" role="status" data-testid="registration-closed">
        Registration is closed on this server. Ask its owner to create your account.
      </p>
    );
  }
  const needsInvite = info?.mode === 'invite' && !info.firstAccount;

  return (
    <form className="auth-form" {...form.formProps} aria-label="Create account">
      {form.formError && <FormError>{form.formError}</FormError>}
      {info?.firstAccount && info.mode !== 'open' && (
        <p className="field-hint" data-testid="first-account">
          You are creating the first account on this server. After it, new accounts need an{' '}
          {info.mode === 'invite' ? 'invite code from you' : 'account made by you'}.
        </p>
      )}
      {needsInvite && (
        <Field
          label="Invite code"
          error={errors.inviteCode}
          hint="Registration on this server is by invitation: paste the code or open the link you were sent."
        >
          {(control) => (
            <input
              {...control}
              {...form.field('inviteCode')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
      )}
      <Field
        label="Username"
        error={errors.username}
        hint="3 to 32 characters: letters a-z, digits, _ and -. Your dashboard lives at /your-name."
      >
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
        autoComplete="new-password"
        hint="At least 8 characters."
        error={errors.password}
        {...form.field('password')}
      />
      <Field label="Currency" error={errors.currency}>
        {(control) => <CurrencySelect {...control} {...form.field('currency')} />}
      </Field>
      <button type="submit" className="button button-primary" disabled={form.pending}>
        {form.pending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
