import {
  currencyDecimals,
  formatMinor,
  type CsvInspection,
  type Import,
  type ImportMapping,
  type ImportResult,
  type ImportRow,
} from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AccountRow } from '../../db/schema.js';
import { writableAccount } from '../accounts/accounts.service.js';
import type { AuthContext } from '../../plugins/auth.js';
import { AppError, badRequest, conflict } from '../../errors.js';
import type { RecordAnswer } from '../../plugins/idempotency.js';
import { CategoriesChangedError } from './imports.repository.js';
import { categoryNameKey } from '../categories/categories.repository.js';
import {
  BalanceOverflowError,
  type NewTransaction,
} from '../transactions/transactions.repository.js';
import {
  CsvLimitError,
  decodeCsv,
  detectDelimiter,
  readCsv,
  type CsvRecord,
} from './csv-reader.js';
import {
  duplicateKey,
  mapRow,
  resolveColumns,
  type ColumnIndexes,
  type MappedRow,
} from './row-mapper.js';

function decode(bytes: Buffer, encoding: 'utf-8' | 'windows-1252'): string {
  try {
    return decodeCsv(bytes, encoding);
  } catch {
    throw badRequest(
      'encoding',
      'the file is not UTF-8 text; older bank exports are often Windows-1252, choose that',
    );
  }
}

