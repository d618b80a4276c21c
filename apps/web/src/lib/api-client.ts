import type { API_PREFIX as ContractPrefix, Problem, ProblemFieldError } from '@moneta/schema';
import type { z } from 'zod';

/*
 * This module is in the initial chunk, so it imports the contracts as types only: a runtime import
 * of `@moneta/schema` would pull all of zod onto the login page. Responses are parsed with the
 * contracts the caller passes in (see lib/contracts.ts for loading them lazily).
 */
const API_PREFIX = '/api/v1' satisfies typeof ContractPrefix;

/** The `Problem` contract's shape, checked by hand; problem.test.ts holds it to the zod schema. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const { type, title, status, detail, errors } = value as Record<string, unknown>;
  if (typeof type !== 'string' || typeof title !== 'string') return false;
  if (typeof status !== 'number' || !Number.isInteger(status)) return false;
  if (detail !== undefined && typeof detail !== 'string') return false;
  if (errors === undefined) return true;
  return (
    Array.isArray(errors) &&
    errors.every(
      (error: unknown) =>
        typeof error === 'object' &&
        error !== null &&
        typeof (error as Record<string, unknown>).path === 'string' &&
        typeof (error as Record<string, unknown>).message === 'string',
    )
  );
}

/** A failed API call, carrying the RFC 9457 problem the API answered with. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field messages keyed by the path the API named ("amount", "username"...). */
  get fieldErrors(): Record<string, string> {
    return fieldErrorMap(this.problem.errors ?? []);
  }
}

export function fieldErrorMap(errors: readonly ProblemFieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const error of errors) {
    map[error.path] ??= error.message;
  }
  return map;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/**
 * Called when a request that needs a session gets 401: the session expired or was revoked.
 * The app sends the person to the login page and back afterwards.
 */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A raw body (a CSV file) sent as is with its content type, instead of JSON. */
  rawBody?: { data: Blob; contentType: string };
  /** Parses the response body; omit for 204 answers. */
  schema?: S;
  /** Returns the JSON body unparsed, for a caller that parses it with a lazily loaded contract. */
  expectBody?: boolean;
  signal?: AbortSignal;
  /** 401 is an expected answer (login, me): do not treat it as an expired session. */
  allowUnauthorized?: boolean;
  keepalive?: boolean;
  headers?: Record<string, string>;
}

export function apiUrl(path: string, query?: RequestOptions<z.ZodType>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

/** GET answers asked for before the code that needs them had loaded, by URL. */
const early = new Map<string, Promise<Response>>();

/** How long an early answer waits to be claimed: after that, a request must see fresh data. */
const EARLY_CLAIM_MS = 10_000;

/**
 * Starts GET requests the first screen is about to make, while its code is still loading: the
 * first apiRequest for the same URL (and query string, byte for byte) takes the answer instead
 * of asking again. One claim each; whatever is not claimed in time is dropped.
 */
export function fetchEarly(urls: readonly string[]): void {
  for (const url of urls) {
    const answer = fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    // A network failure is the claiming request's to report; unclaimed, it is nobody's.
    answer.catch(() => undefined);
    early.set(url, answer);
  }
  setTimeout(() => {
    for (const url of urls) early.delete(url);
  }, EARLY_CLAIM_MS);
}

function claimEarly(url: string): Promise<Response> | undefined {
  const answer = early.get(url);
  early.delete(url);
  return answer;
}

export async function apiRequest<S extends z.ZodType = z.ZodUnknown>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<z.output<S>> {
  const {
    method = 'GET',
    query,
    body,
    rawBody,
    schema,
    expectBody,
    signal,
    allowUnauthorized = false,
    keepalive,
    headers,
  } = options;
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...headers },
  };
  if (body !== undefined) {
    // The API refuses cookie-authenticated writes that are not JSON (415).
    init.headers = { accept: 'application/json', 'content-type': 'application/json', ...headers };
    init.body = JSON.stringify(body);
  } else if (rawBody) {
    // Only the import routes take non-JSON bodies; text/csv still needs a preflight cross-site.
    init.headers = { accept: 'application/json', 'content-type': rawBody.contentType, ...headers };
    init.body = rawBody.data;
  }
  if (signal) init.signal = signal;
  if (keepalive) init.keepalive = true;

  let response: Response;
  try {
    const url = apiUrl(path, query);
    const claimed = method === 'GET' && !headers ? claimEarly(url) : undefined;
    response = await (claimed ?? fetch(url, init));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }

  if (!response.ok) throw await failure(response, allowUnauthorized);
  if ((!schema && !expectBody) || response.status === 204) return undefined as z.output<S>;
  const json: unknown = await response.json();
  return schema ? schema.parse(json) : (json as z.output<S>);
}

/** The ApiError of a request that never reached the server. */
export function networkError(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'Could not reach Moneta. Check your connection and try again.',
  });
}

/** The ApiError of a failed response; a 401 also tells the session-expiry listener. */
export async function failure(response: Response, allowUnauthorized = false): Promise<ApiError> {
  const problem = await readProblem(response);
  if (response.status === 401 && !allowUnauthorized) onUnauthorized?.();
  return new ApiError(problem);
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail:
      response.status >= 500
        ? 'Something went wrong on the server. Try again in a moment.'
        : `The request failed (${response.status}).`,
  };
  try {
    const json: unknown = await response.json();
    return isProblem(json) ? json : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A random Idempotency-Key, so a create that is retried is not recorded twice. getRandomValues
 * works on plain http too (a self-hosted box on a LAN address), unlike randomUUID.
 */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A message for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
    return error.problem.detail ?? error.problem.title;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
