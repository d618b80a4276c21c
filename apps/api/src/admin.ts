import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Currency, Password, Username, isTimeZone } from '@moneta/schema';
import { ConfigError, invocationDirectory, parseEnv } from './config.js';
import { openDatabase } from './db/client.js';
import {
  backupDatabase,
  inspectDatabase,
  restoreDatabase,
  type DatabaseFacts,
} from './db/maintenance.js';
import { createRepositories } from './db/repositories.js';
import { hashPassword } from './modules/auth/passwords.js';

const USAGE = `Usage: moneta admin <command>

  reset-password <username>   Set a new password (read from stdin when piped, else generated and
                              printed) and end all of that user's sessions and tokens.
  create-user <username> [currency] [time zone]
                              Create an account whatever REGISTRATION says (password read from
                              stdin when piped, else generated and printed; currency default USD;
                              time zone, like Europe/Berlin, default the server's).
  invite [days] [note...]     Create a single-use invite code, valid for [days] (default 7), and
                              print it with the registration link path.
  invites                     List invites: used, unused or expired.
  revoke-invite <id>          Delete an unused invite.
  backup <file>               Online backup of the database, safe while the server runs.
  restore <file>              Replace the database's content with a backup's (the current content
                              is kept beside it first); safe while the server runs.
  check [file]                Integrity check and counts of the database (or of a backup file).

The database is DATABASE_PATH (default ./data/moneta.db), as for the server.`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function describe(facts: DatabaseFacts): string {
  return `integrity ${facts.integrity}, ${facts.users} users, ${facts.transactions} transactions, net ${facts.netMinor} minor units`;
}

async function resetPassword(databasePath: string, name: string | undefined): Promise<void> {
  const username = Username.safeParse(name ?? '');
  if (!username.success) throw new UsageError('reset-password needs the username');
  let password: string;
  let generated = false;
  if (process.stdin.isTTY) {
    password = randomBytes(18).toString('base64url');
    generated = true;
  } else {
    password = await readStdin();
  }
  const checked = Password.safeParse(password);
  if (!checked.success)
    throw new UsageError(`the new password ${checked.error.issues[0]?.message ?? 'is invalid'}`);

  const handle = openDatabase(databasePath);
  try {
    const repos = createRepositories(handle.database);
    const user = await repos.users.findByUsername(username.data);
    if (!user) throw new UsageError(`no user named ${username.data}`);
    await repos.users.changePassword(user.id, await hashPassword(checked.data));
  } finally {
    handle.close();
  }
  console.log(
    `The password of ${username.data} is reset; all of their sessions and tokens have ended.`,
  );
  if (generated) console.log(`New password: ${password}`);
}

/** A password from stdin when piped, else a generated one (printed by the caller). */
async function newPassword(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY)
    return { password: randomBytes(18).toString('base64url'), generated: true };
  const password = await readStdin();
  const checked = Password.safeParse(password);
  if (!checked.success)
    throw new UsageError(
      `the password read from stdin ${checked.error.issues[0]?.message ?? 'is invalid'}`,
    );
  return { password: checked.data, generated: false };
}

async function createUser(
  databasePath: string,
  name: string | undefined,
  currencyCode: string | undefined,
  timeZoneName: string | undefined,
): Promise<void> {
  const username = Username.safeParse(name ?? '');
  if (!username.success)
    throw new UsageError(
      `create-user needs a valid username: ${username.error.issues[0]?.message ?? 'missing'}`,
    );
  const currency = Currency.safeParse(currencyCode ?? 'USD');
  if (!currency.success) throw new UsageError(`${currencyCode ?? ''} is not an ISO 4217 currency`);
  if (timeZoneName !== undefined && !isTimeZone(timeZoneName))
    throw new UsageError(`${timeZoneName} is not an IANA time zone (like Europe/Berlin)`);
  const { password, generated } = await newPassword();
  const passwordHash = await hashPassword(password);
  const handle = openDatabase(databasePath);
  try {
    const repos = createRepositories(handle.database);
    if (await repos.users.findByUsername(username.data))
      throw new UsageError(`a user named ${username.data} exists`);
    await repos.users.create({
      username: username.data,
      passwordHash,
      currency: currency.data,
      timeZone: timeZoneName,
      now: new Date().toISOString(),
      // The owner at the command line decides; the server's REGISTRATION does not apply.
      registration: { mode: 'open' },
    });
  } finally {
    handle.close();
  }
  console.log(
    `Created ${username.data} (${currency.data}, ${timeZoneName ?? "the server's time zone"}).`,
  );
  if (generated) console.log(`Password: ${password}`);
}

