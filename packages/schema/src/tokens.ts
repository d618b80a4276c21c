import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { Id, Instant, IsoDate } from './common.js';
import { LoginBody } from './auth.js';

export const TokenName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

/** An expiry as an instant or a calendar date (the token then works until that day begins, UTC). */
export const TokenExpiry = z.union([Instant, IsoDate]);

export const CreateTokenBody = z.strictObject({
  name: TokenName,
  expiresAt: TokenExpiry.optional(),
});

/** Username and password for a first script without a browser. */
export const HeadlessTokenBody = LoginBody.extend({
  name: TokenName.default('Headless token'),
  expiresAt: TokenExpiry.optional(),
}).strict();

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the token, enough to recognise it in a list. */
  prefix: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
});

/** Returned once, at creation: the secret is never shown again. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });

export const ApiTokenList = z.object({ items: z.array(ApiToken) });

export type CreateTokenBody = z.infer<typeof CreateTokenBody>;
export type ApiToken = z.infer<typeof ApiToken>;
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export type ApiTokenList = z.infer<typeof ApiTokenList>;
