import { queryOptions, useQuery } from '@tanstack/react-query';
import { RegistrationInfo } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** Who may register on this server, so the form asks for an invite code only when needed. */
export function getRegistration(signal?: AbortSignal): Promise<RegistrationInfo> {
  return apiRequest('/auth/registration', {
    signal,
    schema: RegistrationInfo,
    allowUnauthorized: true,
  });
}

export const registrationQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.registration,
    queryFn: ({ signal }) => getRegistration(signal),
  });

export function useRegistration() {
  return useQuery(registrationQueryOptions());
}
