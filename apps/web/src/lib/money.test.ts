import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoneyInput, parseSignedMoneyInput, toMinor, fromMinor } from './money';

describe('parseMoneyInput', () => {
  it.each([
    ['12.50', 'USD', '12.50', 1250n],
    ['12,50', 'USD', '12.50', 1250n],
    ['12', 'USD', '12.00', 1200n],
    ['12.5', 'USD', '12.50', 1250n],
    ['.5', 'USD', '0.50', 50n],
    ['  7 ', 'USD', '7.00', 700n],
    ['1,234.56', 'USD', '1234.56', 123456n],
    ['1.234,56', 'EUR', '1234.56', 123456n],
    ['1 234,56', 'EUR', '1234.56', 123456n],
    ['1,234,567', 'USD', '1234567.00', 123456700n],
    ['1200', 'JPY', '1200', 1200n],
    ['1.250', 'KWD', '1.250', 1250n],
    ['0.01', 'USD', '0.01', 1n],
    // Beyond a float's exact range, still exact digit by digit.
    ['9999999999999.99', 'USD', '9999999999999.99', 999999999999999n],
  ])('reads %s in %s as %s', (input, currency, value, minor) => {
    expect(parseMoneyInput(input, currency)).toEqual({ ok: true, value, minor });
  });

  it.each([
    ['12.345', 'USD', 'must have at most 2 decimal places in this currency'],
    ['12,3456', 'USD', 'must have at most 2 decimal places in this currency'],
    ['12.5', 'JPY', 'must be a whole number in this currency'],
    ['1.2345', 'KWD', 'must have at most 3 decimal places in this currency'],
    ['', 'USD', 'is required'],
    ['0', 'USD', 'must be greater than zero'],
    ['0,00', 'USD', 'must be greater than zero'],
    ['-5', 'USD', 'must be greater than zero'],
    ['1e3', 'USD', 'must be a number such as 12.50'],
    ['12.50.1', 'USD', 'must be a number such as 12.50'],
    ['1,2,3', 'USD', 'must be a number such as 12.50'],
    ['1.234.56,7', 'EUR', 'must be a number such as 12.50'],
    ['abc', 'USD', 'must be a number such as 12.50'],
    ['10000000000000', 'USD', 'must be at most 9999999999999.99'],
  ])('refuses %s in %s', (input, currency, message) => {
    expect(parseMoneyInput(input, currency)).toEqual({ ok: false, message });
  });

  it('never goes through a float', () => {
    // 0.1 + 0.2 style inputs stay exact.
    expect(parseMoneyInput('0.30', 'USD')).toMatchObject({ minor: 30n });
    expect(parseMoneyInput('4503599627370.49', 'USD')).toMatchObject({ value: '4503599627370.49' });
  });
});

describe('toMinor / fromMinor', () => {
  it('round-trips signed amounts exactly', () => {
    for (const text of ['0.00', '-12.50', '12.05', '-9999999999999.99']) {
      expect(fromMinor(toMinor(text, 'USD'), 'USD')).toBe(text);
    }
    expect(toMinor('-1250', 'JPY')).toBe(-1250n);
    expect(() => toMinor('1.5', 'JPY')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats in the currency and locale', () => {
    expect(formatMoney('1234.5', 'USD', { locale: 'en-US' })).toBe('$1,234.50');
    expect(formatMoney('-12.5', 'EUR', { locale: 'de-DE' })).toBe('-12,50\u00a0€');
    expect(formatMoney('1200', 'JPY', { locale: 'ja-JP' })).toBe('￥1,200');
    expect(formatMoney('1.5', 'KWD', { locale: 'en-US' })).toBe('KWD\u00a01.500');
  });

  it('formats large amounts without float rounding', () => {
    expect(formatMoney('9999999999999.99', 'USD', { locale: 'en-US' })).toBe(
      '$9,999,999,999,999.99',
    );
  });

  it('shows a sign when asked', () => {
    expect(formatMoney('12.5', 'USD', { locale: 'en-US', signed: true })).toBe('+$12.50');
    expect(formatMoney('-12.5', 'USD', { locale: 'en-US', signed: true })).toBe('-$12.50');
    expect(formatMoney('0', 'USD', { locale: 'en-US', signed: true })).toBe('$0.00');
  });
});

describe('parseMoneyInput: a lone separator before three digits', () => {
  it.each([
    ['1,000', 'USD', 'en-US', '1000.00'],
    ['12,345', 'USD', 'en-US', '12345.00'],
    ['1.000', 'EUR', 'de-DE', '1000.00'],
    ['1,500', 'JPY', 'de-DE', '1500'],
    ['1.500', 'JPY', 'en-US', '1500'],
    ['1,250', 'KWD', 'en-US', '1.250'],
  ])('reads %s in %s for %s as %s', (input, currency, locale, value) => {
    const parsed = parseMoneyInput(input, currency, locale);
    expect(parsed.ok ? parsed.value : parsed.message).toBe(value);
  });

  it.each([
    ['1.000', 'USD', 'en-US'],
    ['1,000', 'EUR', 'de-DE'],
    ['1234,567', 'USD', 'en-US'],
  ])(
    'still refuses %s in %s for %s: a decimal separator with too many decimals',
    (input, currency, locale) => {
      const parsed = parseMoneyInput(input, currency, locale);
      expect(parsed.ok ? parsed.value : parsed.message).toBe(
        'must have at most 2 decimal places in this currency',
      );
    },
  );
});

describe('parseSignedMoneyInput', () => {
  it.each([
    ['-310.25', 'USD', '-310.25', -31025n],
    ['−310,25', 'EUR', '-310.25', -31025n],
    ['+12', 'USD', '12.00', 1200n],
    ['1 234,5', 'EUR', '1234.50', 123450n],
    ['0', 'USD', '0.00', 0n],
    ['-0.00', 'USD', '0.00', 0n],
    ['-5', 'JPY', '-5', -5n],
  ])('reads %s in %s as %s', (input, currency, value, minor) => {
    expect(parseSignedMoneyInput(input, currency)).toEqual({ ok: true, value, minor });
  });

  it.each([
    ['', 'is required'],
    ['--5', 'must be a number such as -12.50'],
    ['-1.234', 'must have at most 2 decimals'],
    ['abc', 'must be a number such as 12.50'],
  ])('refuses %j', (input, message) => {
    const parsed = parseSignedMoneyInput(input, 'USD');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message.split(' ').slice(0, 3).join(' '));
  });
});
