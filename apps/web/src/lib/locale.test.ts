import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth } from './dates';
import { formatCount, localeFor } from './locale';
import { formatMoney } from './money';

describe('one locale rule: English words, the browser region’s order and separators', () => {
  it.each([
    [['de-AT', 'de'], 'en-AT'],
    [['en-US'], 'en-US'],
    [['en-GB', 'en'], 'en-GB'],
    [['de'], 'en-DE'],
    [['nl-NL'], 'en-NL'],
    [['ja'], 'en-JP'],
    [[], 'en'],
    [['not a tag!'], 'en'],
  ])('%j -> %s', (languages, locale) => {
    expect(localeFor(languages)).toBe(locale);
  });

  it('never shows a month in the browser’s language inside the English page', () => {
    const austrian = localeFor(['de-AT']);
    expect(formatMonth('2026-10', austrian)).toBe('Oct 2026');
    expect(formatDate('2026-10-05', austrian)).toBe('5 Oct 2026');
    expect(formatDate('2026-10-05', localeFor(['en-US']))).toBe('Oct 5, 2026');
  });

  it('keeps the region’s separators for amounts and counts', () => {
    const austrian = localeFor(['de-AT']);
    expect(formatMoney('1234.50', 'EUR', { locale: austrian }).replace(/\s/g, ' ')).toBe(
      '€ 1.234,50',
    );
    expect(formatMoney('1234.50', 'EUR', { locale: 'en-US' })).toBe('€1,234.50');
    expect(formatCount(12345, austrian)).toBe('12.345');
  });
});
