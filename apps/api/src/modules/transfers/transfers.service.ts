import {
  currencyDecimals,
  formatMinor,
  formatRatio,
  parseAmount,
  type CreateTransferBody,
  type Transfer,
  type UpdateTransferBody,
} from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AccountRow, TransactionRow } from '../../db/schema.js';
import type { AuthContext } from '../../plugins/auth.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { BalanceOverflowError } from '../ledger/ledger.js';
import type { RecordAnswer } from '../../plugins/idempotency.js';
import { writableAccount } from '../accounts/accounts.service.js';
import type { TransferInput, TransferRows } from './transfers.repository.js';

function minorIn(path: string, text: string, currency: string): number {
  const parsed = parseAmount(text, currencyDecimals(currency));
  if (!parsed.ok) throw badRequest(path, parsed.message);
  return Number(parsed.minor);
}

function leg(row: TransactionRow, currency: string) {
  return {
    accountId: row.accountId,
    currency,
    amount: formatMinor(row.amount, currencyDecimals(currency)),
    transactionId: row.id,
    title: row.title,
    reconciled: row.reconciliationId !== null,
  };
}

export function toTransfer(
  rows: TransferRows,
  currencyOf: (accountId: number) => string,
): Transfer {
  const fromCurrency = currencyOf(rows.from.accountId);
  const toCurrency = currencyOf(rows.to.accountId);
  // Major units: (to / 10^toDecimals) / (from / 10^fromDecimals), in BigInt.
  const rate = formatRatio(
    BigInt(rows.to.amount) * 10n ** BigInt(currencyDecimals(fromCurrency)),
    BigInt(rows.from.amount) * 10n ** BigInt(currencyDecimals(toCurrency)),
    10,
  );
  return {
    id: rows.id,
    date: rows.from.date,
    description: rows.from.description,
    from: leg(rows.from, fromCurrency),
    to: leg(rows.to, toCurrency),
    rate,
    createdAt: rows.createdAt,
    updatedAt: rows.from.updatedAt > rows.to.updatedAt ? rows.from.updatedAt : rows.to.updatedAt,
  };
}

interface Wanted {
  from: AccountRow;
  to: AccountRow;
  amount: string;
  toAmount: string | undefined;
  date: string;
  title: string | undefined;
  description: string | null;
}

/** Checks a transfer as a whole and turns it into the two legs' exact minor units. */
function legsOf(wanted: Wanted): TransferInput {
  const { from, to } = wanted;
  if (from.id === to.id) {
    throw badRequest('toAccountId', 'must be another account than fromAccountId');
  }
  const amount = minorIn('amount', wanted.amount, from.currency);
  let toAmount: number;
  if (from.currency === to.currency) {
    toAmount =
      wanted.toAmount === undefined ? amount : minorIn('toAmount', wanted.toAmount, to.currency);
    if (toAmount !== amount) {
      throw badRequest('toAmount', `must equal amount: both accounts are in ${from.currency}`);
    }
  } else {
    if (wanted.toAmount === undefined) {
      throw badRequest(
        'toAmount',
        `is required: "${to.name}" is in ${to.currency}, "${from.name}" in ${from.currency}`,
      );
    }
    toAmount = minorIn('toAmount', wanted.toAmount, to.currency);
  }
  return {
    date: wanted.date,
    description: wanted.description,
    from: { accountId: from.id, amount, title: wanted.title ?? `Transfer to ${to.name}` },
    to: { accountId: to.id, amount: toAmount, title: wanted.title ?? `Transfer from ${from.name}` },
  };
}

/** A side covered by a reconciliation is locked, and the transfer with it. */
function refuseReconciled(rows: TransferRows): void {
  const locked = [rows.from, rows.to].find((leg) => leg.reconciliationId !== null);
  if (locked) {
    throw conflict(
      `A side of this transfer is reconciled: unlock transaction ${locked.id} first (PATCH /api/v1/transactions/${locked.id} with "reconciled": false).`,
    );
  }
}

async function refuseOverflow<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof BalanceOverflowError) {
      throw badRequest('amount', 'would take a balance beyond what can be stored exactly');
    }
    throw error;
  }
}

export class TransfersService {
  constructor(private readonly repos: Repositories) {}

  private async currencyOf(userId: number) {
    const currencies = new Map(
      (await this.repos.accounts.list(userId)).map((a) => [a.id, a.currency]),
    );
    return (accountId: number) => {
      const currency = currencies.get(accountId);
      if (!currency) throw new Error(`account ${accountId} of user ${userId} is missing`);
      return currency;
    };
  }

