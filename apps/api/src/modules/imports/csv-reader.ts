import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** Line where the record starts, 1-based. */
  line: number;
  fields: string[];
}

/**
 * Bounds no real bank file reaches (ten years of a busy account is about 40,000 rows and 5 MB),
 * so that a hostile file costs a bounded amount of memory and time.
 */
export const CSV_LIMITS = {
  bytes: 16 * 1024 * 1024,
  rows: 250_000,
  columns: 200,
  recordCharacters: 64 * 1024,
} as const;

/** Why a file cannot be read; the message names the limit. */
export class CsvLimitError extends Error {
  override name = 'CsvLimitError';
}

/** Decodes the upload; a UTF-8 BOM is dropped, line endings become \n. */
export function decodeCsv(bytes: Buffer, encoding: 'utf-8' | 'windows-1252'): string {
  const text = new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes);
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The separator that splits the first line into the most columns. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Characters parsed between two turns of the event loop (a few milliseconds of work). */
const SLICE = 64 * 1024;

/**
 * Parses the CSV in slices, letting other requests run between them, and stops at the first
 * limit crossed. Rejects with the parser's error for unreadable CSV, CsvLimitError for a limit.
 * Only the first `keep` records are kept (all by default); `count` counts every record.
 */
export async function readCsv(
  text: string,
  delimiter: string,
  keep = Number.POSITIVE_INFINITY,
): Promise<{ records: CsvRecord[]; count: number }> {
  const records: CsvRecord[] = [];
  let count = 0;
  // Set from the parser's callbacks, so held in an object the type checker cannot narrow.
  const state: { failure: Error | null } = { failure: null };
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: CSV_LIMITS.recordCharacters,
  });
  parser.on('error', (error) => {
    state.failure ??=
      (error as Error & { code?: string }).code === 'CSV_MAX_RECORD_SIZE'
        ? new CsvLimitError(
            `a line is longer than ${CSV_LIMITS.recordCharacters} characters; is this a bank CSV?`,
          )
        : error;
  });
  parser.on('readable', () => {
    // With info: true each record comes wrapped with its position; the typings don't say so.
    let entry: { info: { lines: number }; record: string[] } | null;
    while ((entry = parser.read() as typeof entry) !== null) {
      if (state.failure) continue;
      const { info, record } = entry;
      if (record.length > CSV_LIMITS.columns) {
        state.failure = new CsvLimitError(
          `line ${info.lines} has more than ${CSV_LIMITS.columns} columns; is this a bank CSV?`,
        );
      } else if (count === CSV_LIMITS.rows) {
        state.failure = new CsvLimitError(
          `the file has more than ${CSV_LIMITS.rows} rows; split it into several imports`,
        );
      } else {
        count += 1;
        if (records.length < keep) {
          // info.lines is where the record ends; quoted newlines tell how far back it started.
          const embedded = record.reduce((sum, field) => sum + field.split('\n').length - 1, 0);
          records.push({ line: info.lines - embedded, fields: record });
        }
      }
    }
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let start = 0; start < text.length && !state.failure;) {
    let end = Math.min(start + SLICE, text.length);
    // Never split a surrogate pair: the parser encodes each slice on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    parser.write(text.slice(start, end));
    start = end;
    await yieldToEventLoop();
  }
  if (!state.failure) parser.end();
  else parser.destroy();
  if (!state.failure) await ended;
  if (state.failure) throw state.failure;
  return { records, count };
}
