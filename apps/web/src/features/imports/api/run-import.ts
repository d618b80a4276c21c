import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ImportResult } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface RunImportInput {
  file: Blob;
  mapping: Record<string, string | undefined>;
}

/** A preview classifies every row (new, duplicate, error) and writes nothing. */
export function previewImport({ file, mapping }: RunImportInput): Promise<ImportResult> {
  return apiRequest('/imports', {
    method: 'POST',
    query: { ...mapping, dryRun: 'true' },
    rawBody: { data: file, contentType: 'text/csv' },
    schema: ImportResult,
  });
}

/** A commit writes all the new rows in one transaction, or none (201). */
export function commitImport({ file, mapping }: RunImportInput): Promise<ImportResult> {
  return apiRequest('/imports', {
    method: 'POST',
    query: mapping,
    rawBody: { data: file, contentType: 'text/csv' },
    schema: ImportResult,
  });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: previewImport });
}

/** Everything derived from transactions is stale after an import or its undo. */
export async function refreshAfterImport(
  queryClient: ReturnType<typeof useQueryClient>,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.transactions }),
    queryClient.invalidateQueries({ queryKey: queryKeys.summary }),
    queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
    queryClient.invalidateQueries({ queryKey: queryKeys.imports }),
  ]);
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    onSettled: () => refreshAfterImport(queryClient),
  });
}
