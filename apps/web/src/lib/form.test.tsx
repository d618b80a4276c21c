import { describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { ApiError } from './api-client';
import { useForm, type Checked } from './form';

interface Values {
  name: string;
  amount: string;
}

const refusal = (errors: Array<{ path: string; message: string }>, detail = 'Not valid.') =>
  new ApiError({ type: 'about:blank', title: 'Bad Request', status: 400, detail, errors });

function check({ name, amount }: Values): Checked<Values, Values> {
  const errors: Partial<Values> = {};
  if (name.trim() === '') errors.name = 'is required';
  if (!/^\d+$/.test(amount)) errors.amount = 'must be a whole number';
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: { name, amount } };
}

function TestForm({
  submit,
  clearOnSubmit,
}: {
  submit: (value: Values) => Promise<unknown>;
  clearOnSubmit?: (sent: Values) => Values;
}) {
  const form = useForm({
    initialValues: { name: '', amount: '' },
    validate: check,
    submit,
    ...(clearOnSubmit ? { clearOnSubmit } : {}),
  });
  return (
    <form {...form.formProps} aria-label="Thing">
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field label="Name" error={form.errors.name}>
        {(control) => <input {...control} {...form.field('name')} />}
      </Field>
      <Field label="Amount" error={form.errors.amount}>
        {(control) => <input {...control} {...form.field('amount')} />}
      </Field>
      <button type="submit">Save</button>
    </form>
  );
}

/** The message a field shows, found the way assistive technology finds it. */
function messageOf(label: string): string | null {
  const input = screen.getByLabelText(label);
  if (input.getAttribute('aria-invalid') !== 'true') return null;
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent).join(' ');
}

describe('useForm', () => {
  it('checks first, sends nothing when invalid, and focuses the first field in error', async () => {
    const user = userEvent.setup();
    const submit = vi.fn(() => Promise.resolve());
    render(<TestForm submit={submit} />);
    await user.type(screen.getByLabelText('Name'), 'Tea');
    await user.type(screen.getByLabelText('Amount'), '1.5{Enter}');
    expect(submit).not.toHaveBeenCalled();
    expect(messageOf('Amount')).toBe('Amount must be a whole number');
    expect(messageOf('Name')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
  });

  it('puts the API’s field error on the field it names and focuses it', async () => {
    const user = userEvent.setup();
    const submit = vi.fn(() =>
      Promise.reject(refusal([{ path: 'name', message: 'is taken already' }])),
    );
    render(<TestForm submit={submit} />);
    await user.type(screen.getByLabelText('Name'), 'Tea');
    await user.type(screen.getByLabelText('Amount'), '15{Enter}');
    expect(submit).toHaveBeenCalledWith({ name: 'Tea', amount: '15' });
    await screen.findByText('Name is taken already');
    expect(messageOf('Name')).toBe('Name is taken already');
    expect(messageOf('Amount')).toBeNull();
    // Every message found its field: no form-level message repeats it.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('shows a form-level message when the API names no field of this form', async () => {
    const user = userEvent.setup();
    const submit = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError({
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'Changed meanwhile.',
        }),
      )
      .mockRejectedValueOnce(refusal([{ path: 'timeZone', message: 'is not a zone' }]));
    render(<TestForm submit={submit} />);
    await user.type(screen.getByLabelText('Name'), 'Tea');
    await user.type(screen.getByLabelText('Amount'), '15{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Changed meanwhile.');

    // A field error for a path the form has no field for is not lost either.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not valid.');
    expect(messageOf('Name')).toBeNull();
  });

  it('clears a field’s message once it is edited, and only that one', async () => {
    const user = userEvent.setup();
    render(<TestForm submit={() => Promise.resolve()} />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(messageOf('Name')).toBe('Name is required');
    expect(messageOf('Amount')).toBe('Amount must be a whole number');
    await user.type(screen.getByLabelText('Amount'), '4');
    expect(messageOf('Amount')).toBeNull();
    expect(messageOf('Name')).toBe('Name is required');
  });

  it('sends once while a submit is on its way', async () => {
    const user = userEvent.setup();
    let finish!: () => void;
    const submit = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    render(<TestForm submit={submit} />);
    await user.type(screen.getByLabelText('Name'), 'Tea');
    await user.type(screen.getByLabelText('Amount'), '15{Enter}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(submit).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish();
      await Promise.resolve();
    });
  });

  describe('a form cleared for the next entry (optimistic)', () => {
    const clear = () => ({ name: '', amount: '' });

    it('gives a refused entry back with its field messages', async () => {
      const user = userEvent.setup();
      let refuse!: () => void;
      const submit = vi.fn(
        () =>
          new Promise<void>((_, reject) => {
            refuse = () => {
              reject(refusal([{ path: 'amount', message: 'is over the limit' }]));
            };
          }),
      );
      render(<TestForm submit={submit} clearOnSubmit={clear} />);
      await user.type(screen.getByLabelText('Name'), 'Tea');
      await user.type(screen.getByLabelText('Amount'), '15{Enter}');
      expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('');

      await act(async () => {
        refuse();
        await Promise.resolve();
      });
      expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Tea');
      expect(screen.getByLabelText<HTMLInputElement>('Amount').value).toBe('15');
      expect(messageOf('Amount')).toBe('Amount is over the limit');
      expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
    });

    it('keeps the next entry being typed and says what was refused', async () => {
      const user = userEvent.setup();
      let refuse!: () => void;
      const submit = vi.fn(
        () =>
          new Promise<void>((_, reject) => {
            refuse = () => {
              reject(refusal([{ path: 'amount', message: 'is over the limit' }], 'Too much.'));
            };
          }),
      );
      render(<TestForm submit={submit} clearOnSubmit={clear} />);
      await user.type(screen.getByLabelText('Name'), 'Tea');
      await user.type(screen.getByLabelText('Amount'), '15{Enter}');
      await user.type(screen.getByLabelText('Name'), 'Cake');

      await act(async () => {
        refuse();
        await Promise.resolve();
      });
      expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Cake');
      expect(messageOf('Amount')).toBeNull();
      expect(screen.getByRole('alert').textContent).toBe('Too much.');
    });
  });
});
