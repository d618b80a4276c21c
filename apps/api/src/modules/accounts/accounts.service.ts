import {
  currencyDecimals,
  formatMinor,
  parseSignedAmount,
  type Account,
  type CreateAccountBody,
  type UpdateAccountBody,
} from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AccountRow } from '../../db/schema.js';
import type { AuthContext } from '../../plugins/auth.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { BalanceOverflowError } from '../ledger/ledger.js';
import type { RecordAnswer } from '../../plugins/idempotency.js';
import {
  DuplicateAccountNameError,
  type AccountBalances,
  type AccountChanges,
} from './accounts.repository.js';

const nameTaken = () =>
  conflict('You already have an account with that name.', [
    { path: 'name', message: 'You already have an account with this name.' },
  ]);

export function toAccount(row: AccountRow, balances: AccountBalances | undefined): Account {
  const decimals = currencyDecimals(row.currency);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    onBudget: row.onBudget,
    isDefault: row.isDefault,
    openingBalance: formatMinor(row.openingBalance, decimals),
    openingDate: row.openingDate,
    closed: row.closedAt !== null,
    closedAt: row.closedAt,
    balance: formatMinor(balances?.balance ?? 0, decimals),
    balanceWithUpcoming: formatMinor(balances?.withUpcoming ?? 0, decimals),
    transactionCount: balances?.count ?? 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Name, currency and its decimals by account id, for writing rows of several accounts. */
export function accountLookup(rows: readonly AccountRow[]) {
  const byId = new Map(
    rows.map((row) => [
      row.id,
      { name: row.name, currency: row.currency, decimals: currencyDecimals(row.currency) },
    ]),
  );
  return {
    has: (id: number) => byId.has(id),
    get: (id: number) => {
      const found = byId.get(id);
      if (!found) throw new Error(`account ${id} is not in the lookup`);
      return found;
    },
  };
}

function signedMinor(path: string, text: string, currency: string): number {
  const parsed = parseSignedAmount(text, currencyDecimals(currency));
  if (!parsed.ok) throw badRequest(path, parsed.message);
  return Number(parsed.minor);
}

/**
 * The account a write goes into: the one named (which must be the user's and open), else the
 * default account. Another user's id is refused exactly like an id that does not exist.
 */
export async function writableAccount(
  repos: Repositories,
  userId: number,
  accountId: number | undefined,
  path = 'accountId',
): Promise<AccountRow> {
  const account =
    accountId === undefined
      ? await repos.accounts.defaultAccount(userId)
      : await repos.accounts.find(userId, accountId);
  if (!account) {
    if (accountId === undefined) throw new AppError(409, 'You have no default account.');
    throw badRequest(path, 'is not one of your accounts');
  }
  if (account.closedAt !== null) throw badRequest(path, `"${account.name}" is closed`);
  return account;
}

async function refuseOverflow<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof BalanceOverflowError) {
      throw badRequest(
        'openingBalance',
        'would take the balance beyond what can be stored exactly',
      );
    }
    if (error instanceof DuplicateAccountNameError) throw nameTaken();
    throw error;
  }
}

export class AccountsService {
  constructor(private readonly repos: Repositories) {}

  async list(auth: AuthContext, today: string): Promise<Account[]> {
    const balances = await this.repos.accounts.balances(auth.userId, today);
    const rows = await this.repos.accounts.list(auth.userId);
    return rows.map((row) => toAccount(row, balances.get(row.id)));
  }

  async get(auth: AuthContext, id: number, today: string): Promise<Account> {
    const row = await this.repos.accounts.find(auth.userId, id);
    if (!row) throw notFound('Account');
    return toAccount(row, (await this.repos.accounts.balances(auth.userId, today)).get(id));
  }

  async create(
    auth: AuthContext,
    body: CreateAccountBody,
    today: string,
    now: string,
    record?: RecordAnswer,
  ): Promise<Account> {
    const currency = body.currency ?? auth.currency;
    const row = await refuseOverflow(() =>
      this.repos.accounts.create(
        auth.userId,
        {
          name: body.name,
          kind: body.kind,
          currency,
          onBudget: body.onBudget,
          openingBalance:
            body.openingBalance === undefined
              ? 0
              : signedMinor('openingBalance', body.openingBalance, currency),
          openingDate: body.openingDate ?? today,
          isDefault: body.isDefault ?? false,
        },
        now,
        async (tx, created) =>
          record?.(tx, 201, toAccount(created, this.balancesInside(created, today))),
      ),
    );
    return this.get(auth, row.id, today);
  }

