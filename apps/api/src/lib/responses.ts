import { Problem } from '@moneta/schema';

/** Every route documents its problem responses with the one Problem contract. */
export const problemResponses = { '4xx': Problem, '5xx': Problem } as const;
