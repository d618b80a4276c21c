import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** Line where the record starts, 1-based. */
  line: number;
  fields: string[];
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

export function readCsv(text: string, delimiter: string): CsvRecord[] {
  const parsed = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // With info: true each record comes wrapped with its position; the typings don't say so.
  }) as unknown as Array<{ info: { lines: number }; record: string[] }>;
  return parsed.map(({ info, record }) => {
    // info.lines is where the record ends; quoted newlines tell how far back it started.
    const embedded = record.reduce((sum, field) => sum + field.split('\n').length - 1, 0);
    return { line: info.lines - embedded, fields: record };
  });
}
