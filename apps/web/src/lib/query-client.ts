import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** A failure that may pass on its own: the server was not reached, or a proxy could not reach it. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && [0, 502, 503, 504].includes(error.status);
}

/** How many times a write that failed transiently is sent again (about 15 s of trying). */
export const WRITE_RETRIES = 4;

/**
 * The retry rule of a write that is safe to send again (an Idempotency-Key, a PATCH of the same
 * body, a DELETE): transient failures only. While the browser is offline the retries wait (the
 * mutation is paused) and go on when it is back; `failureCount` tells the screen it is retrying.
 */
export function retryTransient(failureCount: number, error: unknown): boolean {
  return isTransient(error) && failureCount < WRITE_RETRIES;
}

/** The app's QueryClient defaults, in one place. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          // 4xx answers will not change on retry; network blips and 5xx might.
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      // Writes are retried only where they say so (retryTransient): not every write is idempotent.
      mutations: { retry: false },
    },
  });
}
