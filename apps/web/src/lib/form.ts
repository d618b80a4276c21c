import { useRef, useState, type ChangeEvent, type RefObject, type SubmitEvent } from 'react';
import { ApiError, errorMessage } from './api-client';

/*
 * One way to run a form: check it here -> send it -> put the API's problem on the fields it names
 * and the rest in one form-level message -> focus the first field in error -> clear a field's
 * message once it is edited. Login, registration, tokens, transactions, settings and categories
 * all run through useForm.
 */

/** Messages keyed by field name, which is also the path the API's problem names. */
export type FieldErrors<V> = Partial<Record<Extract<keyof V, string>, string>>;

/** What the client-side check found: the value to send, or a message per field. */
export type Checked<V, T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<V> };

export interface FormOptions<V extends object, T, R> {
  initialValues: V | (() => V);
  /** Client-side checks, usually with the shared contracts; may await them being loaded. */
  validate: (values: V) => Checked<V, T> | Promise<Checked<V, T>>;
  /** Sends the checked value: a mutation's `mutateAsync` or any async function. */
  submit: (value: T) => Promise<R>;
  onSuccess?: (result: R, value: T) => void;
  /**
   * The form-level message for a refusal; `undefined` keeps the default, which is the API's own
   * message unless each of its field errors landed on a field of this form.
   */
  formError?: (error: unknown, value: T) => string | null | undefined;
  /**
   * For forms that stay open for the next entry (optimistic adds): the form is cleared to these
   * values as soon as it is sent. A refusal gives the entry back, with its field messages, unless
   * the next entry has been started meanwhile.
   */
  clearOnSubmit?: (sent: V) => V;
}

export interface FormState<V extends object> {
  values: V;
  errors: FieldErrors<V>;
  formError: string | null;
  /** A submit is on its way. */
  pending: boolean;
  /** Sets one field and clears its message. */
  setValue: <K extends keyof V>(key: K, value: V[K]) => void;
  /** Sets several fields at once; each one that changed loses its message. */
  setValues: (next: V) => void;
  /** Back to these values with no messages (after a success that keeps the form). */
  reset: (values: V) => void;
  /** Spread onto the `<form>`: its ref (to find the fields), onSubmit and noValidate. */
  formProps: {
    ref: RefObject<HTMLFormElement | null>;
    onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
    noValidate: true;
  };
  /** name, value and onChange for a text input or select bound to a string field. */
  field: <K extends StringKey<V>>(
    key: K,
  ) => {
    name: K;
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
  };
}

type StringKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * Sorts an API refusal into messages for this form's fields and whether anything was left over
 * (a field error for a path the form has no field for, or no field error at all).
 */
export function problemToErrors<V extends object>(
  error: unknown,
  fields: readonly string[],
): { errors: FieldErrors<V>; leftOver: boolean } {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { errors, leftOver: true };
  const named = Object.entries(error.fieldErrors);
  let leftOver = named.length === 0;
  for (const [path, message] of named) {
    if (fields.includes(path)) errors[path] = message;
    else leftOver = true;
  }
  return { errors, leftOver };
}

const FOCUSABLE = 'input:checked, input:not([type="hidden"]), select, textarea, button';

/**
 * The field a control belongs to: its `name`, or the `data-field` of a group (a radio fieldset).
 */
function fieldOf(element: Element): string {
  return element instanceof HTMLElement
    ? (element.dataset.field ?? element.getAttribute('name') ?? '')
    : '';
}

/** The fields the form shows now: a message for any other one would not be seen. */
export function fieldsShown(form: HTMLFormElement): string[] {
  return [...form.elements].map(fieldOf).filter(Boolean);
}

/** The first control, in the form's own order, whose field has a message. */
export function firstInvalidControl(
  form: HTMLFormElement,
  errors: Record<string, string | undefined>,
): HTMLElement | null {
  for (const element of form.elements) {
    if (!(element instanceof HTMLElement)) continue;
    if (!errors[fieldOf(element)]) continue;
    if (element instanceof HTMLFieldSetElement) {
      return element.querySelector<HTMLElement>(FOCUSABLE);
    }
    return element;
  }
  return null;
}

export function useForm<V extends object, T, R>(options: FormOptions<V, T, R>): FormState<V> {
  const [values, setValuesState] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  // The latest values and the in-flight count, for code that runs after an await.
  const current = useRef(values);
  const inFlight = useRef(0);

  const commit = (next: V) => {
    current.current = next;
    setValuesState(next);
  };

  const setValues = (next: V) => {
    const previous = current.current;
    commit(next);
    setErrors((shown) => {
      const keys = Object.keys(shown) as Array<Extract<keyof V, string>>;
      const kept: FieldErrors<V> = {};
      for (const key of keys) {
        if (Object.is(previous[key], next[key])) kept[key] = shown[key];
      }
      return Object.keys(kept).length === keys.length ? shown : kept;
    });
  };

  const setValue = <K extends keyof V>(key: K, value: V[K]) => {
    setValues({ ...current.current, [key]: value });
  };

  const focusFirstInvalid = (found: FieldErrors<V>, onlyIfFocusInForm: boolean) => {
    const form = formRef.current;
    if (!form) return;
    // After an await the person may be elsewhere on the page: do not pull them back.
    const active = document.activeElement;
    if (onlyIfFocusInForm && active !== document.body && !form.contains(active)) return;
    firstInvalidControl(form, found)?.focus();
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { clearOnSubmit } = options;
    // One submit at a time, except for forms that clear themselves for the next entry.
    if (inFlight.current > 0 && !clearOnSubmit) return;
    inFlight.current += 1;
    setPendingCount((n) => n + 1);
    try {
      await run(current.current);
    } finally {
      inFlight.current -= 1;
      setPendingCount((n) => n - 1);
    }
  };

  const run = async (sent: V) => {
    const { validate, submit, onSuccess, clearOnSubmit } = options;
    let checked: Checked<V, T>;
    try {
      const result = validate(sent);
      checked = result instanceof Promise ? await result : result;
    } catch (error) {
      setFormError(errorMessage(error));
      return;
    }
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(null);
      focusFirstInvalid(checked.errors, false);
      return;
    }
    setErrors({});
    setFormError(null);
    const cleared = clearOnSubmit?.(sent);
    if (cleared) commit(cleared);
    try {
      const result = await submit(checked.value);
      onSuccess?.(result, checked.value);
    } catch (error) {
      const fields = formRef.current ? fieldsShown(formRef.current) : Object.keys(sent);
      const { errors: found, leftOver } = problemToErrors<V>(error, fields);
      // An identical object means nothing was typed since the form was cleared.
      const untouched = !cleared || current.current === cleared;
      if (untouched) {
        if (cleared) commit(sent);
        setErrors(found);
        focusFirstInvalid(found, true);
      }
      const own = options.formError?.(error, checked.value);
      setFormError(own !== undefined ? own : leftOver || !untouched ? errorMessage(error) : null);
    }
  };

  return {
    values,
    errors,
    formError,
    pending: pendingCount > 0,
    setValue,
    setValues,
    reset: (next) => {
      commit(next);
      setErrors({});
      setFormError(null);
    },
    formProps: {
      ref: formRef,
      onSubmit: (event) => void onSubmit(event),
      noValidate: true,
    },
    field: (key) => ({
      name: key,
      value: values[key] as string,
      onChange: (event) => {
        setValue(key, event.target.value as V[typeof key]);
      },
    }),
  };
}
