import { describe, expect, it } from 'vitest';
import { guessCurrency } from './currency-guess';

describe('guessCurrency', () => {
  it.each([
    [['de-AT'], 'EUR'],
    [['en-GB', 'en'], 'GBP'],
    [['ja'], 'JPY'],
    [['pt-BR'], 'BRL'],
    [['de-CH'], 'CHF'],
    [['en'], 'USD'],
    [['not a locale', 'sv-SE'], 'SEK'],
    [[], 'USD'],
  ])('proposes %j -> %s', (locales, currency) => {
    expect(guessCurrency(locales)).toBe(currency);
  });
});
