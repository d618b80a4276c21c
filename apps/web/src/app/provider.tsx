import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Toaster, toast } from '@/components/ui/toast';
import { setUnauthorizedListener } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import { meQueryOptions } from '@/features/auth/api/get-me';
import { navigate } from 'wouter/use-browser-location';
import { paths } from './paths';

/** An expired or revoked session: forget its data, log in again, come back here. */
export function handleSessionExpired(queryClient: QueryClient): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === '/login') return;
  queryClient.cancelQueries().catch(() => undefined);
  queryClient.clear();
  queryClient.setQueryData(meQueryOptions().queryKey, null);
  toast.clear();
  navigate(`${paths.login}?${new URLSearchParams({ next: here, reason: 'expired' }).toString()}`);
}

export function AppProvider({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  useEffect(() => {
    setUnauthorizedListener(() => {
      handleSessionExpired(queryClient);
    });
    return () => {
      setUnauthorizedListener(null);
    };
  }, [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
