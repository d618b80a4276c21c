import { queryOptions, useQuery } from '@tanstack/react-query';
import { Transfer } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function getTransfer(id: number, signal?: AbortSignal): Promise<Transfer> {
  return apiRequest(`/transfers/${id}`, { schema: Transfer, signal });
}

export const transferQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.transfer(id),
    queryFn: ({ signal }) => getTransfer(id, signal),
  });

/** Both sides of a transfer, for its edit dialog (a history row shows one side). */
export function useTransfer(id: number | undefined) {
  return useQuery({ ...transferQueryOptions(id ?? 0), enabled: id !== undefined });
}
