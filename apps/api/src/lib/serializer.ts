import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;
type Stringify = (data: unknown) => string;

/**
 * Keywords that only constrain values: the serializer writes what it is given, so they are
 * dropped (a `pattern` or `format` would only slow it down, and `format: date-time` would let it
 * reformat a Date). Validation is the contract's job, done by zod in check mode.
 */
const CONSTRAINTS = new Set([
  '$schema',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'description',
  'default',
  'examples',
]);

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

function isNullSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as JsonSchema).type === 'null';
}

/**
 * The contract's JSON Schema as fast-json-stringify compiles it best: constraints dropped, and
 * `anyOf: [X, null]` (how zod writes `.nullable()`) folded into `type: [X, 'null']` where X is a
 * scalar or an object, which needs no runtime test to pick a branch.
 */
export function serializerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializerSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const input = schema as JsonSchema;
  const output: JsonSchema = {};
  for (const [key, value] of Object.entries(input)) {
    if (CONSTRAINTS.has(key)) continue;
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      output[key] = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([name, child]) => [name, serializerSchema(child)]),
      );
    } else if (key === 'const' || key === 'enum' || key === 'required') {
      output[key] = value;
    } else {
      output[key] = serializerSchema(value);
    }
  }
  const branches = output.anyOf;
  if (Array.isArray(branches) && branches.length === 2 && branches.some(isNullSchema)) {
    const other = branches.find((branch) => !isNullSchema(branch)) as JsonSchema | undefined;
    const type = other?.type;
    if (other && typeof type === 'string' && (SCALARS.has(type) || type === 'object')) {
      const rest = { ...output };
      delete rest.anyOf;
      return { ...rest, ...other, type: [type, 'null'] };
    }
  }
  return output;
}

/** The fast writer for one response schema, or undefined when it cannot be built from it. */
export function compileFast(schema: z.ZodType): Stringify | undefined {
  try {
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
    return fastJson(serializerSchema(jsonSchema) as Parameters<typeof fastJson>[0]);
  } catch {
    return undefined;
  }
}

/** Thrown in check mode when the fast writer and the contract would send different bytes. */
export class SerializerMismatchError extends Error {
  override name = 'SerializerMismatchError';
}

/**
 * The fast writer, checked: the answer must pass its contract (`encode` throws otherwise) and the
 * bytes must equal the contract's JSON.stringify of it, else SerializerMismatchError.
 */
export function checkedWriter(
  encode: (data: unknown) => unknown,
  fast: Stringify,
  route: string,
): Stringify {
  return (data) => {
    const expected = JSON.stringify(encode(data));
    const written = fast(data);
    if (written !== expected) {
      throw new SerializerMismatchError(
        `The fast writer for ${route} wrote ${written.slice(0, 500)} where the contract writes ${expected.slice(0, 500)}`,
      );
    }
    return written;
  };
}

export interface SerializerOptions {
  /**
   * Check every answer: validate it against its zod contract (a wrong shape is a 500, as
   * before) and compare the fast writer's bytes with the contract's JSON.stringify. For tests
   * and development; production writes with the fast writer alone.
   */
  check: boolean;
}

/**
 * Writes each JSON response with fast-json-stringify, compiled once per route and status from
 * the zod contract's JSON Schema, instead of validating every outgoing item with zod and then
 * running JSON.stringify (a fifth of the server's time on a history page). A schema that has no
 * JSON Schema form (and the non-JSON answers: CSV, PDF) keeps the zod writer.
 */
export function createSerializerCompiler(
  options: SerializerOptions,
): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url }) => {
    const contract = (schema as { properties?: z.ZodType }).properties ?? schema;
    const encode = (data: unknown): unknown => {
      const result = z.safeEncode(contract, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return result.data;
    };
    const fast = contract instanceof z.ZodType ? compileFast(contract) : undefined;
    if (!fast) return (data) => JSON.stringify(encode(data));
    return options.check ? checkedWriter(encode, fast, `${method} ${url}`) : fast;
  };
}
