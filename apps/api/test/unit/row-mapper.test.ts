import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, ImportMapping, type ImportMappingInput } from '@moneta/schema';
import {
  duplicateKey,
  mapRow,
  parseBankAmount,
  parseDate,
  resolveColumns,
  type ColumnIndexes,
} from '../../src/modules/imports/row-mapper.js';

type Mark = '.' | ',';

/** The refusal parseBankAmount gives for text that is not an amount at all. */
const notAnAmount = (text: string, mark: Mark) => ({
  ok: false,
  message: `"${text}" is not an amount with "${mark}" as the decimal mark`,
});

describe('parseBankAmount', () => {
  describe.each<[family: string, cases: Array<[text: string, mark: Mark, minor: bigint]>]>([
    [
      'plain amounts with either decimal mark',
      [
        ['12.50', '.', 1250n],
        ['12,50', ',', 1250n],
        ['12', '.', 1200n],
        ['12', ',', 1200n],
        ['0.05', '.', 5n],
        ['0,05', ',', 5n],
        ['1234,5', ',', 123450n],
        ['007.10', '.', 710n],
        ['9999999999999.99', '.', 999999999999999n],
      ],
    ],
    [
      'thousands separators between groups of three',
      [
        ['1,234.56', '.', 123456n],
        ['1,000,000.00', '.', 100000000n],
        ['1 234.56', '.', 123456n],
        ["1'234.56", '.', 123456n],
        ['1\u00a0234.56', '.', 123456n],
        ['1.234,56', ',', 123456n],
        ['1.000.000,00', ',', 100000000n],
        ['1 234,56', ',', 123456n],
        ['1\u00a0234,56', ',', 123456n],
        ["1'234,56", ',', 123456n],
        // Three digits after the one separator: a grouping, not a decimal fraction.
        ['12,345', '.', 1234500n],
        ['1.234', ',', 123400n],
      ],
    ],
    [
      'parentheses as a negative',
      [
        ['(12.50)', '.', -1250n],
        ['( 12.50 )', '.', -1250n],
        ['(1,234.56)', '.', -123456n],
        ['(12,50)', ',', -1250n],
        ['(€ 3,50)', ',', -350n],
        ['(USD 7.00)', '.', -700n],
      ],
    ],
    [
      'a leading sign',
      [
        ['-12.50', '.', -1250n],
        ['- 12.50', '.', -1250n],
        ['-1.234,56', ',', -123456n],
        ['+12.50', '.', 1250n],
      ],
    ],
    [
      'a trailing minus',
      [
        ['12.50-', '.', -1250n],
        ['12.50 -', '.', -1250n],
        ['1.234,56-', ',', -123456n],
        ['$5.00-', '.', -500n],
        ['5.00-USD', '.', -500n],
        ['12.50+', '.', 1250n],
      ],
    ],
    [
      'a leading currency symbol or code',
      [
        ['€ 3,50', ',', 350n],
        ['€3,50', ',', 350n],
        ['$12.50', '.', 1250n],
        ['£5', '.', 500n],
        ['¥500', '.', 50000n],
        ['USD 1,234.56', '.', 123456n],
        ['usd 5', '.', 500n],
        ['EUR1.234,56', ',', 123456n],
        ['$-5.00', '.', -500n],
        ['$ -5.00', '.', -500n],
        ['-$5.00', '.', -500n],
        ['-€ 3,50', ',', -350n],
        ['€ -3,50', ',', -350n],
        ['$+5.00', '.', 500n],
        ['+$5.00', '.', 500n],
        ['+€ 3,50', ',', 350n],
      ],
    ],
    [
      'a trailing currency symbol or code',
      [
        ['3,50 €', ',', 350n],
        ['3,50€', ',', 350n],
        ['1,234.56 USD', '.', 123456n],
        ['-5 EUR', '.', -500n],
        ['12.50$', '.', 1250n],
      ],
    ],
    [
      'surrounding whitespace',
      [
        ['  7.00  ', '.', 700n],
        ['\t7,00\t', ',', 700n],
        [' (12.50) ', '.', -1250n],
        ['\u00a012.50\u00a0', '.', 1250n],
      ],
    ],
  ])('reads %s', (_family, cases) => {
    it.each(cases)('%j with "%s" as the decimal mark is %s minor units', (text, mark, minor) => {
      expect(parseBankAmount(text, mark, 2)).toEqual({ ok: true, minor });
    });
  });

  it.each<[text: string, mark: Mark, decimals: number, minor: bigint]>([
    ['1,234', '.', 0, 1234n],
    ['1.234', ',', 0, 1234n],
    ['1.234', '.', 3, 1234n],
    ['12,5', ',', 3, 12500n],
    ['-0', '.', 2, 0n],
    ['0', '.', 2, 0n],
  ])('reads %j with "%s" and %i decimals as %s minor units', (text, mark, decimals, minor) => {
    expect(parseBankAmount(text, mark, decimals)).toEqual({ ok: true, minor });
  });

  it.each<[text: string, mark: Mark]>([
    ['1e5', '.'],
    ['1E5', '.'],
    ['0x10', '.'],
    ['NaN', '.'],
    ['Infinity', '.'],
    // The other decimal mark: refused, never guessed.
    ['12,34', '.'],
    ['12.34', ','],
    ['1,234.56', ','],
    ['1.234,56', '.'],
    ['1,000.000,00', ','],
    // Groups that are not three digits.
    ['1,23,456.00', '.'],
    ['1,2345.00', '.'],
    ['12,34,567', '.'],
    ['1.234.5', ','],
    ['1,234 56', '.'],
    ['1_000', '.'],
    // Words and arithmetic.
    ['3 x 4.50', '.'],
    ['abc', '.'],
    ['twelve', '.'],
    ['EURO 5', '.'],
    ['Rs 5', '.'],
    ['€€5', '.'],
    ['12 DR', '.'],
    // Nothing, or only decoration.
    ['', '.'],
    ['   ', '.'],
    ['-', '.'],
    ['()', '.'],
    ['$', '.'],
    ['USD', '.'],
    // A mark with no digits on one side.
    ['.50', '.'],
    ['5.', '.'],
    [',50', ','],
    // Unbalanced or misplaced parentheses and signs.
    ['(5', '.'],
    ['5)', '.'],
    ['((5))', '.'],
    ['-(12.50)', '.'],
    ['$(5)', '.'],
    ['€ (3,50)', ','],
    ['--5', '.'],
    ['+-5', '.'],
    ['5.00 USD-', '.'],
    // Digits that are not ASCII.
    ['١٢', '.'],
    ['１２', '.'],
  ])('refuses %j with "%s" as the decimal mark', (text, mark) => {
    expect(parseBankAmount(text, mark, 2)).toEqual(notAnAmount(text, mark));
  });

  it.each<[text: string, mark: Mark, decimals: number, message: string]>([
    ['12.345', '.', 2, 'must have at most 2 decimal places in this currency'],
    ['0,001', ',', 2, 'must have at most 2 decimal places in this currency'],
    ['(1,234.567)', '.', 2, 'must have at most 2 decimal places in this currency'],
    ['1.2345', '.', 3, 'must have at most 3 decimal places in this currency'],
    ['12.5', '.', 0, 'must be a whole number in this currency'],
    ['10000000000000.00', '.', 2, 'is more than 9999999999999.99'],
    ['-10000000000000', '.', 2, 'is more than 9999999999999.99'],
    ['1000000000000000', '.', 0, 'is more than 999999999999999'],
    ['1'.repeat(41), '.', 2, 'is far too large'],
  ])('refuses %j ("%s", %i decimals): %s', (text, mark, decimals, message) => {
    expect(parseBankAmount(text, mark, decimals)).toEqual({
      ok: false,
      message: `"${text}" ${message}`,
    });
  });

  it.each(['x5', '5k', '5%', '=5', '#5', '*5', 'a5b', '12 D', 'ABC5', '5abc', 'XYZ 1.00'])(
    'refuses %j: only currency signs, codes and local abbreviations stand next to an amount',
    (text) => {
      expect(parseBankAmount(text, '.', 2)).toEqual({
        ok: false,
        message: `"${text}" is not an amount with "." as the decimal mark`,
      });
    },
  );

  it.each([
    ['US$ 5.00', 500n],
    ['R$5.00', 500n],
    ['5.00 usd', 500n],
    ['12,50 kr', -1250n, '-12,50 kr'],
    ['12,50 zł', 1250n],
    ['₹1,234.00', 123400n],
  ])('reads %j next to its currency mark', (text, minor, signed = text) => {
    const decimal = /,\d\d /.test(signed) ? ',' : '.';
    expect(parseBankAmount(signed, decimal, 2)).toEqual({ ok: true, minor });
  });

  it.each(['-12.50-', '(-12.50)', '(12.50-)', '-$5.00-', '$-5.00-'])(
    'refuses %j: two negative markers contradict each other',
    (text) => {
      expect(parseBankAmount(text, '.', 2)).toEqual({
        ok: false,
        message: `"${text}" has more than one minus sign or parentheses`,
      });
    },
  );
});

