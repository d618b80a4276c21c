import { useMutation } from '@tanstack/react-query';
import { CsvInspection } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import type { Encoding } from '../mapping';

export interface InspectInput {
  file: Blob;
  encoding: Encoding;
  delimiter?: string | undefined;
}

/** The file's delimiter, header row, first rows and row count, for the mapping form. */
export function inspectCsv({ file, encoding, delimiter }: InspectInput): Promise<CsvInspection> {
  return apiRequest('/imports/inspect', {
    method: 'POST',
    query: { encoding, delimiter },
    rawBody: { data: file, contentType: 'text/csv' },
    schema: CsvInspection,
  });
}

export function useInspectCsv() {
  return useMutation({ mutationFn: inspectCsv });
}
