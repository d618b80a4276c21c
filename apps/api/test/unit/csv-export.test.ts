import { describe, expect, it } from 'vitest';
import type { TransactionRow } from '../../src/db/schema.js';
import {
  EXPORT_COLUMNS,
  chunked,
  csvField,
  csvLines,
} from '../../src/modules/transactions/csv-export.js';

/**
 * Reads RFC 4180 text back into records, strictly: a quote inside an unquoted field, or text
 * after a closing quote, is an error. A field that reads back as what was written, and as one
 * field, is correctly quoted whichever extra fields a writer chooses to quote.
 */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;
  for (;;) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote === -1) throw new Error('unterminated quoted field');
        field += text.slice(index, quote);
        index = quote + 1;
        if (text[index] !== '"') break;
        field += '"';
        index += 1;
      }
    } else {
      const end = /[,\r\n]|$/.exec(text.slice(index));
      field = text.slice(index, index + (end?.index ?? 0));
      if (field.includes('"')) throw new Error(`a quote inside an unquoted field: ${field}`);
      index += field.length;
    }
    record.push(field);
    if (text[index] === ',') {
      index += 1;
      continue;
    }
    if (text.startsWith('\r\n', index)) index += 2;
    else if (index < text.length) throw new Error(`text after a field at ${index}`);
    records.push(record);
    record = [];
    if (index >= text.length) return records;
  }
}

const readField = (field: string): string => {
  const records = readCsv(field);
  expect(records).toHaveLength(1);
  expect(records[0]).toHaveLength(1);
  return records[0]?.[0] ?? '';
};

