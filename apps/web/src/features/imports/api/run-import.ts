import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ImportResult } from '@moneta/schema';
import { ApiError, apiRequest, apiUrl, failure, isProblem, networkError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { importsQueryOptions } from './get-imports';

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

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

/**
 * A commit writes all the new rows in one transaction, or none. It asks for progress as JSON
 * lines (the API checks rows in chunks), and still accepts a plain JSON answer.
 */
export async function commitImport({
  file,
  mapping,
  onProgress,
}: RunImportInput & { onProgress?: (progress: ImportProgress) => void }): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(apiUrl('/imports', mapping), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/x-ndjson, application/json', 'content-type': 'text/csv' },
      body: file,
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await failure(response);
  if (!response.headers.get('content-type')?.includes('ndjson') || !response.body) {
    return ImportResult.parse(await response.json());
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as {
        progress?: ImportProgress;
        result?: unknown;
        problem?: unknown;
      };
      if (event.progress) onProgress?.(event.progress);
      if (event.result) return ImportResult.parse(event.result);
      if (event.problem) {
        throw isProblem(event.problem)
          ? new ApiError(event.problem)
          : new ApiError({ type: 'about:blank', title: 'Error', status: 500 });
      }
    }
    if (done)
      throw new ApiError({
        type: 'about:blank',
        title: 'Error',
        status: 500,
        detail: 'The import ended without an answer.',
      });
  }
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
    queryClient.invalidateQueries({ queryKey: importsQueryOptions().queryKey }),
  ]);
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    onSettled: () => refreshAfterImport(queryClient),
  });
}
