import { useState, type InputHTMLAttributes } from 'react';

/**
 * A date as typed is complete once its year has four digits: typing 03152026 passes through
 * 0002-03-15, 0020-03-15 and 0202-03-15 first, and none of those should be a request.
 */
export function isCompleteDate(value: string): boolean {
  return value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '1000-01-01');
}

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string | undefined;
  /** Called with a complete date, or `undefined` when the field is emptied; never half-typed. */
  onCommit: (value: string | undefined) => void;
};

/** A date field that keeps what is typed and reports only a complete date, or an empty one. */
export function DateInput({ value, onCommit, ...rest }: DateInputProps) {
  const [text, setText] = useState(value ?? '');
  const [synced, setSynced] = useState(value);
  // The value changed under us (back button, a step to the next period): show it.
  if (value !== synced) {
    setSynced(value);
    setText(value ?? '');
  }
  return (
    <input
      {...rest}
      type="date"
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (isCompleteDate(next) && next !== (value ?? '')) onCommit(next || undefined);
      }}
    />
  );
}
