import { useMemo, useState, type SubmitEvent } from 'react';
import { ChangePasswordBody, type User } from '@moneta/schema';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api-client';
import { browserTimeZone } from '@/lib/dates';
import { issuesToFieldErrors } from '@/lib/form-errors';
import { useChangePassword } from '../api/change-password';
import { useDeleteAccount } from '../api/delete-account';
import { useUpdateMe } from '../api/update-me';

/** Every zone the browser knows, the user's own first when the list lacks it. */
function zonesWith(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
}

function TimeZoneForm({ user }: { user: User }) {
  const update = useUpdateMe();
  const [zone, setZone] = useState(user.timeZone);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => zonesWith(user.timeZone), [user.timeZone]);
  const here = browserTimeZone();
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ timeZone: zone }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Time zone" noValidate>
      <h2 className="section-title">Time zone</h2>
      <p className="muted">
        &ldquo;Today&rdquo; is the date here: the default date of a new transaction, today&rsquo;s
        balance and &ldquo;this month&rdquo;.
      </p>
      <Field
        label="Time zone"
        error={update.error instanceof ApiError ? update.error.fieldErrors.timeZone : undefined}
        hint={here && here !== zone ? `This browser is in ${here}.` : undefined}
      >
        {(control) => (
          <select
            {...control}
            value={zone}
            onChange={(event) => {
              setZone(event.target.value);
              setSaved(false);
            }}
          >
            {zones.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {update.isError &&
        !(update.error instanceof ApiError && update.error.fieldErrors.timeZone) && (
          <p className="form-error" role="alert">
            {errorMessage(update.error)}
          </p>
        )}
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save time zone
        </button>
        {saved && (
          <span role="status" data-testid="time-zone-saved">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const parsed = ChangePasswordBody.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    change.mutate(parsed.data, {
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
        setDone(true);
      },
      onError: (error) => {
        const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
        setErrors(fieldErrors);
        setFormError(Object.keys(fieldErrors).length > 0 ? null : errorMessage(error));
      },
    });
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Change password" noValidate>
      <h2 className="section-title">Password</h2>
      <p className="muted">
        Changing it signs out every other browser and revokes every API token; this one stays signed
        in.
      </p>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field label="Current password" error={errors.currentPassword}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => {
              setCurrentPassword(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="New password" error={errors.newPassword} hint="At least 8 characters.">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => {
              setNewPassword(event.target.value);
            }}
          />
        )}
      </Field>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          Change password
        </button>
        {done && (
          <span role="status" data-testid="password-changed">
            Password changed. Other sessions and all tokens have ended.
          </span>
        )}
      </div>
    </form>
  );
}

function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const remove = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const close = () => {
    setOpen(false);
    setPassword('');
    remove.reset();
  };
  const fieldError =
    remove.error instanceof ApiError ? remove.error.fieldErrors.password : undefined;
  return (
    <section className="settings-form" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading" className="section-title">
        Delete account
      </h2>
      <p className="muted">
        Deletes your account and every transaction, category, import and token at once. Export your
        history first if you want to keep it. This cannot be undone.
      </p>
      <div className="settings-actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => {
            setOpen(true);
          }}
        >
          Delete account…
        </button>
      </div>
      {open && (
        <Dialog title="Delete account" onClose={close} testId="delete-account-dialog">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              remove.mutate({ password }, { onSuccess: onDeleted });
            }}
            noValidate
          >
            <Field label="Password" error={fieldError} hint="Your password confirms it is you.">
              {(control) => (
                <input
                  {...control}
                  data-autofocus
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => {
                    setPassword(event.target.value);
                  }}
                />
              )}
            </Field>
            {remove.isError && !fieldError && (
              <p className="form-error" role="alert">
                {errorMessage(remove.error)}
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button
                type="submit"
                className="button button-danger-solid"
                disabled={remove.isPending || password === ''}
              >
                Delete everything
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}

/** Time zone, password and account deletion: what the API offers, now in the browser. */
export function AccountSettings({ user, onDeleted }: { user: User; onDeleted: () => void }) {
  return (
    <div className="settings">
      <TimeZoneForm user={user} />
      <PasswordForm />
      <DeleteAccount onDeleted={onDeleted} />
    </div>
  );
}
