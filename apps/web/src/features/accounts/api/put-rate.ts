import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Rate, type PutRateBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** Sets the rate of a pair from a date on (the same pair and date is replaced). */
export function putRate(body: PutRateBody): Promise<Rate> {
  return apiRequest('/rates', { method: 'PUT', body, schema: Rate });
}

/** Net worth is part of every summary: they are read again with the new rate. */
export function usePutRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putRate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.summary }),
  });
}
