import { queryOptions, useQuery } from '@tanstack/react-query';
import { ImportList, type Import } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function getImports(signal?: AbortSignal): Promise<Import[]> {
  const list = await apiRequest('/imports', { schema: ImportList, signal });
  return list.items;
}

export const importsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.imports, queryFn: ({ signal }) => getImports(signal) });

export function useImports() {
  return useQuery(importsQueryOptions());
}
