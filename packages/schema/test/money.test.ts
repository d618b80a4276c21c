import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AmountInput,
  CURRENCY_CODES,
  MAX_AMOUNT_MINOR,
  type ParsedAmount,
  currencyDecimals,
  formatMinor,
  jsonNumberToDecimal,
  parseAmount,
  parseDecimal,
} from '../src/index.js';

const decimalsArb = fc.integer({ min: 0, max: 4 });
const minorArb = fc.bigInt({ min: 0n, max: 10n ** 30n });

describe('parseDecimal and formatMinor', () => {
  it('round-trip every amount exactly for 0 to 4 decimals', () => {
    fc.assert(
      fc.property(minorArb, decimalsArb, (minor, decimals) => {
        const text = formatMinor(minor, decimals);
        expect(parseDecimal(text, decimals)).toEqual({ ok: true, minor });
        if (minor !== 0n) expect(formatMinor(-minor, decimals)).toBe(`-${text}`);
      }),
    );
  });

  it('read written decimals exactly, with fewer digits padded', () => {
    fc.assert(
      fc.property(
        decimalsArb,
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.stringMatching(/^[0-9]{0,4}$/),
        (decimals, whole, rawFraction) => {
          const fraction = rawFraction.slice(0, decimals);
          const text = fraction ? `${whole}.${fraction}` : whole;
          const expected =
            BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
          expect(parseDecimal(text, decimals)).toEqual({ ok: true, minor: expected });
        },
      ),
    );
  });

  it('refuse more decimals than the currency has instead of rounding', () => {
    fc.assert(
      fc.property(
        decimalsArb,
        fc.stringMatching(/^[0-9]{1,12}$/),
        fc.integer({ min: 1, max: 4 }),
        (decimals, whole, extra) => {
          const text = `${whole}.${'0'.repeat(decimals + extra - 1)}1`;
          expect(parseDecimal(text, decimals).ok).toBe(false);
        },
      ),
    );
  });

  it('refuse what is not a plain decimal', () => {
    for (const text of [
      '',
      '.5',
      '5.',
      '-1',
      '+1',
      '1e3',
      '1E3',
      '0x10',
      ' 1',
      '1 ',
      '1,5',
      'NaN',
      'Infinity',
      '١٢',
    ]) {
      expect(parseDecimal(text, 2).ok, text).toBe(false);
    }
  });

  it('formats as the examples of the contract show', () => {
    expect(formatMinor(-1250n, 2)).toBe('-12.50');
    expect(formatMinor(5, 2)).toBe('0.05');
    expect(formatMinor(0n, 2)).toBe('0.00');
    expect(formatMinor(1234n, 0)).toBe('1234');
    expect(formatMinor(1234n, 3)).toBe('1.234');
    expect(formatMinor(1n, 4)).toBe('0.0001');
  });
});

describe('parseAmount', () => {
  it('accepts 1 minor unit up to MAX_AMOUNT_MINOR, refuses zero and beyond', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }), decimalsArb, (minor, decimals) => {
        expect(parseAmount(formatMinor(minor, decimals), decimals)).toEqual({ ok: true, minor });
      }),
    );
    expect(parseAmount('0', 2).ok).toBe(false);
    expect(parseAmount('0.00', 2).ok).toBe(false);
    expect(parseAmount(formatMinor(MAX_AMOUNT_MINOR + 1n, 2), 2).ok).toBe(false);
  });

  it('follows ISO 4217 decimals: JPY 0, USD 2, KWD 3', () => {
    expect(parseAmount('12.5', currencyDecimals('JPY')).ok).toBe(false);
    expect(parseAmount('12', currencyDecimals('JPY'))).toEqual({ ok: true, minor: 12n });
    expect(parseAmount('12.345', currencyDecimals('USD')).ok).toBe(false);
    expect(parseAmount('1.234', currencyDecimals('KWD'))).toEqual({ ok: true, minor: 1234n });
    for (const code of CURRENCY_CODES) expect(currencyDecimals(code)).toBeLessThanOrEqual(4);
  });
});

describe('AmountInput', () => {
  it('keeps the decimal text of any JSON number that has a plain form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }), decimalsArb, (minor, decimals) => {
        const text = formatMinor(minor, decimals);
        // The number a JSON body `"amount": <text>` decodes to.
        const parsedNumber = JSON.parse(text) as number;
        const decimal = AmountInput.parse(parsedNumber);
        expect(parseAmount(decimal, decimals)).toEqual({ ok: true, minor });
      }),
    );
  });

  it('refuses numbers that only have an exponent form, negatives and non-numbers', () => {
    expect(jsonNumberToDecimal(1e21)).toBeNull();
    expect(jsonNumberToDecimal(1e-7)).toBeNull();
    for (const value of [1e21, 1e-7, -5, '-5', '1e3', '12,50', true, null, {}]) {
      expect(AmountInput.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
    expect(AmountInput.parse(12.5)).toBe('12.5');
    expect(AmountInput.parse('12.50')).toBe('12.50');
  });
});