describe('parseDate', () => {
  const render = (format: string, year: string, month: string, day: string) =>
    format.replace('YYYY', year).replace('MM', month).replace('DD', day);

  describe.each(DATE_FORMATS)('%s', (format) => {
    it.each<[year: string, month: string, day: string, iso: string | null]>([
      ['2026', '03', '07', '2026-03-07'],
      ['2026', '3', '7', '2026-03-07'],
      ['2026', '12', '31', '2026-12-31'],
      ['0001', '01', '01', '0001-01-01'],
      ['9999', '12', '31', '9999-12-31'],
      // Leap days: every 4 years, not every 100, again every 400.
      ['2024', '02', '29', '2024-02-29'],
      ['2000', '02', '29', '2000-02-29'],
      ['2023', '02', '29', null],
      ['1900', '02', '29', null],
      ['2024', '02', '30', null],
      ['2024', '11', '31', null],
      ['2024', '04', '31', null],
      ['2024', '13', '01', null],
      ['2024', '00', '10', null],
      ['2024', '01', '00', null],
      ['0000', '01', '01', null],
    ])('%s, month %s, day %s is %s', (year, month, day, iso) => {
      expect(parseDate(render(format, year, month, day), format)).toBe(iso);
    });

    const valid = render(format, '2026', '03', '07');
    const separator = format.replace(/[YMD]/g, '')[0] ?? '';
    it.each([
      ['surrounding whitespace', ` ${valid}\t`, '2026-03-07'],
      ['another separator', valid.replaceAll(separator, separator === '/' ? '-' : '/'), null],
      ['mixed separators', valid.replace(separator, separator === '.' ? '-' : '.'), null],
      ['a two-digit year', valid.replace('2026', '26'), null],
      ['a five-digit year', valid.replace('2026', '20260'), null],
      ['a three-digit day', valid.replace('07', '007'), null],
      ['a time after it', `${valid}T10:00`, null],
      ['text before it', `on ${valid}`, null],
      ['nothing', '', null],
    ])('with %s: %j is %s', (_, text, iso) => {
      expect(parseDate(text, format)).toBe(iso);
    });
  });

  it.each<[text: string, format: (typeof DATE_FORMATS)[number], iso: string | null]>([
    ['07/03/2026', 'DD/MM/YYYY', '2026-03-07'],
    ['07/03/2026', 'MM/DD/YYYY', '2026-07-03'],
    ['13/01/2026', 'DD/MM/YYYY', '2026-01-13'],
    ['13/01/2026', 'MM/DD/YYYY', null],
    ['31/11/2026', 'DD/MM/YYYY', null],
    ['11/31/2026', 'MM/DD/YYYY', null],
    ['07-03-2026', 'DD-MM-YYYY', '2026-03-07'],
    ['07-03-2026', 'MM-DD-YYYY', '2026-07-03'],
    ['07.03.2026', 'DD.MM.YYYY', '2026-03-07'],
    ['2026-03-07', 'DD-MM-YYYY', null],
    ['07-03-2026', 'YYYY-MM-DD', null],
    ['2026/03/07', 'DD/MM/YYYY', null],
    ['2026/03/07', 'YYYY/MM/DD', '2026-03-07'],
    ['2026-03-07', 'YYYY/MM/DD', null],
  ])('reads %j as %s to %s', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(iso);
  });
});