async function createInvite(
  databasePath: string,
  daysText: string | undefined,
  note: string[],
): Promise<void> {
  const days = daysText === undefined ? 7 : Number(daysText);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError('invite takes a number of days from 1 to 365');
  const handle = openDatabase(databasePath);
  try {
    const invite = await createRepositories(handle.database).invites.create({
      now: new Date(),
      days,
      note: note.length > 0 ? note.join(' ') : undefined,
    });
    console.log(
      `Invite ${invite.id}: ${invite.code} (single use, valid until ${invite.expiresAt})`,
    );
    console.log(`Registration link: <your Moneta address>/register?invite=${invite.code}`);
  } finally {
    handle.close();
  }
}

async function listInvites(databasePath: string): Promise<void> {
  const handle = openDatabase(databasePath);
  try {
    const now = new Date().toISOString();
    const all = await createRepositories(handle.database).invites.list();
    if (all.length === 0) console.log('No invites.');
    for (const invite of all) {
      const state = invite.usedAt
        ? `used ${invite.usedAt}${invite.usedBy ? ` by ${invite.usedBy}` : ''}`
        : invite.expiresAt <= now
          ? `expired ${invite.expiresAt}`
          : `unused, valid until ${invite.expiresAt}`;
      console.log(`${invite.id}\t${state}${invite.note ? `\t${invite.note}` : ''}`);
    }
  } finally {
    handle.close();
  }
}

async function revokeInvite(databasePath: string, idText: string | undefined): Promise<void> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) throw new UsageError('revoke-invite needs the invite id');
  const handle = openDatabase(databasePath);
  try {
    if (!(await createRepositories(handle.database).invites.revoke(id)))
      throw new UsageError(`no unused invite ${id}`);
    console.log(`Invite ${id} revoked.`);
  } finally {
    handle.close();
  }
}

async function main(args: string[]): Promise<void> {
  process.chdir(invocationDirectory());
  const { DATABASE_PATH } = parseEnv();
  const [command, argument, ...rest] = args;
  switch (command ?? '') {
    case 'reset-password':
      return resetPassword(DATABASE_PATH, argument);
    case 'create-user':
      return createUser(DATABASE_PATH, argument, rest[0], rest[1]);
    case 'invite':
      return createInvite(DATABASE_PATH, argument, rest);
    case 'invites':
      return listInvites(DATABASE_PATH);
    case 'revoke-invite':
      return revokeInvite(DATABASE_PATH, argument);
    case 'backup': {
      if (!argument) throw new UsageError('backup needs the file to write');
      const facts = await backupDatabase(DATABASE_PATH, resolve(argument));
      console.log(`Backed up ${DATABASE_PATH} to ${resolve(argument)}: ${describe(facts)}.`);
      return;
    }
    case 'restore': {
      if (!argument) throw new UsageError('restore needs the backup file');
      const { facts, previous } = await restoreDatabase(resolve(argument), DATABASE_PATH);
      if (previous) console.log(`The previous content is kept in ${previous}.`);
      console.log(`Restored ${resolve(argument)} into ${DATABASE_PATH}: ${describe(facts)}.`);
      return;
    }
    case 'check': {
      const facts = inspectDatabase(argument ? resolve(argument) : DATABASE_PATH);
      console.log(describe(facts));
      if (facts.integrity !== 'ok') process.exitCode = 1;
      return;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'a command is required');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
});
