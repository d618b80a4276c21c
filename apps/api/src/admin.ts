import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Password, Username } from '@moneta/schema';
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
    const repos = createRepositories(handle.db);
    const user = repos.users.findByUsername(username.data);
    if (!user) throw new UsageError(`no user named ${username.data}`);
    repos.users.changePassword(user.id, await hashPassword(checked.data));
  } finally {
    handle.close();
  }
  console.log(
    `The password of ${username.data} is reset; all of their sessions and tokens have ended.`,
  );
  if (generated) console.log(`New password: ${password}`);
}

async function main(args: string[]): Promise<void> {
  process.chdir(invocationDirectory());
  const { DATABASE_PATH } = parseEnv();
  const [command, argument] = args;
  switch (command ?? '') {
    case 'reset-password':
      return resetPassword(DATABASE_PATH, argument);
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