  /** A new account's balances, known without a query: its opening balance or nothing. */
  private balancesInside(row: AccountRow, today: string): AccountBalances {
    return {
      balance: row.openingDate <= today ? row.openingBalance : 0,
      withUpcoming: row.openingBalance,
      count: 0,
    };
  }

  /** The checks and the write in one transaction: nothing changes the account in between. */
  update(
    auth: AuthContext,
    id: number,
    body: UpdateAccountBody,
    today: string,
    now: string,
  ): Promise<Account> {
    return this.repos.database.transaction(() => this.updateInside(auth, id, body, today, now));
  }

  private async updateInside(
    auth: AuthContext,
    id: number,
    body: UpdateAccountBody,
    today: string,
    now: string,
  ): Promise<Account> {
    const existing = await this.repos.accounts.find(auth.userId, id);
    if (!existing) throw notFound('Account');
    const changes: AccountChanges = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.kind !== undefined) changes.kind = body.kind;
    if (body.onBudget !== undefined) changes.onBudget = body.onBudget;
    if (body.openingDate !== undefined) changes.openingDate = body.openingDate;
    if (body.currency !== undefined && body.currency !== existing.currency) {
      if (await this.repos.accounts.hasTransactions(id)) {
        throw conflict(
          'The currency of an account with transactions cannot change: its amounts are in it.',
          [{ path: 'currency', message: 'cannot change once the account has transactions' }],
        );
      }
      changes.currency = body.currency;
    }
    const currency = changes.currency ?? existing.currency;
    if (body.openingBalance !== undefined) {
      changes.openingBalance = signedMinor('openingBalance', body.openingBalance, currency);
    } else if (changes.currency !== undefined && existing.openingBalance !== 0) {
      throw badRequest('openingBalance', `is required with a new currency, in ${currency}`);
    }
    const openingChanges =
      (changes.openingBalance !== undefined &&
        changes.openingBalance !== existing.openingBalance) ||
      (changes.openingDate !== undefined && changes.openingDate !== existing.openingDate);
    if (openingChanges && (await this.repos.accounts.openingReconciled(id))) {
      throw conflict(
        'The opening balance is reconciled: unlock its row first (PATCH the transaction with "reconciled": false).',
        [{ path: 'openingBalance', message: 'is locked by a reconciliation' }],
      );
    }
    if (body.closed !== undefined && body.closed !== (existing.closedAt !== null)) {
      if (body.closed && (existing.isDefault || body.isDefault)) {
        throw conflict(
          'The default account cannot be closed: make another account the default first.',
          [{ path: 'closed', message: 'make another account the default first' }],
        );
      }
      changes.closedAt = body.closed ? now : null;
    }
    if (body.isDefault) {
      // Reopened in this request (closedAt null) counts as open: `??` would read it as unchanged.
      const closedAt = changes.closedAt === undefined ? existing.closedAt : changes.closedAt;
      if (closedAt !== null) {
        throw badRequest('isDefault', 'a closed account cannot be the default');
      }
      changes.isDefault = true;
    }
    await refuseOverflow(() => this.repos.accounts.update(auth.userId, id, changes, now));
    return this.get(auth, id, today);
  }

  /** The checks and the delete in one transaction: no row can arrive in between and be lost. */
  delete(auth: AuthContext, id: number): Promise<void> {
    return this.repos.database.transaction(() => this.deleteInside(auth, id));
  }

  private async deleteInside(auth: AuthContext, id: number): Promise<void> {
    const existing = await this.repos.accounts.find(auth.userId, id);
    if (!existing) throw notFound('Account');
    if (existing.isDefault) {
      throw conflict(
        'The default account cannot be deleted: make another account the default first.',
      );
    }
    if (await this.repos.accounts.hasTransactions(id)) {
      throw conflict(
        'This account has transactions: close it instead (its history is kept), or delete or move them first.',
      );
    }
    await this.repos.accounts.delete(auth.userId, id);
  }
}
