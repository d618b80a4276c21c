import { useState, type SubmitEvent } from 'react';
import { CURRENCY_CODES, RegisterBody, type User } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useRegister } from '../api/register';
import { useRegistration } from '../api/get-registration';
import { guessCurrency } from '../currency-guess';
import { browserTimeZone } from '@/lib/dates';

// "Today" for the new account is the date where this browser is; changeable later.
const timeZone = browserTimeZone();
import { issuesToFieldErrors } from '@/lib/form-errors';

const currencyNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'currency' });
  } catch {
    return null;
  }
})();

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
  const [inviteCode, setInviteCode] = useState(invite ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [currency, setCurrency] = useState(() => guessCurrency(navigator.languages));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = RegisterBody.safeParse({
      username: username.trim(),
      password,
      currency,
      ...(timeZone ? { timeZone } : {}),
      ...(inviteCode.trim() ? { inviteCode: inviteCode.trim() } : {}),
    });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    register.mutate(parsed.data, {
      onSuccess: onRegistered,
      onError: (error) => {
        const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
        setErrors(fieldErrors);
        setFormError(Object.keys(fieldErrors).length > 0 ? null : errorMessage(error));
      },
    });
  };

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
    <form className="auth-form" onSubmit={onSubmit} noValidate aria-label="Create account">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
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
              name="inviteCode"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={inviteCode}
              onChange={(event) => {
                setInviteCode(event.target.value);
              }}
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
      <Field label="Password" error={errors.password} hint="At least 8 characters.">
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Currency" error={errors.currency}>
        {(control) => (
          <select
            {...control}
            name="currency"
            value={currency}
            onChange={(event) => {
              setCurrency(event.target.value);
            }}
          >
            {CURRENCY_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
                {currencyNames ? ` · ${currencyNames.of(code) ?? ''}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={register.isPending}>
        {register.isPending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
