import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/modules/transactions/csv-export.js';
import { buildTestApp, registerUser } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

/**
 * A spreadsheet's reading of one line: split at `delimiter`, a quote opening a quoted cell only
 * as a cell's first character (as Excel and LibreOffice do), `""` inside one a quote.
 */
function readLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      atStart = true;
    } else {
      cell += char;
      atStart = false;
    }
  }
  cells.push(cell);
  return cells;
}

/** Every cell a reader could start anywhere in `line`: at any `;`, tab or line break. */
function cellsOfAnyReader(line: string): string[] {
  return [
    ...readLine(line, ';'),
    ...readLine(line, '\t'),
    ...line.split(/[;\t\r\n]/),
    ...line.split(/\r\n|\r|\n/).flatMap((row) => readLine(row, ';')),
  ];
}

/** A cell a spreadsheet would run: its first character after blanks and quotes starts a formula. */
const runsAsFormula = (cell: string) => /^[\s"]*[=+\-@]/.test(cell);

/** The export's row shape around one text field: unquoted date and type before it. */
const rowWith = (text: string) => `2026-01-02,expense,${csvField(text, true)},,Food,3.50,EUR,-3.50`;

describe('CSV export quoting and formula neutralising', () => {
  it.each([
    ['plain text stays bare', 'Salary', 'Salary'],
    ['a comma is quoted', 'Rent, May', '"Rent, May"'],
    ['a semicolon is quoted', 'Rent; May', '"Rent; May"'],
    ['a tab is quoted', 'a\tb', '"a\tb"'],
    ['a quote is doubled and quoted', 'say "hi"', '"say ""hi"""'],
    ['a line break is quoted', 'one\r\ntwo', '"one\r\ntwo"'],
    ['a leading = is neutralised and quoted', '=1+1', `"'=1+1"`],
    ['a leading + is neutralised', '+49 30 1234', `"'+49 30 1234"`],
    ['a leading - is neutralised', '-2+3+cmd', `"'-2+3+cmd"`],
    ['a leading @ is neutralised', '@SUM(A1)', `"'@SUM(A1)"`],
    ['a leading tab is neutralised', '\tx', `"'\tx"`],
    ['a leading CR is neutralised', '\rx', `"'\rx"`],
    ['a formula behind blanks and quotes is neutralised', ' "=1', `"' ""=1"`],
    [
      "the issue's example: a formula after ;",
      "Bakery;=cmd|' /C calc'!A0",
      `"Bakery;'=cmd|' /C calc'!A0"`,
    ],
    ['a formula after ; and blanks', 'a; =1', `"a;' =1"`],
    ['a formula after a tab', 'a\t@x', `"a\t'@x"`],
    ['a formula on a new line', 'list:\n- milk', `"list:\n'- milk"`],
    ['a - inside a word stays', 'Jean-Luc; well-known', '"Jean-Luc; well-known"'],
  ])('%s', (_, text, expected) => {
    expect(csvField(text, true)).toBe(expected);
  });

  it('writes numbers as they are, a negative balance included', () => {
    expect(csvField('-3.50', false)).toBe('-3.50');
    expect(csvField('2026-01-02', false)).toBe('2026-01-02');
  });

  it('leaves no cell that runs as a formula, for a comma, semicolon or tab reader, quoted or not', () => {
    const special = fc.constantFrom(';', ',', '\t', '\r', '\n', '"', ' ', '=', '+', '-', '@', "'");
    const text = fc
      .array(fc.oneof({ weight: 3, arbitrary: special }, { weight: 1, arbitrary: fc.string() }), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        const line = rowWith(value);
        // Read as written (RFC 4180, comma): eight cells, the text whole, only apostrophes added.
        const cells = readLine(line, ',');
        expect(cells).toHaveLength(8);
        expect(cells[2]?.replaceAll("'", '')).toBe(value.replaceAll("'", ''));
        for (const cell of cellsOfAnyReader(line)) {
          expect(runsAsFormula(cell), `${JSON.stringify(cell)} of ${JSON.stringify(line)}`).toBe(
            false,
          );
        }
      }),
      { numRuns: 2000, seed: 9 },
    );
  });

  it('exports the issue example so a semicolon spreadsheet sees text, not a formula', async () => {
    const { app } = await buildTestApp();
    const alice = await registerUser(app, { currency: 'EUR' });
    const food = await categoryOf(alice, 'expense');
    await createTransaction(alice, {
      amount: '3.50',
      title: "Bakery;=cmd|' /C calc'!A0",
      description: "x;@SUM(1+1)*cmd|' /C calc'!A0;\n+1",
      categoryId: food.id,
      date: '2026-01-02',
    });
    const response = await alice.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    expect(response.statusCode).toBe(200);
    const row = response.body.split('\r\n')[1] ?? '';
    expect(row.startsWith(`2026-01-02,expense,"Bakery;'=cmd|' /C calc'!A0",`)).toBe(true);
    for (const cell of cellsOfAnyReader(response.body)) {
      expect(runsAsFormula(cell), JSON.stringify(cell)).toBe(false);
    }
  });
});
