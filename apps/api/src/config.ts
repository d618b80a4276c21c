import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

const booleanString = z.enum(['true', 'false']).transform((value) => value === 'true');

/** An exact web origin, as a browser sends it in `Origin`: scheme, host and port only. */
const webOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === value &&
      // The URL parser lets `*` through in a host name; a pattern is not an origin.
      /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}, 'must be origins like https://dash.example or http://192.168.1.5:8080, comma-separated (no path, no trailing slash, no wildcard)');

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/moneta.db'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of hours')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 365),
    )
    .default(24 * 7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanString.default(false),
  // Check every JSON answer against its zod contract and the fast writer against JSON.stringify:
  // tests and development; a wrong answer is a 500 instead of bytes a client was not promised.
  RESPONSE_CHECK: booleanString.default(false),
  WEB_DIST_DIR: z.string().min(1).default(defaultWebDist),
  REQUEST_TIMEOUT_SECONDS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().int().min(1).max(3600))
    .default(60),
  // Who may create an account once the first one exists: anyone, holders of an invite, no one.
  REGISTRATION: z.enum(['open', 'invite', 'closed']).default('invite'),
  AUTH_RATE_LIMIT_PER_MINUTE: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1))
    .default(60),
  // Browser pages on these origins may call the API with a bearer token; none by default.
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(webOrigin))
    .default([]),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'SESSION_SECRET'> & { SESSION_SECRET: string };
export type EnvConfig = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming the variable. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, DATABASE_PATH: resolve(result.data.DATABASE_PATH) };
}

/**
 * The session secret: from SESSION_SECRET, else from `session.secret` beside the database,
 * generated on first start so sessions survive restarts without a hard-coded default.
 */
export function resolveSessionSecret(config: EnvConfig): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const directory = dirname(config.DATABASE_PATH);
  const file = join(directory, 'session.secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32)
      throw new ConfigError(`${file} holds a secret shorter than 32 characters`);
    return secret;
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * The directory a command was typed in: pnpm runs a package's scripts in the package's folder and
 * passes the caller's folder as INIT_CWD, and relative paths should mean what the user meant.
 */
export function invocationDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnv(env);
  return { ...parsed, SESSION_SECRET: resolveSessionSecret(parsed) };
}