describe('resolveColumns', () => {
  const mapping = (input: Omit<ImportMappingInput, 'header' | 'dryRun'>) =>
    ImportMapping.parse(input);
  const none = {
    amount: undefined,
    type: undefined,
    debit: undefined,
    credit: undefined,
    description: undefined,
    category: undefined,
  };

  it.each<[string, Omit<ImportMappingInput, 'header' | 'dryRun'>, string[] | null, unknown]>([
    [
      'finds header names whatever their case and spaces',
      { date: 'Date', amount: 'AMOUNT', title: 'title' },
      [' date ', 'Amount', 'TITLE '],
      { ok: true, columns: { ...none, date: 0, amount: 1, title: 2 } },
    ],
    [
      'finds every mapped column, in any order',
      {
        date: 'Booked',
        debit: 'Out',
        credit: 'In',
        type: 'Kind',
        title: 'Payee',
        description: 'Memo',
        category: 'Group',
        amount: 'Sum',
      },
      ['Memo', 'In', 'Out', 'Payee', 'Booked', 'Group', 'Kind', 'Sum'],
      {
        ok: true,
        columns: {
          date: 4,
          amount: 7,
          type: 6,
          debit: 2,
          credit: 1,
          title: 3,
          description: 0,
          category: 5,
        },
      },
    ],
    [
      'takes the first of two columns with the same name',
      { date: 'date', amount: 'amount', title: 'amount' },
      ['date', 'amount', 'amount'],
      { ok: true, columns: { ...none, date: 0, amount: 1, title: 1 } },
    ],
    [
      'names a mapped column missing from the header',
      { date: 'date', amount: 'Betrag', title: 'title' },
      ['date', 'amount', 'title'],
      { ok: false, path: 'amount', message: 'no column named "Betrag" in the header' },
    ],
    [
      'names a missing optional column too',
      { date: 'date', amount: 'amount', title: 'title', category: 'Kategorie' },
      ['date', 'amount', 'title'],
      { ok: false, path: 'category', message: 'no column named "Kategorie" in the header' },
    ],
    [
      'names the first missing column in date, amount, ..., category order',
      { date: 'when', amount: 'amount', title: 'what' },
      ['amount'],
      { ok: false, path: 'date', message: 'no column named "when" in the header' },
    ],
    [
      'reads 1-based positions without a header',
      { date: '1', amount: '3', title: '2', description: '10' },
      null,
      { ok: true, columns: { ...none, date: 0, amount: 2, title: 1, description: 9 } },
    ],
    [
      'reads a position with leading zeros',
      { date: '01', amount: '002', title: '3' },
      null,
      { ok: true, columns: { ...none, date: 0, amount: 1, title: 2 } },
    ],
    ...['0', '-1', '1.5', 'x', 'date', '1e1'].map(
      (ref): [string, Omit<ImportMappingInput, 'header' | 'dryRun'>, null, unknown] => [
        `refuses the position "${ref}" without a header`,
        { date: '1', amount: ref, title: '2' },
        null,
        {
          ok: false,
          path: 'amount',
          message: 'must be a column number (1 is the first) when the file has no header',
        },
      ],
    ),
    [
      'reads a number as a name when there is a header',
      { date: '1', amount: 'amount', title: 'title' },
      ['date', 'amount', 'title'],
      { ok: false, path: 'date', message: 'no column named "1" in the header' },
    ],
  ])('%s', (_, input, header, expected) => {
    expect(resolveColumns(mapping(input), header)).toEqual(expected);
  });
});