  /** The accounts are checked in the write's transaction: neither can close in between. */
  create(
    auth: AuthContext,
    body: CreateTransferBody,
    today: string,
    now: string,
    record?: RecordAnswer,
  ): Promise<Transfer> {
    return this.repos.database.transaction(() => this.createInside(auth, body, today, now, record));
  }

  private async createInside(
    auth: AuthContext,
    body: CreateTransferBody,
    today: string,
    now: string,
    record?: RecordAnswer,
  ): Promise<Transfer> {
    const input = legsOf({
      from: await writableAccount(this.repos, auth.userId, body.fromAccountId, 'fromAccountId'),
      to: await writableAccount(this.repos, auth.userId, body.toAccountId, 'toAccountId'),
      amount: body.amount,
      toAmount: body.toAmount,
      date: body.date ?? today,
      title: body.title,
      description: body.description || null,
    });
    const currencyOf = await this.currencyOf(auth.userId);
    const rows = await refuseOverflow(() =>
      this.repos.transfers.create(auth.userId, input, now, async (tx, created) =>
        record?.(tx, 201, toTransfer(created, currencyOf)),
      ),
    );
    return toTransfer(rows, currencyOf);
  }

  async get(auth: AuthContext, id: number): Promise<Transfer> {
    const rows = await this.repos.transfers.find(auth.userId, id);
    if (!rows) throw notFound('Transfer');
    return toTransfer(rows, await this.currencyOf(auth.userId));
  }

  /** The checks and the write in one transaction: a lock set in between is respected. */
  update(auth: AuthContext, id: number, body: UpdateTransferBody, now: string): Promise<Transfer> {
    return this.repos.database.transaction(() => this.updateInside(auth, id, body, now));
  }

  private async updateInside(
    auth: AuthContext,
    id: number,
    body: UpdateTransferBody,
    now: string,
  ): Promise<Transfer> {
    const existing = await this.repos.transfers.find(auth.userId, id);
    if (!existing) throw notFound('Transfer');
    refuseReconciled(existing);
    const account = (given: number | undefined, current: number, path: string) =>
      given === undefined || given === current
        ? this.repos.accounts.find(auth.userId, current)
        : writableAccount(this.repos, auth.userId, given, path);
    const from = await account(body.fromAccountId, existing.from.accountId, 'fromAccountId');
    const to = await account(body.toAccountId, existing.to.accountId, 'toAccountId');
    if (!from || !to) throw new Error(`transfer ${id} has a leg in a missing account`);
    const currencies = await this.currencyOf(auth.userId);
    const currencyBefore = (row: TransactionRow) => currencies(row.accountId);
    const format = (row: TransactionRow, account: AccountRow) =>
      formatMinor(row.amount, currencyDecimals(account.currency));
    // An amount not sent stays as it was, unless its side moved to another currency.
    const amount =
      body.amount ??
      (from.currency === currencyBefore(existing.from) ? format(existing.from, from) : undefined);
    if (amount === undefined) {
      throw badRequest('amount', `is required: "${from.name}" is in ${from.currency}`);
    }
    const toAmount =
      body.toAmount ??
      (from.currency !== to.currency && to.currency === currencyBefore(existing.to)
        ? format(existing.to, to)
        : undefined);
    // A title that was the generated one follows the accounts; one the user wrote stays.
    const generated =
      existing.from.title.startsWith('Transfer to ') &&
      existing.to.title.startsWith('Transfer from ');
    const input = legsOf({
      from,
      to,
      amount,
      toAmount,
      date: body.date ?? existing.from.date,
      title: body.title ?? (generated ? undefined : existing.from.title),
      description:
        body.description !== undefined ? body.description || null : existing.from.description,
    });
    const rows = await refuseOverflow(() =>
      this.repos.transfers.update(auth.userId, id, input, now),
    );
    if (!rows) throw notFound('Transfer');
    return toTransfer(rows, await this.currencyOf(auth.userId));
  }

  /** The checks and the delete in one transaction, as for update. */
  delete(auth: AuthContext, id: number): Promise<void> {
    return this.repos.database.transaction(() => this.deleteInside(auth, id));
  }

  private async deleteInside(auth: AuthContext, id: number): Promise<void> {
    const existing = await this.repos.transfers.find(auth.userId, id);
    if (!existing) throw notFound('Transfer');
    refuseReconciled(existing);
    const deleted = await refuseOverflow(() => this.repos.transfers.delete(auth.userId, id));
    if (!deleted) throw notFound('Transfer');
  }
}
