import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { Id, IdParam, Instant, IsoDate, Money, booleanParam } from './common.js';
import { TransactionType } from './transactions.js';

export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'YYYY/MM/DD',
] as const;

const Column = z.string().trim().min(1).max(200);

/**
 * How a bank's CSV maps onto transactions, as query parameters of the import request. Columns
 * are named by their header text (case-insensitive), or by 1-based position when header=false.
 * Amounts come from one signed `amount` column, from `amount` plus a `type` column holding
 * income/expense, or from separate `debit` and `credit` columns.
 */
export const ImportMapping = z
  .object({
    accountId: IdParam.optional().describe(
      'The account the rows go into (duplicates are matched within it); the default account when omitted',
    ),
    date: Column,
    dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
    amount: Column.optional(),
    type: Column.optional(),
    debit: Column.optional(),
    credit: Column.optional(),
    /** For a signed amount column: which sign is an expense. */
    sign: z.enum(['negative-is-expense', 'positive-is-expense']).default('negative-is-expense'),
    decimal: z.enum(['.', ',']).default('.'),
    title: Column,
    description: Column.optional(),
    category: Column.optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
    header: booleanParam(true),
    filename: z.string().max(255).refine(isWellFormed, WELL_FORMED_MESSAGE).optional(),
    dryRun: booleanParam(false),
  })
  .refine((m) => m.amount !== undefined || (m.debit !== undefined && m.credit !== undefined), {
    message: 'give an amount column, or both debit and credit columns',
    path: ['amount'],
  });

export const InspectQuery = z.object({
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
});

export const CsvInspection = z.object({
  delimiter: z.string(),
  columns: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rows: z.number().int().nonnegative(),
});

export const ImportRowStatus = z.enum(['new', 'duplicate', 'error']);

export const ImportRow = z.object({
  /** Line in the file where the record starts (1 is the first line). */
  line: z.number().int().positive(),
  status: ImportRowStatus,
  date: IsoDate.optional(),
  type: TransactionType.optional(),
  amount: Money.optional(),
  title: z.string().optional(),
  categoryId: Id.nullable().optional(),
  /** For duplicates, the existing transaction it matches. */
  duplicateOf: Id.optional(),
  /** Why a row is a duplicate or an error, or a note (an unknown category). */
  message: z.string().optional(),
});

export const ImportSummary = z.object({
  new: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
});

export const Import = z.object({
  id: Id,
  /** null when the account was deleted after the import's rows were. */
  accountId: Id.nullable(),
  filename: z.string().nullable(),
  inserted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  createdAt: Instant,
});

export const ImportResult = z.object({
  dryRun: z.boolean(),
  summary: ImportSummary,
  rows: z.array(ImportRow),
  /** The committed import; null for a preview. */
  import: Import.nullable(),
});

export const ImportList = z.object({ items: z.array(Import) });

export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;
export type CsvInspection = z.infer<typeof CsvInspection>;
export type ImportRow = z.infer<typeof ImportRow>;
export type ImportResult = z.infer<typeof ImportResult>;
export type Import = z.infer<typeof Import>;
export type ImportList = z.infer<typeof ImportList>;