describe('mapRow', () => {
  const signed: ColumnIndexes = { date: 0, amount: 1, title: 2, description: 3, category: 4 };
  const typed: ColumnIndexes = { date: 0, amount: 1, type: 2, title: 3 };
  const split: ColumnIndexes = { date: 0, debit: 1, credit: 2, title: 3 };
  const mapping = (extra: Partial<ImportMappingInput> = {}) =>
    ImportMapping.parse({ date: 'd', amount: 'a', title: 't', ...extra });
  const splitMapping = ImportMapping.parse({ date: 'd', debit: 'o', credit: 'i', title: 't' });
  const row = (type: 'income' | 'expense', amount: number, extra: object = {}) => ({
    ok: true,
    row: {
      date: '2026-03-07',
      type,
      amount,
      title: 'Shop',
      description: null,
      categoryName: null,
      ...extra,
    },
  });

  describe('one signed amount column', () => {
    it.each<[string, string[], Partial<ImportMappingInput>, number, unknown]>([
      ['a negative is an expense', ['2026-03-07', '-12.50', 'Shop'], {}, 2, row('expense', 1250)],
      ['a positive is an income', ['2026-03-07', '12.50', 'Shop'], {}, 2, row('income', 1250)],
      [
        'parentheses are an expense',
        ['2026-03-07', '(12.50)', 'Shop'],
        {},
        2,
        row('expense', 1250),
      ],
      [
        'a trailing minus is an expense',
        ['2026-03-07', '12.50-', 'Shop'],
        {},
        2,
        row('expense', 1250),
      ],
      [
        'positive-is-expense flips both',
        ['2026-03-07', '12.50', 'Shop'],
        { sign: 'positive-is-expense' },
        2,
        row('expense', 1250),
      ],
      [
        'positive-is-expense: a negative is an income',
        ['2026-03-07', '-12.50', 'Shop'],
        { sign: 'positive-is-expense' },
        2,
        row('income', 1250),
      ],
      [
        'the decimal comma of the mapping',
        ['2026-03-07', '-1.234,56 €', 'Shop'],
        { decimal: ',' },
        2,
        row('expense', 123456),
      ],
      ['whole yen', ['2026-03-07', '-1,200', 'Shop'], {}, 0, row('expense', 1200)],
      [
        'the date format of the mapping',
        ['07.03.2026', '1', 'Shop'],
        { dateFormat: 'DD.MM.YYYY' },
        2,
        row('income', 100),
      ],
      [
        'trimmed cells, the title with runs of spaces collapsed',
        [' 2026-03-07 ', ' 1.00 ', '  Corner \t  shop ', ' Note ', ' Food '],
        {},
        2,
        row('income', 100, { title: 'Corner shop', description: 'Note', categoryName: 'Food' }),
      ],
      [
        'empty description and category as null',
        ['2026-03-07', '1.00', 'Shop', '  ', ''],
        {},
        2,
        row('income', 100),
      ],
      [
        'a title of 200 characters',
        ['2026-03-07', '1.00', 't'.repeat(200)],
        {},
        2,
        row('income', 100, { title: 't'.repeat(200) }),
      ],
      [
        'a description of 2000 characters',
        ['2026-03-07', '1.00', 'Shop', 'd'.repeat(2000)],
        {},
        2,
        row('income', 100, { description: 'd'.repeat(2000) }),
      ],
    ])('maps %s', (_, fields, extra, decimals, expected) => {
      expect(mapRow(fields, signed, mapping(extra), decimals)).toEqual(expected);
    });
  });

  describe('an amount and a type column', () => {
    it.each<[word: string, type: 'income' | 'expense']>([
      ['income', 'income'],
      ['credit', 'income'],
      ['cr', 'income'],
      ['in', 'income'],
      ['deposit', 'income'],
      ['INCOME', 'income'],
      [' Cr ', 'income'],
      ['Deposit', 'income'],
      ['expense', 'expense'],
      ['debit', 'expense'],
      ['dr', 'expense'],
      ['out', 'expense'],
      ['withdrawal', 'expense'],
      ['DR', 'expense'],
      ['Withdrawal', 'expense'],
    ])('reads the type %j as %s, whatever the sign of the amount', (word, type) => {
      for (const amount of ['12.50', '-12.50', '(12.50)']) {
        expect(mapRow(['2026-03-07', amount, word, 'Shop'], typed, mapping(), 2)).toEqual(
          row(type, 1250),
        );
      }
    });

    it.each(['', 'incomes', 'c', '+', '-'])('refuses the type %j', (word) => {
      expect(mapRow(['2026-03-07', '12.50', word, 'Shop'], typed, mapping(), 2)).toEqual({
        ok: false,
        message: `type "${word}" is neither income nor expense`,
      });
    });

    // Moneta's own export, imported back: these rows say what they are instead of "neither".
    it.each([
      ['transfer', /one side of a transfer between two accounts/],
      ['Transfer', /one side of a transfer between two accounts/],
      ['opening', /opening balance: set it on the account/],
    ])('refuses the export type %j, saying what it is', (word, message) => {
      const result = mapRow(['2026-03-07', '-12.50', word, 'Shop'], typed, mapping(), 2);
      expect(result).toMatchObject({ ok: false });
      expect(result.ok ? '' : result.message).toMatch(message);
    });
  });

  describe('debit and credit columns', () => {
    it.each<[string, string, string, unknown]>([
      ['a debit is an expense', '12.50', '', row('expense', 1250)],
      ['a credit is an income', '', '12.50', row('income', 1250)],
      ['a negative debit is still an expense', '-12.50', '', row('expense', 1250)],
      ['a negative credit is still an income', '', '(12.50)', row('income', 1250)],
      ['a blank cell counts as empty', '  ', '3.00', row('income', 300)],
      [
        'both filled in',
        '1.00',
        '2.00',
        { ok: false, message: 'both debit and credit are filled in' },
      ],
      [
        'neither filled in',
        '',
        ' ',
        { ok: false, message: 'neither debit nor credit is filled in' },
      ],
      [
        'a bad debit',
        '1,5',
        '',
        { ok: false, message: `debit ${notAnAmount('1,5', '.').message}` },
      ],
      [
        'a bad credit',
        '',
        'ten',
        { ok: false, message: `credit ${notAnAmount('ten', '.').message}` },
      ],
      ['a zero debit', '0.00', '', { ok: false, message: 'amount is zero' }],
    ])('%s', (_, debit, credit, expected) => {
      expect(mapRow(['2026-03-07', debit, credit, 'Shop'], split, splitMapping, 2)).toEqual(
        expected,
      );
    });

    it('reads debit and credit cells missing from a short row as empty', () => {
      expect(mapRow(['2026-03-07', '4.00'], split, splitMapping, 2)).toEqual({
        ok: false,
        message: 'title is empty',
      });
      expect(mapRow(['2026-03-07'], split, splitMapping, 2)).toEqual({
        ok: false,
        message: 'neither debit nor credit is filled in',
      });
    });
  });

  it.each<[string, string[], Partial<ImportMappingInput>, number, string]>([
    [
      'an invalid date',
      ['31/11/2026', '1.00', 'Shop'],
      { dateFormat: 'DD/MM/YYYY' },
      2,
      'date "31/11/2026" is not a valid DD/MM/YYYY date',
    ],
    [
      'a date in another format',
      ['2026-03-07', '1.00', 'Shop'],
      { dateFormat: 'DD/MM/YYYY' },
      2,
      'date "2026-03-07" is not a valid DD/MM/YYYY date',
    ],
    ['a missing date', [], {}, 2, 'date "" is not a valid YYYY-MM-DD date'],
    [
      'a bad amount',
      ['2026-03-07', '1e5', 'Shop'],
      {},
      2,
      `amount ${notAnAmount('1e5', '.').message}`,
    ],
    [
      'an amount with the other decimal mark',
      ['2026-03-07', '12.34', 'Shop'],
      { decimal: ',' },
      2,
      `amount ${notAnAmount('12.34', ',').message}`,
    ],
    [
      'too many decimals',
      ['2026-03-07', '1.234', 'Shop'],
      {},
      2,
      'amount "1.234" must have at most 2 decimal places in this currency',
    ],
    [
      'decimals in a currency without them',
      ['2026-03-07', '12.5', 'Shop'],
      {},
      0,
      'amount "12.5" must be a whole number in this currency',
    ],
    ['a zero amount', ['2026-03-07', '0', 'Shop'], {}, 2, 'amount is zero'],
    ['a negative zero', ['2026-03-07', '-0.00', 'Shop'], {}, 2, 'amount is zero'],
    ['an empty title', ['2026-03-07', '1.00', ' \t '], {}, 2, 'title is empty'],
    ['a missing title', ['2026-03-07', '1.00'], {}, 2, 'title is empty'],
    [
      'a title of 201 characters',
      ['2026-03-07', '1.00', 't'.repeat(201)],
      {},
      2,
      'title is longer than 200 characters',
    ],
    [
      'a description of 2001 characters',
      ['2026-03-07', '1.00', 'Shop', 'd'.repeat(2001)],
      {},
      2,
      'description is longer than 2000 characters',
    ],
  ])('refuses %s', (_, fields, extra, decimals, message) => {
    expect(mapRow(fields, signed, mapping(extra), decimals)).toEqual({ ok: false, message });
  });
});

