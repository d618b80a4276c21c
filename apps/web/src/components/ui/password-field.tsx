import type { ChangeEvent } from 'react';
import { Field } from './field';

export interface PasswordFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  /** `current-password` to sign in or confirm; `new-password` lets a manager suggest one. */
  autoComplete: 'current-password' | 'new-password';
  error?: string | undefined;
  hint?: string;
  /** Takes the focus when its dialog opens. */
  autoFocus?: boolean;
}

/** The one password input of login, registration and the account settings. */
export function PasswordField({
  label,
  name,
  value,
  onChange,
  autoComplete,
  error,
  hint,
  autoFocus = false,
}: PasswordFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="password"
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          data-autofocus={autoFocus ? '' : undefined}
          value={value}
          onChange={onChange}
        />
      )}
    </Field>
  );
}
