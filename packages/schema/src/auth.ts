import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { isTimeZone } from './calendar.js';
import { Currency, Id, Instant } from './common.js';

/** First path segments the web app owns; a username may not shadow them. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'about',
  'account',
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'categories',
  'dashboard',
  'docs',
  'export',
  'favicon',
  'health',
  'help',
  'import',
  'imports',
  'index',
  'login',
  'logout',
  'me',
  'new',
  'not-found',
  'null',
  'public',
  'register',
  'reset',
  'root',
  'settings',
  'signin',
  'signup',
  'static',
  'summary',
  'system',
  'tokens',
  'transactions',
  'undefined',
  'user',
  'users',
]);

export const Username = z
  .string()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-z0-9_-]+$/, 'may contain only letters a-z, digits, _ and -')
  .refine((name) => !RESERVED_USERNAMES.has(name), 'is reserved, please choose another');

/** Length rules only (NIST 800-63B): no composition rules, no truncation. */
export const Password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(1024, 'must be at most 1024 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

export const TimeZone = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York')
  .describe('IANA time zone; "today" for this user is the date there');

export const RegistrationMode = z
  .enum(['open', 'invite', 'closed'])
  .describe(
    'Who may create an account once the first exists: anyone, holders of an invite code, no one',
  );

export const RegisterBody = z.strictObject({
  username: Username,
  password: Password,
  currency: Currency.optional(),
  timeZone: TimeZone.optional(),
  inviteCode: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100)
    .optional()
    .describe('Needed when registration is by invitation, except for the first account'),
});

/** What the registration form needs to know before it asks for anything. */
export const RegistrationInfo = z.object({
  mode: RegistrationMode,
  /** No account exists yet: the first one is always allowed, without an invite. */
  firstAccount: z.boolean(),
});
export type RegistrationInfo = z.infer<typeof RegistrationInfo>;

/** Login does not repeat the registration rules: it must not tell which usernames could exist. */
export const LoginBody = z.strictObject({
  username: z.string().min(1, 'is required').max(64).toLowerCase(),
  password: z.string().min(1, 'is required').max(1024),
});

/** Changing the password: the current one proves it is the owner, not a borrowed session. */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: Password,
});

/** Deleting the account is confirmed by re-entering the password. */
export const DeleteAccountBody = z.strictObject({
  password: z.string().min(1, 'is required').max(1024),
});

export const User = z.object({
  id: Id,
  username: z.string(),
  /** The reporting currency: new accounts default to it; net worth is in it. */
  currency: z.string(),
  /** The zone whose date is the user's "today": default dates, balances as of today, periods. */
  timeZone: z.string(),
  createdAt: Instant,
});

/** Settings the user may change. */
export const UpdateMeBody = z
  .strictObject({
    timeZone: TimeZone.nullable().optional().describe("null: follow the server's time zone"),
    currency: Currency.optional().describe(
      'The reporting currency: net worth and the all-accounts summary are in it. Existing ' +
        'accounts keep their own currency.',
    ),
  })
  .refine((body) => body.timeZone !== undefined || body.currency !== undefined, {
    message: 'give timeZone or currency',
  });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export type RegisterBody = z.infer<typeof RegisterBody>;
export type LoginBody = z.infer<typeof LoginBody>;
export type User = z.infer<typeof User>;
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export type DeleteAccountBody = z.infer<typeof DeleteAccountBody>;
