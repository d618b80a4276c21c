import { useId, useMemo, useState } from 'react';
import { ChangePasswordBody, type UpdateMeBody, type User } from '@moneta/schema';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { CurrencySelect } from '@/components/ui/currency-select';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { PasswordField } from '@/components/ui/password-field';
import { browserTimeZone } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { issuesToFieldErrors } from '@/lib/form-errors';
import { useChangePassword } from '../api/change-password';
import { useDeleteAccount } from '../api/delete-account';
import { useUpdateMe } from '../api/update-me';

/** Every zone the browser knows, the user's own first when the list lacks it. */
function zonesWith(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
}

/** One setting of `me` (PATCH /auth/me), with "Saved." once the API has taken it. */
function useMeSetting<V extends UpdateMeBody>(initialValues: V) {
  const update = useUpdateMe();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues,
    validate: (values) => ({ ok: true, value: values }),
    submit: (values) => {
      setSaved(false);
      return update.mutateAsync(values);
    },
    onSuccess: () => {
      setSaved(true);
    },
  });
  return { form, saved, setSaved };
}

function TimeZoneForm({ user }: { user: User }) {
  const { form, saved, setSaved } = useMeSetting({ timeZone: user.timeZone });
  const zones = useMemo(() => zonesWith(user.timeZone), [user.timeZone]);
  const here = browserTimeZone();
  const zone = form.values.timeZone;
  return (
    <form className="settings-form" {...form.formProps} aria-label="Time zone">
      <h2 className="section-title">Time zone</h2>
      <p className="muted">
        &ldquo;Today&rdquo; is the date here: the default date of a new transaction, today&rsquo;s
        balance and &ldquo;this month&rdquo;.
      </p>
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field
        label="Time zone"
        error={form.errors.timeZone}
        hint={here && here !== zone ? `This browser is in ${here}.` : undefined}
      >
        {(control) => (
          <select
            {...control}
            {...form.field('timeZone')}
            onChange={(event) => {
              form.setValue('timeZone', event.target.value);
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
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={form.pending}>
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

function CurrencyForm({ user }: { user: User }) {
  const { form, saved, setSaved } = useMeSetting({ currency: user.currency });
  return (
    <form className="settings-form" {...form.formProps} aria-label="Reporting currency">
      <h2 className="section-title">Reporting currency</h2>
      <p className="muted">
        &ldquo;All accounts&rdquo;, net worth and new accounts are in it. Each account keeps its own
        currency; accounts in another one are converted with the rates you set.
      </p>
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field label="Reporting currency" error={form.errors.currency}>
        {(control) => (
          <CurrencySelect
            {...control}
            {...form.field('currency')}
            onChange={(event) => {
              form.setValue('currency', event.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={form.pending}>
          Save currency
        </button>
        {saved && (
          <span role="status" data-testid="currency-saved">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const empty = { currentPassword: '', newPassword: '' };
  const form = useForm({
    initialValues: empty,
    validate: (values) => {
      const parsed = ChangePasswordBody.safeParse(values);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
    },
    submit: (body) => {
      setDone(false);
      return change.mutateAsync(body);
    },
    onSuccess: () => {
      form.reset(empty);
      setDone(true);
    },
  });
  return (
    <form className="settings-form" {...form.formProps} aria-label="Change password">
      <h2 className="section-title">Password</h2>
      <p className="muted">
        Changing it signs out every other browser and revokes every API token; this one stays signed
        in.
      </p>
      {form.formError && <FormError>{form.formError}</FormError>}
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        error={form.errors.currentPassword}
        {...form.field('currentPassword')}
      />
      <PasswordField
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={form.errors.newPassword}
        {...form.field('newPassword')}
      />
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={form.pending}>
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
  const [open, setOpen] = useState(false);
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
        <DeleteAccountDialog
          onClose={() => {
            setOpen(false);
          }}
          onDeleted={onDeleted}
        />
      )}
    </section>
  );
}

/** Not a plain confirmation: the password proves it is the account's owner asking. */
function DeleteAccountDialog({
  onClose,
  onDeleted,
}: {
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteAccount();
  const warningId = useId();
  const form = useForm({
    initialValues: { password: '' },
    validate: ({ password }) =>
      password === ''
        ? { ok: false, errors: { password: 'Enter your password to confirm.' } }
        : { ok: true, value: { password } },
    submit: remove.mutateAsync,
    onSuccess: onDeleted,
  });
  return (
    <Dialog
      title="Delete account"
      onClose={onClose}
      busy={form.pending}
      describedBy={warningId}
      testId="delete-account-dialog"
    >
      <form {...form.formProps}>
        <p id={warningId}>Everything in this account is deleted at once. This cannot be undone.</p>
        {form.formError && <FormError>{form.formError}</FormError>}
        <PasswordField
          label="Password"
          autoComplete="current-password"
          hint="Your password confirms it is you."
          autoFocus
          error={form.errors.password}
          {...form.field('password')}
        />
        <DialogActions
          busy={form.pending}
          onCancel={onClose}
          label="Delete everything"
          busyLabel="Deleting…"
          tone="danger"
        />
      </form>
    </Dialog>
  );
}

/** Time zone, password and account deletion: what the API offers, now in the browser. */
export function AccountSettings({ user, onDeleted }: { user: User; onDeleted: () => void }) {
  return (
    <div className="settings">
      <TimeZoneForm user={user} />
      <CurrencyForm user={user} />
      <PasswordForm />
      <DeleteAccount onDeleted={onDeleted} />
    </div>
  );
}