async function records(
  text: string,
  delimiter: string,
  keep?: number,
): Promise<{ records: CsvRecord[]; count: number }> {
  try {
    return await readCsv(text, delimiter, keep);
  } catch (error) {
    if (error instanceof CsvLimitError) throw badRequest('file', error.message);
    throw badRequest(
      'file',
      `the file is not readable CSV: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
}

export async function inspectCsv(
  bytes: Buffer,
  options: { delimiter?: string | undefined; encoding: 'utf-8' | 'windows-1252' },
): Promise<CsvInspection> {
  const text = decode(bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  // The header and five sample rows are all it shows: the rest is only counted.
  const { records: first, count } = await records(text, delimiter, 6);
  return {
    delimiter,
    columns: first[0]?.fields ?? [],
    sample: first.slice(1, 6).map((record) => record.fields),
    rows: Math.max(0, count - 1),
  };
}

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

export interface PreparedImport {
  /** The account the rows go into; duplicates are matched within it. */
  account: AccountRow;
  records: CsvRecord[];
  columns: ColumnIndexes;
  decimals: number;
}

/** Reads the file and finds the mapped columns; a bad file or mapping is a 400 before any work. */
export async function prepareImport(
  repos: Repositories,
  auth: AuthContext,
  bytes: Buffer,
  mapping: ImportMapping,
): Promise<PreparedImport> {
  const account = await writableAccount(repos, auth.userId, mapping.accountId);
  const decimals = currencyDecimals(account.currency);
  const text = decode(bytes, mapping.encoding);
  const { records: all } = await records(text, mapping.delimiter ?? detectDelimiter(text));
  const header = mapping.header ? (all[0]?.fields ?? null) : null;
  const body = mapping.header ? all.slice(1) : all;
  if (mapping.header && !header) throw badRequest('file', 'the file is empty');
  const resolved = resolveColumns(mapping, header);
  if (!resolved.ok) throw badRequest(resolved.path, resolved.message);

  return { account, records: body, columns: resolved.columns, decimals };
}

/** Rows mapped between two turns of the event loop. */
const CHUNK = 5_000;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Classifies every row of a bank CSV as new, duplicate or error, and with dryRun=false writes the
 * new rows in one database transaction. Duplicates are matched one-to-one against existing
 * transactions with the same date, type, amount and title, so two real coffees in the file stay
 * two when only one is already recorded. Rows are checked in chunks between which the event loop
 * runs, so other users' requests (and `onProgress` lines) get through.
 */
export async function runImport(
  repos: Repositories,
  auth: AuthContext,
  prepared: PreparedImport,
  mapping: ImportMapping,
  now: string,
  options: { onProgress?: (progress: ImportProgress) => void; record?: RecordAnswer } = {},
): Promise<ImportResult> {
  const { onProgress, record } = options;
  const { account, records: body, columns, decimals } = prepared;
  const categories = new Map(
    (await repos.categories.list(auth.userId)).map((c) => [categoryNameKey(c.name), c]),
  );
  const mapped: Array<{ line: number; result: ReturnType<typeof mapRow> }> = [];
  for (let start = 0; start < body.length; start += CHUNK) {
    for (const record of body.slice(start, start + CHUNK)) {
      mapped.push({ line: record.line, result: mapRow(record.fields, columns, mapping, decimals) });
    }
    onProgress?.({ phase: 'checking', done: mapped.length, total: body.length });
    await nextTick();
  }

  const valid = mapped.flatMap((m) => (m.result.ok ? [m.result.row] : []));
  const dates = valid.map((row) => row.date).sort();
  const candidates = new Map<string, number[]>();
  if (dates.length > 0) {
    for (const existing of await repos.imports.existingBetween(
      auth.userId,
      account.id,
      dates[0] ?? '',
      dates.at(-1) ?? '',
    )) {
      const key = duplicateKey(existing);
      const ids = candidates.get(key) ?? [];
      ids.push(existing.id);
      candidates.set(key, ids);
    }
  }

  const rows: ImportRow[] = [];
  const toInsert: Array<Omit<NewTransaction, 'accountId'>> = [];
  const summary = { new: 0, duplicate: 0, error: 0 };
  for (const { line, result } of mapped) {
    if (!result.ok) {
      summary.error += 1;
      rows.push({ line, status: 'error', message: result.message });
      continue;
    }
    const row: MappedRow = result.row;
    const shown = {
      date: row.date,
      type: row.type,
      amount: formatMinor(row.amount, decimals),
      title: row.title,
    };
    const match = candidates.get(duplicateKey(row))?.shift();
    if (match !== undefined) {
      summary.duplicate += 1;
      rows.push({
        line,
        status: 'duplicate',
        ...shown,
        duplicateOf: match,
        message: `matches transaction ${match} (same date, type, amount and title)`,
      });
      continue;
    }
    let categoryId: number | null = null;
    let message: string | undefined;
    if (row.categoryName) {
      const category = categories.get(categoryNameKey(row.categoryName));
      if (!category) message = `no category named "${row.categoryName}": left uncategorised`;
      else if (category.kind !== row.type)
        message = `"${category.name}" is an ${category.kind} category: left uncategorised`;
      else categoryId = category.id;
    }
    summary.new += 1;
    rows.push({ line, status: 'new', ...shown, categoryId, ...(message ? { message } : {}) });
    toInsert.push({
      type: row.type,
      amount: row.amount,
      title: row.title,
      description: row.description,
      categoryId,
      date: row.date,
    });
  }

  if (mapping.dryRun) return { dryRun: true, summary, rows, import: null };
  if (onProgress) {
    onProgress({ phase: 'writing', done: 0, total: toInsert.length });
    await nextTick();
  }
  // The commit answers with what needs attention; the preview already listed every new row.
  const needsAttention = rows.filter((row) => row.status !== 'new');
  const answer = (created: Import): ImportResult => ({
    dryRun: false,
    summary,
    rows: needsAttention,
    import: created,
  });
  try {
    return answer(
      await repos.imports.commit(
        auth.userId,
        {
          accountId: account.id,
          filename: mapping.filename ?? null,
          duplicates: summary.duplicate,
          errors: summary.error,
        },
        toInsert,
        now,
        async (tx, created) => record?.(tx, 201, answer(created)),
      ),
    );
  } catch (error) {
    if (error instanceof BalanceOverflowError) {
      throw new AppError(
        400,
        'The import would take the balance beyond what can be stored exactly.',
      );
    }
    if (error instanceof CategoriesChangedError) {
      throw conflict(
        'A category this import files rows under was changed or deleted while it ran; nothing ' +
          'was imported. Run the import again.',
        [{ path: 'category', message: 'changed while the import ran' }],
      );
    }
    throw error;
  }
}