// Branches the properties above reach rarely or never, one table each.
describe('parseDecimal at its limits', () => {
  it.each<[string, string, number, string]>([
    ['41 whole digits', '1'.repeat(41), 2, 'is far too large'],
    ['41 fraction digits', `1.${'1'.repeat(41)}`, 2, 'is far too large'],
    ['a million digits', '9'.repeat(1_000_000), 2, 'is far too large'],
    [
      '40 fraction digits',
      `1.${'1'.repeat(40)}`,
      2,
      'must have at most 2 decimal places in this currency',
    ],
    ['decimals in a currency without them', '12.5', 0, 'must be a whole number in this currency'],
    [
      'a zero fraction in a currency without decimals',
      '12.0',
      0,
      'must be a whole number in this currency',
    ],
    ['one decimal too many', '12.345', 2, 'must have at most 2 decimal places in this currency'],
    [
      'five decimals with three allowed',
      '1.23456',
      3,
      'must have at most 3 decimal places in this currency',
    ],
    ['a decimal comma', '1,5', 2, 'must be a decimal number such as "12.50"'],
  ])('refuses %s', (_, text, decimals, message) => {
    expect(parseDecimal(text, decimals)).toEqual({ ok: false, message });
  });

  it.each<[string, string, number, bigint]>([
    ['40 whole digits', '9'.repeat(40), 2, BigInt('9'.repeat(40)) * 100n],
    ['leading zeros, which do not count', `${'0'.repeat(100)}1`, 2, 100n],
    ['a zero', '0', 2, 0n],
    ['a whole number with no decimals allowed', '1234', 0, 1234n],
    ['fewer decimals than allowed', '1.5', 4, 15000n],
  ])('reads %s', (_, text, decimals, minor) => {
    expect(parseDecimal(text, decimals)).toEqual({ ok: true, minor });
  });
});

describe('parseAmount at its limits', () => {
  it.each<[string, number, ParsedAmount]>([
    ['0', 2, { ok: false, message: 'must be greater than zero' }],
    ['0.00', 2, { ok: false, message: 'must be greater than zero' }],
    ['000', 0, { ok: false, message: 'must be greater than zero' }],
    ['0.01', 2, { ok: true, minor: 1n }],
    ['9999999999999.99', 2, { ok: true, minor: MAX_AMOUNT_MINOR }],
    ['10000000000000.00', 2, { ok: false, message: 'must be at most 9999999999999.99' }],
    ['999999999999999', 0, { ok: true, minor: MAX_AMOUNT_MINOR }],
    ['1000000000000000', 0, { ok: false, message: 'must be at most 999999999999999' }],
    ['999999999999.999', 3, { ok: true, minor: MAX_AMOUNT_MINOR }],
    ['1000000000000', 3, { ok: false, message: 'must be at most 999999999999.999' }],
    ['-1', 2, { ok: false, message: 'must be a decimal number such as "12.50"' }],
    ['12.345', 2, { ok: false, message: 'must have at most 2 decimal places in this currency' }],
  ])('reads %j with %i decimals as %o', (text, decimals, expected) => {
    expect(parseAmount(text, decimals)).toEqual(expected);
  });
});

describe('jsonNumberToDecimal and formatMinor, remaining branches', () => {
  it.each<[number, string | null]>([
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [Number.NEGATIVE_INFINITY, null],
    [1.5e300, null],
    [1e-7, null],
    [0, '0'],
    [1e20, '100000000000000000000'],
    [1e-6, '0.000001'],
    [12.5, '12.5'],
  ])('reads the JSON number %s as %j', (value, text) => {
    expect(jsonNumberToDecimal(value)).toBe(text);
  });

  it.each<[bigint | number, number, string]>([
    [-5, 2, '-0.05'],
    [-1234, 0, '-1234'],
    [0, 0, '0'],
    [-0, 2, '0.00'],
    [10n ** 30n, 2, `1${'0'.repeat(28)}.00`],
    [-MAX_AMOUNT_MINOR, 2, '-9999999999999.99'],
    [MAX_AMOUNT_MINOR, 4, '99999999999.9999'],
  ])('formats %s with %i decimals as %j', (minor, decimals, text) => {
    expect(formatMinor(minor, decimals)).toBe(text);
  });
});
