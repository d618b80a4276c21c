import { z } from 'zod';
import { DATE_FORMATS, ImportMapping, type CsvInspection } from '@moneta/schema';

/**
 * The import mapping as the form edits it, guessed from a file's header and sample, remembered
 * per header row, and turned into the query the import endpoint takes.
 */

export type DateFormat = (typeof DATE_FORMATS)[number];
export type Encoding = z.infer<typeof ImportMapping.shape.encoding>;
export type SignConvention = z.infer<typeof ImportMapping.shape.sign>;
export type DecimalSeparator = z.infer<typeof ImportMapping.shape.decimal>;

/** How amounts are given: one signed column, an amount with a type column, or debit and credit. */
export const AMOUNT_MODES = ['signed', 'typed', 'split'] as const;
export type AmountMode = (typeof AMOUNT_MODES)[number];

/** The form's state; unused columns are ''. Stored in localStorage, so parsed when read back. */
export const MappingDraft = z.object({
  date: z.string(),
  dateFormat: z.enum(DATE_FORMATS),
  amountMode: z.enum(AMOUNT_MODES),
  amount: z.string(),
  type: z.string(),
  debit: z.string(),
  credit: z.string(),
  sign: ImportMapping.shape.sign.unwrap(),
  decimal: ImportMapping.shape.decimal.unwrap(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
});
export type MappingDraft = z.infer<typeof MappingDraft>;

export const COLUMN_FIELDS = [
  'date',
  'amount',
  'type',
  'debit',
  'credit',
  'title',
  'description',
  'category',
] as const;
type ColumnField = (typeof COLUMN_FIELDS)[number];

/** Header words banks use, in a few languages; earlier words are better matches. */
const HINTS: Record<ColumnField, readonly string[]> = {
  date: [
    'date',
    'datum',
    'booking date',
    'transaction date',
    'posted',
    'posting date',
    'buchungstag',
    'fecha',
    'data',
    'value date',
    'valuta',
  ],
  amount: ['amount', 'bedrag', 'betrag', 'montant', 'importe', 'importo', 'value', 'sum'],
  type: ['type', 'af bij', 'debit credit', 'dc', 'cr dr', 'direction', 'soll haben', 'sens'],
  debit: [
    'debit',
    'withdrawal',
    'withdrawals',
    'paid out',
    'money out',
    'out',
    'af',
    'soll',
    'ausgang',
  ],
  credit: ['credit', 'deposit', 'deposits', 'paid in', 'money in', 'in', 'bij', 'haben', 'eingang'],
  title: [
    'payee',
    'name',
    'merchant',
    'title',
    'counterparty',
    'beneficiary',
    'naam',
    'omschrijving',
    'description',
    'libelle',
    'concepto',
    'buchungstext',
    'details',
    'text',
  ],
  description: [
    'memo',
    'notes',
    'note',
    'reference',
    'mededelingen',
    'verwendungszweck',
    'remarks',
    'description',
    'details',
  ],
  category: ['category', 'categorie', 'kategorie', 'categoria'],
};

function normalise(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The best unused column for a field: an exact header match beats a header containing the word. */
function findColumn(columns: readonly string[], field: ColumnField, used: Set<string>): string {
  let best = '';
  let bestScore = 0;
  const hints = HINTS[field];
  for (const column of columns) {
    if (used.has(column)) continue;
    const name = normalise(column);
    const words = ` ${name} `;
    hints.forEach((hint, index) => {
      const rank = hints.length - index;
      // Short hints ("in", "out", "af") only count as the whole header.
      const score =
        name === hint ? 1000 + rank : hint.length > 3 && words.includes(` ${hint} `) ? rank : 0;
      if (score > bestScore) {
        best = column;
        bestScore = score;
      }
    });
  }
  if (best) used.add(best);
  return best;
}

function valuesOf(inspection: CsvInspection, column: string): string[] {
  const index = inspection.columns.indexOf(column);
  if (index === -1) return [];
  return inspection.sample.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
}

/** Whether the user's locale writes the month before the day (en-US: 11/21/2026). */
function localeMonthFirst(): boolean {
  const parts = new Intl.DateTimeFormat(undefined).formatToParts(new Date(2026, 10, 21));
  const order = parts.map((part) => part.type);
  return order.indexOf('month') < order.indexOf('day');
}

/** The date format the sample values are written in; a day above 12 settles DD/MM vs MM/DD. */
export function guessDateFormat(
  values: readonly string[],
  monthFirst = localeMonthFirst(),
): DateFormat {
  const first = values[0] ?? '';
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(first)) return 'YYYY-MM-DD';
  if (/^\d{4}\/\d{1,2}\/\d{1,2}/.test(first)) return 'YYYY/MM/DD';
  if (/^\d{1,2}\.\d{1,2}\.\d{4}/.test(first)) return 'DD.MM.YYYY';
  const match = /^\d{1,2}([/-])\d{1,2}\1\d{4}/.exec(first);
  if (!match) return 'YYYY-MM-DD';
  const separator = match[1] === '-' ? '-' : '/';
  let dayFirst: boolean | null = null;
  for (const value of values) {
    const [a = 0, b = 0] = value.split(separator).map(Number);
    if (a > 12) dayFirst = true;
    else if (b > 12) dayFirst = false;
    if (dayFirst !== null) break;
  }
  const isDayFirst = dayFirst ?? !monthFirst;
  if (separator === '-') return isDayFirst ? 'DD-MM-YYYY' : 'MM-DD-YYYY';
  return isDayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
}

/** "3,50", "-2.500,00" use a decimal comma; "1,234.56" and "3.50" a point. */
export function guessDecimal(values: readonly string[]): DecimalSeparator {
  for (const value of values) {
    const text = value.replace(/[^\d.,-]/g, '');
    const comma = text.lastIndexOf(',');
    const point = text.lastIndexOf('.');
    if (comma > point && /,\d{1,2}$/.test(text)) return ',';
    if (point > comma && /\.\d{1,3}$/.test(text)) return '.';
  }
  return '.';
}

const TYPE_VALUES = /^(income|expense)$/i;

/** A first mapping from the header names and the sample rows. */
export function guessMapping(inspection: CsvInspection): MappingDraft {
  const { columns } = inspection;
  const used = new Set<string>();
  const date = findColumn(columns, 'date', used);
  const amount = findColumn(columns, 'amount', used);
  let debit = '';
  let credit = '';
  if (!amount) {
    debit = findColumn(columns, 'debit', used);
    credit = findColumn(columns, 'credit', used);
  }
  // Only a column that holds income/expense is a type column; banks' "Type" is often "Card".
  const typeCandidate = findColumn(columns, 'type', new Set(used));
  const typeValues = typeCandidate ? valuesOf(inspection, typeCandidate) : [];
  const type =
    typeValues.length > 0 && typeValues.every((value) => TYPE_VALUES.test(value))
      ? typeCandidate
      : '';
  if (type) used.add(type);
  const title = findColumn(columns, 'title', used);
  const description = findColumn(columns, 'description', used);
  const category = findColumn(columns, 'category', used);
  const amountMode: AmountMode = amount
    ? type
      ? 'typed'
      : 'signed'
    : debit && credit
      ? 'split'
      : 'signed';
  const amountValues = amount
    ? valuesOf(inspection, amount)
    : [...valuesOf(inspection, debit), ...valuesOf(inspection, credit)];
  return {
    date,
    dateFormat: guessDateFormat(valuesOf(inspection, date)),
    amountMode,
    amount,
    type,
    debit,
    credit,
    sign: 'negative-is-expense',
    decimal: guessDecimal(amountValues),
    title,
    description,
    category,
  };
}

const STORAGE_PREFIX = 'moneta.import-mapping.v1:';

/** Files from the same bank share a header row; that row is the key of their mapping. */
export function layoutKey(columns: readonly string[]): string {
  return STORAGE_PREFIX + JSON.stringify(columns);
}

export function rememberMapping(columns: readonly string[], draft: MappingDraft): void {
  try {
    localStorage.setItem(layoutKey(columns), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the next file of this layout is guessed again, nothing worse.
  }
}

/** The mapping last used for this header row, if it still fits the columns. */
export function recallMapping(columns: readonly string[]): MappingDraft | null {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(layoutKey(columns)) ?? 'null');
  } catch {
    return null;
  }
  const parsed = MappingDraft.safeParse(stored);
  if (!parsed.success) return null;
  const known = new Set(columns);
  const fits = COLUMN_FIELDS.every(
    (field) => parsed.data[field] === '' || known.has(parsed.data[field]),
  );
  return fits ? parsed.data : null;
}

