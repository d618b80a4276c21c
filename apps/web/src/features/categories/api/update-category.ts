import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Category, type UpdateCategoryBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { categoriesQueryOptions } from './get-categories';

export function updateCategory({
  id,
  ...body
}: UpdateCategoryBody & { id: number }): Promise<Category> {
  return apiRequest(`/categories/${id}`, { method: 'PATCH', body, schema: Category });
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCategory,
    onSuccess: (updated) => {
      queryClient.setQueryData(categoriesQueryOptions().queryKey, (list) =>
        list?.map((category) => (category.id === updated.id ? updated : category)),
      );
      // Category names appear in the summary's breakdown.
      void queryClient.invalidateQueries({ queryKey: categoriesQueryOptions().queryKey });
      void queryClient.invalidateQueries({ queryKey: queryKeys.summary });
    },
  });
}
