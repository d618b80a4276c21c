import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Category, type CreateCategoryBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { categoriesQueryOptions } from './get-categories';

export function createCategory(body: CreateCategoryBody): Promise<Category> {
  return apiRequest('/categories', { method: 'POST', body, schema: Category });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCategory,
    onSuccess: (created) => {
      queryClient.setQueryData(categoriesQueryOptions().queryKey, (list) =>
        list ? sortCategories([...list, created]) : list,
      );
      void queryClient.invalidateQueries({ queryKey: categoriesQueryOptions().queryKey });
    },
  });
}

/** The API's order: kind, then name. */
function sortCategories(list: Category[]): Category[] {
  return list.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