/** The remembered mapping for this layout, else a guess. */
export function initialMapping(inspection: CsvInspection): {
  draft: MappingDraft;
  remembered: boolean;
} {
  const remembered = recallMapping(inspection.columns);
  return remembered
    ? { draft: remembered, remembered: true }
    : { draft: guessMapping(inspection), remembered: false };
}

/** Problems the form can tell before asking the API, keyed like the API's problem paths. */
export function checkMapping(draft: MappingDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.date) errors.date = 'Choose the column that holds the date.';
  if (!draft.title) errors.title = 'Choose the column that holds the title.';
  if (draft.amountMode !== 'split' && !draft.amount)
    errors.amount = 'Choose the column that holds the amount.';
  if (draft.amountMode === 'typed' && !draft.type)
    errors.type = 'Choose the column that says income or expense.';
  if (draft.amountMode === 'split') {
    if (!draft.debit) errors.debit = 'Choose the column of money going out.';
    if (!draft.credit) errors.credit = 'Choose the column of money coming in.';
  }
  return errors;
}

export interface FileOptions {
  /** The account the rows go into; the default account when absent. */
  accountId?: string;
  encoding: Encoding;
  delimiter: string;
  filename: string;
}

/** The mapping as the import endpoint's query string (without dryRun). */
export function mappingQuery(
  draft: MappingDraft,
  file: FileOptions,
): Record<string, string | undefined> {
  const optional = (column: string) => (column === '' ? undefined : column);
  return {
    date: draft.date,
    dateFormat: draft.dateFormat,
    ...(draft.amountMode === 'split'
      ? { debit: draft.debit, credit: draft.credit }
      : draft.amountMode === 'typed'
        ? { amount: draft.amount, type: draft.type }
        : { amount: draft.amount, sign: draft.sign }),
    decimal: draft.decimal,
    title: draft.title,
    description: optional(draft.description),
    category: optional(draft.category),
    delimiter: file.delimiter,
    encoding: file.encoding,
    filename: file.filename.slice(0, 255) || undefined,
    accountId: file.accountId,
  };
}
