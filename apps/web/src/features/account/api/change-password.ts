import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';

/** Every other session and every token ends; this session stays signed in. */
export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await apiRequest('/auth/password', { method: 'POST', body });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
