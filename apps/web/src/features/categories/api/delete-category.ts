import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { categoriesQueryOptions } from './get-categories';

export interface DeleteCategoryInput {
  id: number;
  /** Where the category's transactions go; required while any use it. */
  moveTo?: number;
}

export async function deleteCategory({ id, moveTo }: DeleteCategoryInput): Promise<void> {
  await apiRequest(`/categories/${id}`, { method: 'DELETE', query: { moveTo } });
}

export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCategory,
    onSuccess: () => {
      // Moved transactions change category: the history and breakdowns must follow.
      void queryClient.invalidateQueries({ queryKey: categoriesQueryOptions().queryKey });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
      void queryClient.invalidateQueries({ queryKey: queryKeys.summary });
    },
  });
}