describe('duplicateKey', () => {
  const base = { date: '2026-03-07', type: 'expense', amount: 350, title: 'Coffee Shop' };

  it('is date|type|amount|title, the title trimmed, collapsed and lower-cased', () => {
    expect(duplicateKey({ ...base, title: '  Coffee \t\n  SHOP ' })).toBe(
      '2026-03-07|expense|350|coffee shop',
    );
  });

  it.each([
    ['another case', { title: 'COFFEE SHOP' }],
    ['spaces around', { title: ' Coffee Shop ' }],
    ['a tab inside', { title: 'Coffee\tShop' }],
    ['a run of spaces', { title: 'Coffee     Shop' }],
  ])('is the same for %s', (_, change) => {
    expect(duplicateKey({ ...base, ...change })).toBe(duplicateKey(base));
  });

  it.each([
    ['another date', { date: '2026-03-08' }],
    ['another type', { type: 'income' }],
    ['another amount', { amount: 351 }],
    ['another title', { title: 'Coffee Shops' }],
    ['no space in the title', { title: 'CoffeeShop' }],
    ['punctuation in the title', { title: 'Coffee-Shop' }],
  ])('differs for %s', (_, change) => {
    expect(duplicateKey({ ...base, ...change })).not.toBe(duplicateKey(base));
  });
});
