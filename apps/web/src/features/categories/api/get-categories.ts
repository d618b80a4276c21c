import { queryOptions, useQuery } from '@tanstack/react-query';
import { CategoryList, type Category } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function getCategories(signal?: AbortSignal): Promise<Category[]> {
  const list = await apiRequest('/categories', { schema: CategoryList, signal });
  return list.items;
}

export const categoriesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.categories,
    queryFn: ({ signal }) => getCategories(signal),
    staleTime: 5 * 60_000,
  });

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}
