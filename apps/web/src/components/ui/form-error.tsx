import type { ReactNode } from 'react';

/** A form's own message (not one field's), read out when it appears. */
export function FormError({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}
