import type { LightMyRequestResponse } from 'fastify';

/**
 * Awaits a request and fails unless it answered `status`, naming what came back instead. A write
 * that a test builds on must be seen to succeed: a test that reads back state after a refused
 * write may check nothing at all.
 */
export async function expectStatus(
  request: Promise<LightMyRequestResponse> | LightMyRequestResponse,
  status: number,
): Promise<LightMyRequestResponse> {
  const response = await request;
  if (response.statusCode !== status) {
    const { method, url } = response.raw.req;
    throw new Error(
      `${method ?? '?'} ${url ?? '?'} answered ${response.statusCode}, expected ${status}: ${response.body.slice(0, 500)}`,
    );
  }
  return response;
}
