import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem, ProblemFieldError } from '@moneta/schema';

/** An error the client can act on; becomes an RFC 9457 problem response. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (path: string, message: string) =>
  new AppError(400, 'The request is not valid.', [{ path, message }]);
export const notFound = (what: string) => new AppError(404, `${what} not found.`);
export const conflict = (message: string, errors?: ProblemFieldError[]) =>
  new AppError(409, message, errors);
export const unauthorized = () => new AppError(401, 'Authentication is required.');

export function problem(status: number, detail?: string, errors?: ProblemFieldError[]): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Maps Fastify's own client errors, whose messages are safe to show, to statuses. */
function fastifyClientError(error: FastifyError): Problem | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'The request body must be JSON (Content-Type: application/json).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'The JSON body is empty.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'The request body is too large.');
    default:
      break;
  }
  if (error instanceof SyntaxError) return problem(400, 'The request body is not valid JSON.');
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) return problem(status, error.message);
  return null;
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // A strict object reports unknown fields on the object itself: name each field instead.
      const keys: unknown = issue.params.keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        return keys.map((key) => ({
          path: path ? `${path}.${String(key)}` : String(key),
          message: 'is not a known field',
        }));
      }
      return [
        { path: path || error.validationContext || '', message: issue.message ?? 'is invalid' },
      ];
    });
    return sendProblem(reply, problem(400, 'The request is not valid.', errors));
  }
  if (error instanceof AppError) {
    if (error.headers) void reply.headers(error.headers);
    return sendProblem(reply, problem(error.status, error.message, error.errors));
  }
  const client = fastifyClientError(error);
  if (client) {
    return sendProblem(reply, client);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem(500, 'Something went wrong on our side.'));
}
