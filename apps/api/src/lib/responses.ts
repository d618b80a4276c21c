import { Problem } from '@moneta/schema';

/** Every route documents its problem responses with the one Problem contract. */
export const problemResponses = { '4xx': Problem, '5xx': Problem } as const;

/** A throttled route's 429; the OpenAPI document adds its Retry-After header. */
export const throttledResponses = {
  429: Problem.describe('Too many attempts: try again after the seconds in Retry-After'),
} as const;
