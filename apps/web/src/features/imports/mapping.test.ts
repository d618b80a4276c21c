import { afterEach, describe, expect, it } from 'vitest';
import type { CsvInspection } from '@moneta/schema';
import {
  guessDateFormat,
  guessDecimal,
  guessMapping,
  initialMapping,
  layoutKey,
  mappingQuery,
  rememberMapping,
  type MappingDraft,
} from './mapping';

const inspection = (columns: string[], sample: string[][]): CsvInspection => ({
  delimiter: ';',
  columns,
  sample,
  rows: sample.length,
});

afterEach(() => {
  localStorage.clear();
});

describe('guessMapping', () => {
  it('reads a Dutch bank export: date, signed amount with decimal comma, title', () => {
    const draft = guessMapping(
      inspection(
        ['Datum', 'Omschrijving', 'Bedrag'],
        [
          ['21/11/2026', 'Bakker', '-3,50'],
          ['22/11/2026', 'Salaris', '2.500,00'],
        ],
      ),
    );
    expect(draft).toMatchObject({
      date: 'Datum',
      dateFormat: 'DD/MM/YYYY',
      amountMode: 'signed',
      amount: 'Bedrag',
      decimal: ',',
      title: 'Omschrijving',
      description: '',
      category: '',
    });
  });

  it('finds debit and credit columns when there is no amount, and a payee over a description', () => {
    const draft = guessMapping(
      inspection(
        ['Posting Date', 'Payee', 'Description', 'Debit', 'Credit', 'Category'],
        [['11/21/2026', 'Coffee shop', 'Card 1234', '3.50', '']],
      ),
    );
    expect(draft).toMatchObject({
      date: 'Posting Date',
      dateFormat: 'MM/DD/YYYY',
      amountMode: 'split',
      debit: 'Debit',
      credit: 'Credit',
      amount: '',
      title: 'Payee',
      description: 'Description',
      category: 'Category',
      decimal: '.',
    });
  });

  it('takes a type column only when it holds income/expense', () => {
    const typed = guessMapping(
      inspection(
        ['date', 'type', 'title', 'amount'],
        [
          ['2026-03-01', 'expense', 'Rent', '900.00'],
          ['2026-03-02', 'income', 'Salary', '2500.00'],
        ],
      ),
    );
    expect(typed).toMatchObject({
      amountMode: 'typed',
      type: 'type',
      amount: 'amount',
      dateFormat: 'YYYY-MM-DD',
    });
    const bankType = guessMapping(
      inspection(
        ['Date', 'Type', 'Name', 'Amount'],
        [['2026-03-01', 'Card payment', 'Shop', '-3.50']],
      ),
    );
    expect(bankType).toMatchObject({ amountMode: 'signed', type: '', title: 'Name' });
  });

  it('reads a Moneta export back (round trip)', () => {
    const draft = guessMapping(
      inspection(
        ['date', 'type', 'title', 'description', 'category', 'amount', 'currency', 'balance_after'],
        [['2026-03-01', 'income', 'Salary', '', 'Salary', '2500.00', 'USD', '2500.00']],
      ),
    );
    expect(draft).toMatchObject({
      date: 'date',
      amountMode: 'typed',
      amount: 'amount',
      type: 'type',
      title: 'title',
      description: 'description',
      category: 'category',
    });
  });
});

describe('guessDateFormat / guessDecimal', () => {
  it('settles day-first or month-first on a value above 12, else by locale', () => {
    expect(guessDateFormat(['01/02/2026', '21/02/2026'])).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['01/02/2026', '02/21/2026'])).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['01/02/2026'], true)).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['01/02/2026'], false)).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['21.11.2026'])).toBe('DD.MM.YYYY');
    expect(guessDateFormat(['21-11-2026'])).toBe('DD-MM-YYYY');
    expect(guessDateFormat(['2026/11/21'])).toBe('YYYY/MM/DD');
  });

  it('tells a decimal comma from thousands separators', () => {
    expect(guessDecimal(['-3,50'])).toBe(',');
    expect(guessDecimal(['2.500,00'])).toBe(',');
    expect(guessDecimal(['1,234.56'])).toBe('.');
    expect(guessDecimal(['3.50'])).toBe('.');
    expect(guessDecimal(['1200'])).toBe('.');
  });
});

describe('mapping memory per file layout', () => {
  const bank = inspection(
    ['Datum', 'Naam', 'Bedrag', 'Af Bij'],
    [['21-11-2026', 'Bakker', '3,50', 'Af']],
  );

  it('guesses the first time, then offers what was used for the same header row', () => {
    const first = initialMapping(bank);
    expect(first.remembered).toBe(false);
    const edited: MappingDraft = {
      ...first.draft,
      sign: 'positive-is-expense',
      description: 'Af Bij',
    };
    rememberMapping(bank.columns, edited);

    expect(initialMapping({ ...bank, sample: [], rows: 9 })).toEqual({
      draft: edited,
      remembered: true,
    });
    // Another layout is not affected.
    expect(initialMapping(inspection(['Datum', 'Naam', 'Bedrag'], [])).remembered).toBe(false);
  });

  it('ignores a stored mapping that is corrupt or names columns the file lacks', () => {
    localStorage.setItem(layoutKey(bank.columns), '{not json');
    expect(initialMapping(bank).remembered).toBe(false);
    localStorage.setItem(
      layoutKey(bank.columns),
      JSON.stringify({ ...guessMapping(bank), title: 'Gone' }),
    );
    expect(initialMapping(bank).remembered).toBe(false);
    localStorage.setItem(
      layoutKey(bank.columns),
      JSON.stringify({ ...guessMapping(bank), dateFormat: 'D/M/Y' }),
    );
    expect(initialMapping(bank).remembered).toBe(false);
  });
});

describe('mappingQuery', () => {
  it('sends only the columns of the chosen amount mode', () => {
    const draft = guessMapping(inspection(['Date', 'Payee', 'Debit', 'Credit'], []));
    expect(
      mappingQuery(draft, { encoding: 'windows-1252', delimiter: ';', filename: 'bank.csv' }),
    ).toEqual({
      date: 'Date',
      dateFormat: draft.dateFormat,
      debit: 'Debit',
      credit: 'Credit',
      decimal: '.',
      title: 'Payee',
      description: undefined,
      category: undefined,
      delimiter: ';',
      encoding: 'windows-1252',
      filename: 'bank.csv',
    });
  });
});
