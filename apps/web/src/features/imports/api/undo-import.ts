import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { refreshAfterImport } from './run-import';

/** Deletes an import and every transaction it created. */
export async function undoImport(id: number): Promise<void> {
  await apiRequest(`/imports/${String(id)}`, { method: 'DELETE' });
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoImport,
    onSettled: () => refreshAfterImport(queryClient),
  });
}
