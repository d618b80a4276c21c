import { useMutation, useQueryClient } from '@tanstack/react-query';
import { User, type UpdateMeBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { isUserData, queryKeys } from '@/lib/query-keys';

export function updateMe(body: UpdateMeBody): Promise<User> {
  return apiRequest('/auth/me', { method: 'PATCH', body, schema: User });
}

/** Settings of the signed-in user; the answer is the new `me`, and every "today" follows it. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
      // Default dates, periods and today's balance depend on the zone: read them again.
      void queryClient.invalidateQueries({ predicate: isUserData });
    },
  });
}