/** Everything an async generator yields, in order. */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('csvField', () => {
  it.each([
    ['plain text', 'Bakery', 'Bakery'],
    ['an empty field', '', ''],
    ['a comma', 'Coffee, large', '"Coffee, large"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['only a quote', '"', '""""'],
    ['a line feed', 'multi\nline', '"multi\nline"'],
    ['a CRLF', 'multi\r\nline', '"multi\r\nline"'],
    ['a CR inside', 'multi\rline', '"multi\rline"'],
    ['a comma, quotes and a newline', 'a, "b"\nc', '"a, ""b""\nc"'],
    ['an = inside the text', 'a=b', 'a=b'],
    ['a - inside the text', 'Bäckerei-Müller', 'Bäckerei-Müller'],
    ['an apostrophe first', "'quoted'", "'quoted'"],
    ['unicode', 'Café 🍰', 'Café 🍰'],
  ])('writes text with %s as %j', (_, value, written) => {
    expect(csvField(value, true)).toBe(written);
    expect(readField(written)).toBe(value);
  });

  // OWASP: a text cell a spreadsheet would run as a formula is prefixed with an apostrophe.
  it.each([
    ['=', '=1+2'],
    ['=', '=HYPERLINK("http://evil.example","click")'],
    ['+', '+49 30 1234'],
    ['-', '-12.50'],
    ['-', "-2+3+cmd|' /C calc'!A0"],
    ['@', '@SUM(A1:A9)'],
    ['a tab', '\tx'],
    ['a CR', '\rx'],
    ['= and a comma', '=1,2'],
    ['= and a newline', '=1\n2'],
  ])('prefixes text starting with %s: %j', (_, value) => {
    expect(readField(csvField(value, true))).toBe(`'${value}`);
  });

  it.each([
    ['a negative amount', '-12.50', '-12.50'],
    ['a positive amount', '12.50', '12.50'],
    ['a date', '2026-03-07', '2026-03-07'],
    ['a value starting with =', '=1+2', '=1+2'],
    ['a value with a comma', '1,5', '"1,5"'],
  ])('writes a non-text value, %s, unprefixed: %j', (_, value, written) => {
    expect(csvField(value, false)).toBe(written);
  });

  // Another change quotes every text field that could be split or interpreted, `;` included.
  it.todo('quotes a text field holding ";", so a spreadsheet splitting on ";" keeps it whole');
  it.todo('quotes and prefixes "Bakery;=cmd|\' /C calc\'!A0" so no cell starts with =');
});

describe('csvLines', () => {
  const row = (overrides: Partial<TransactionRow> = {}): TransactionRow => ({
    id: 1,
    userId: 1,
    accountId: 1,
    categoryId: null,
    type: 'expense',
    amount: 1250,
    delta: -1250,
    transferId: null,
    cleared: false,
    reconciliationId: null,
    title: 'Lunch',
    description: null,
    date: '2026-03-07',
    balanceAfter: -1250,
    importId: null,
    searchText: null,
    createdAt: '2026-03-07T12:00:00.000Z',
    updatedAt: '2026-03-07T12:00:00.000Z',
    ...overrides,
  });
  const names = new Map([
    [3, 'Food, drinks'],
    [4, '=Groceries'],
  ]);
  const context = (
    currency: string,
    decimals: number,
    otherLegs: (batch: readonly TransactionRow[]) => Map<number, TransactionRow> = () => new Map(),
  ) => ({
    account: (id: number) => ({ name: id === 1 ? 'Cash' : '=Savings', currency, decimals }),
    categoryName: (id: number | null) => (id === null ? '' : (names.get(id) ?? '?')),
    otherLegs,
  });

  it('starts with the header line, and writes only it for no rows', async () => {
    expect(EXPORT_COLUMNS).toEqual([
      'date',
      'type',
      'title',
      'description',
      'category',
      'amount',
      'currency',
      'balance_after',
      'account',
      'change',
      'transfer_account',
    ]);
    expect(await collect(csvLines([], context('EUR', 2)))).toEqual([
      'date,type,title,description,category,amount,currency,balance_after,account,change,transfer_account\r\n',
    ]);
  });

  it.each<[string, Partial<TransactionRow>, string, number, string[]]>([
    [
      'a plain expense',
      {},
      'EUR',
      2,
      ['2026-03-07', 'expense', 'Lunch', '', '', '12.50', 'EUR', '-12.50', 'Cash', '-12.50', ''],
    ],
    [
      'an income with a description and a category',
      { type: 'income', amount: 5, delta: 5, balanceAfter: 5, description: 'note', categoryId: 3 },
      'USD',
      2,
      [
        '2026-03-07',
        'income',
        'Lunch',
        'note',
        'Food, drinks',
        '0.05',
        'USD',
        '0.05',
        'Cash',
        '0.05',
        '',
      ],
    ],
    [
      'whole yen',
      { amount: 1200, delta: -1200, balanceAfter: -1200 },
      'JPY',
      0,
      ['2026-03-07', 'expense', 'Lunch', '', '', '1200', 'JPY', '-1200', 'Cash', '-1200', ''],
    ],
    [
      'three-decimal dinars',
      { amount: 1234, delta: -1234, balanceAfter: 98766 },
      'KWD',
      3,
      ['2026-03-07', 'expense', 'Lunch', '', '', '1.234', 'KWD', '98.766', 'Cash', '-1.234', ''],
    ],
    [
      'an overdrawn opening balance: amount positive, change signed',
      {
        type: 'opening',
        amount: 30000,
        delta: -30000,
        balanceAfter: -30000,
        title: 'Opening balance',
      },
      'EUR',
      2,
      [
        '2026-03-07',
        'opening',
        'Opening balance',
        '',
        '',
        '300.00',
        'EUR',
        '-300.00',
        'Cash',
        '-300.00',
        '',
      ],
    ],
    [
      'formula-like title, description and category',
      { title: '=1+2', description: '@cmd', categoryId: 4 },
      'EUR',
      2,
      [
        '2026-03-07',
        'expense',
        "'=1+2",
        "'@cmd",
        "'=Groceries",
        '12.50',
        'EUR',
        '-12.50',
        'Cash',
        '-12.50',
        '',
      ],
    ],
    [
      'quotes, commas and newlines',
      { title: 'Coffee, "large"', description: 'multi\r\nline\nnote' },
      'EUR',
      2,
      [
        '2026-03-07',
        'expense',
        'Coffee, "large"',
        'multi\r\nline\nnote',
        '',
        '12.50',
        'EUR',
        '-12.50',
        'Cash',
        '-12.50',
        '',
      ],
    ],
  ])(
    'writes %s as one CRLF-ended record of 11 fields',
    async (_, overrides, currency, decimals, fields) => {
      const lines = await collect(csvLines([row(overrides)], context(currency, decimals)));
      expect(lines).toHaveLength(2);
      expect(lines[1]?.endsWith('\r\n')).toBe(true);
      expect(readCsv(lines.join(''))).toEqual([[...EXPORT_COLUMNS], fields]);
    },
  );

  it("writes both legs of a transfer with a positive amount, the signed change and the other side's account", async () => {
    const out = row({
      id: 7,
      type: 'transfer',
      transferId: 3,
      amount: 10000,
      delta: -10000,
      balanceAfter: -10000,
      title: 'To savings',
    });
    const into = row({
      id: 8,
      accountId: 2,
      type: 'transfer',
      transferId: 3,
      amount: 10000,
      delta: 10000,
      balanceAfter: 10000,
      title: 'From cash',
    });
    const asked: number[][] = [];
    const otherLegs = (batch: readonly TransactionRow[]) => {
      asked.push(batch.map((leg) => leg.id));
      return new Map([
        [7, into],
        [8, out],
      ]);
    };
    const records = readCsv(
      (await collect(csvLines([out, into], context('EUR', 2, otherLegs)))).join(''),
    );
    expect(records.slice(1)).toEqual([
      [
        '2026-03-07',
        'transfer',
        'To savings',
        '',
        '',
        '100.00',
        'EUR',
        '-100.00',
        'Cash',
        '-100.00',
        "'=Savings",
      ],
      [
        '2026-03-07',
        'transfer',
        'From cash',
        '',
        '',
        '100.00',
        'EUR',
        '100.00',
        "'=Savings",
        '100.00',
        'Cash',
      ],
    ]);
    // One look-up for the batch, not one per leg.
    expect(asked).toEqual([[7, 8]]);
  });

  it('sums `change` to the balance, whatever the mix of types', async () => {
    const rows = [
      row({ id: 1, type: 'opening', amount: 5000, delta: -5000, balanceAfter: -5000 }),
      row({ id: 2, type: 'income', amount: 250000, delta: 250000, balanceAfter: 245000 }),
      row({ id: 3, type: 'expense', amount: 1250, delta: -1250, balanceAfter: 243750 }),
      row({
        id: 4,
        type: 'transfer',
        transferId: 9,
        amount: 30000,
        delta: -30000,
        balanceAfter: 213750,
      }),
    ];
    const records = readCsv((await collect(csvLines(rows, context('EUR', 2)))).join('')).slice(1);
    // Every field has two decimals: the cents are the digits, with the sign.
    const cents = (text: string | undefined) => BigInt((text ?? '').replace('.', ''));
    expect(records.every((r) => !r[5]?.startsWith('-'))).toBe(true);
    expect(records.reduce((sum, r) => sum + cents(r[9]), 0n)).toBe(213750n);
    expect(records.at(-1)?.[7]).toBe('2137.50');
  });

  it('writes a plain row exactly', async () => {
    expect((await collect(csvLines([row({ categoryId: 3 })], context('EUR', 2))))[1]).toBe(
      '2026-03-07,expense,Lunch,,"Food, drinks",12.50,EUR,-12.50,Cash,-12.50,\r\n',
    );
  });

  it('writes one line per row, in the order given', async () => {
    const rows = [1, 2, 3].map((id) => row({ id, title: `Row ${id}`, balanceAfter: -1250 * id }));
    const records = readCsv((await collect(csvLines(rows, context('EUR', 2)))).join(''));
    expect(records.slice(1).map((r) => [r[2], r[7]])).toEqual([
      ['Row 1', '-12.50'],
      ['Row 2', '-25.00'],
      ['Row 3', '-37.50'],
    ]);
  });
});

describe('chunked', () => {
  it.each<[string, string[], number, string[]]>([
    ['nothing', [], 4, []],
    ['one small piece', ['ab'], 4, ['ab']],
    ['pieces joined up to the size', ['ab', 'cd', 'e'], 4, ['abcd', 'e']],
    ['a piece over the size on its own', ['abcdef', 'g'], 4, ['abcdef', 'g']],
    ['an exact fit, with nothing left over', ['ab', 'cd'], 4, ['abcd']],
    ['size 1: every piece', ['a', 'b', 'c'], 1, ['a', 'b', 'c']],
  ])('yields %s', async (_, pieces, size, chunks) => {
    expect(await collect(chunked(pieces, size))).toEqual(chunks);
  });

  it('keeps every character, in order, in chunks of about 64 KiB by default', async () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `line ${i},${'x'.repeat(i % 40)}\r\n`);
    const chunks = await collect(chunked(pieces));
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(64 * 1024);
      expect(chunk.length).toBeLessThan(64 * 1024 + 100);
    }
  });
});
