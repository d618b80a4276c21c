import type { SelectHTMLAttributes } from 'react';
import { CURRENCY_CODES } from '@moneta/schema';
import { appLocale } from '@/lib/locale';

const currencyNames = (() => {
  try {
    return new Intl.DisplayNames(appLocale(), { type: 'currency' });
  } catch {
    return null;
  }
})();

/** Every ISO 4217 code the API takes, each with its name in the reader's language. */
export function CurrencySelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...props}>
      {CURRENCY_CODES.map((code) => (
        <option key={code} value={code}>
          {code}
          {currencyNames ? ` · ${currencyNames.of(code) ?? ''}` : ''}
        </option>
      ))}
    </select>
  );
}
