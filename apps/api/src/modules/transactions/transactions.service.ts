import {
  isCalendarDate,
  currencyDecimals,
  formatMinor,
  parseAmount,
  type CreateTransactionBody,
  type Transaction,
  type TransactionPage,
  type UpdateTransactionBody,
  type ListTransactionsQuery,
} from '@moneta/schema';
import type { TransactionRow } from '../../db/schema.js';
import type { Repositories } from '../../db/repositories.js';
import type { AuthContext } from '../../plugins/auth.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import {
  BalanceOverflowError,
  type NewTransaction,
  type TransactionChanges,
} from './transactions.repository.js';
import { writableAccount } from '../accounts/accounts.service.js';
import { refuseOverflow } from '../../db/sqlite-errors.js';
import type { RecordAnswer } from '../../plugins/idempotency.js';

/** The other side of a transfer leg, for its `transfer` field. */
export interface Counterpart {
  row: TransactionRow;
  currency: string;
}

export function toTransaction(
  row: TransactionRow,
  currency: string,
  counterpart?: Counterpart,
): Transaction {
  const decimals = currencyDecimals(currency);
  return {
    id: row.id,
    accountId: row.accountId,
    currency,
    type: row.type,
    amount: formatMinor(row.amount, decimals),
    change: formatMinor(row.delta, decimals),
    title: row.title,
    description: row.description,
    categoryId: row.categoryId,
    date: row.date,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    balanceAfter: formatMinor(row.balanceAfter, decimals),
    cleared: row.cleared,
    reconciled: row.reconciliationId !== null,
    transfer:
      row.transferId !== null && counterpart
        ? {
            id: row.transferId,
            direction: row.delta < 0 ? 'out' : 'in',
            accountId: counterpart.row.accountId,
            amount: formatMinor(counterpart.row.amount, currencyDecimals(counterpart.currency)),
            currency: counterpart.currency,
          }
        : null,
  };
}

/** The opaque keyset cursor: the (date, id) of the last row of a page. */
export function encodeCursor(row: { date: string; id: number }): string {
  return Buffer.from(`${row.date}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { date: string; id: number } {
  const match = /^(\d{4}-\d{2}-\d{2})\|([1-9]\d{0,15})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const id = Number(match?.[2]);
  if (!match?.[1] || !isCalendarDate(match[1]) || !Number.isSafeInteger(id))
    throw badRequest('cursor', 'is not a cursor this API returned');
  return { date: match[1], id };
}

function amountMinor(text: string, currency: string): number {
  const parsed = parseAmount(text, currencyDecimals(currency));
  if (!parsed.ok) throw badRequest('amount', parsed.message);
  return Number(parsed.minor);
}

export class TransactionsService {
  constructor(private readonly repos: Repositories) {}

  /** A category the user owns whose kind matches the transaction's type. */
  private async checkCategory(
    userId: number,
    categoryId: number | null,
    type: 'income' | 'expense',
  ): Promise<void> {
    if (categoryId === null) return;
    const category = await this.repos.categories.find(userId, categoryId);
    if (!category) throw badRequest('categoryId', 'is not one of your categories');
    if (category.kind !== type) {
      throw badRequest(
        'categoryId',
        `"${category.name}" is an ${category.kind} category, not ${type}`,
      );
    }
  }

  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof BalanceOverflowError) {
        throw badRequest('amount', 'would take the balance beyond what can be stored exactly');
      }
      throw error;
    }
  }

  /**
   * The account and category checks run in the write's transaction: neither can be closed,
   * deleted or changed between the check and the insert.
   */
  create(
    auth: AuthContext,
    body: CreateTransactionBody,
    today: string,
    now: string,
    record?: RecordAnswer,
  ): Promise<Transaction> {
    return this.repos.database.transaction(() => this.createInside(auth, body, today, now, record));
  }

  private async createInside(
    auth: AuthContext,
    body: CreateTransactionBody,
    today: string,
    now: string,
    record?: RecordAnswer,
  ): Promise<Transaction> {
    const account = await writableAccount(this.repos, auth.userId, body.accountId);
    const input: NewTransaction = {
      accountId: account.id,
      type: body.type,
      amount: amountMinor(body.amount, account.currency),
      title: body.title,
      description: body.description || null,
      categoryId: body.categoryId ?? null,
      date: body.date ?? today,
    };
    await this.checkCategory(auth.userId, input.categoryId, input.type);
    const row = await this.write(() =>
      this.repos.transactions.create(auth.userId, input, now, async (tx, created) =>
        record?.(tx, 201, toTransaction(created, account.currency)),
      ),
    );
    return toTransaction(row, account.currency);
  }

  /** The currency of each of the user's accounts. */
  private async currencies(userId: number): Promise<Map<number, string>> {
    return new Map((await this.repos.accounts.list(userId)).map((a) => [a.id, a.currency]));
  }

  private async currencyOf(userId: number, accountId: number): Promise<string> {
    const currency = (await this.repos.accounts.find(userId, accountId))?.currency;
    if (!currency) throw new Error(`account ${accountId} of user ${userId} is missing`);
    return currency;
  }

  async get(auth: AuthContext, id: number): Promise<Transaction> {
    const row = await this.repos.transactions.find(auth.userId, id);
    if (!row) throw notFound('Transaction');
    return (await this.present(auth, [row]))[0] as Transaction;
  }

  /** Rows as the API shows them: each in its account's currency, legs with their other side. */
  private async present(
    auth: AuthContext,
    rows: readonly TransactionRow[],
  ): Promise<Transaction[]> {
    const currencies = await this.currencies(auth.userId);
    const currencyOf = (accountId: number) => currencies.get(accountId) ?? auth.currency;
    const others = rows.some((row) => row.transferId !== null)
      ? await this.repos.transfers.counterparts(auth.userId, rows)
      : new Map<number, TransactionRow>();
    return rows.map((row) => {
      const other = others.get(row.id);
      return toTransaction(
        row,
        currencyOf(row.accountId),
        other ? { row: other, currency: currencyOf(other.accountId) } : undefined,
      );
    });
  }

  /** Transfer legs and opening balances change through their own resources. */
  private refuseOwnedRows(row: TransactionRow): void {
    if (row.type === 'transfer') {
      throw conflict(
        `This is one leg of transfer ${row.transferId}: change or delete it at /api/v1/transfers/${row.transferId}.`,
      );
    }
    if (row.type === 'opening') {
      throw conflict(
        `This is the opening balance of account ${row.accountId}: change it at /api/v1/accounts/${row.accountId}.`,
      );
    }
  }

  /** The checks and the write in one transaction, as for create. */
  update(
    auth: AuthContext,
    id: number,
    body: UpdateTransactionBody,
    now: string,
  ): Promise<Transaction> {
    return this.repos.database.transaction(() => this.updateInside(auth, id, body, now));
  }

  private async updateInside(
    auth: AuthContext,
    id: number,
    body: UpdateTransactionBody,
    now: string,
  ): Promise<Transaction> {
    const existing = await this.repos.transactions.find(auth.userId, id);
    if (!existing) throw notFound('Transaction');
    const flagsOnly = Object.keys(body).every((key) => key === 'cleared' || key === 'reconciled');
    if (!flagsOnly) this.refuseOwnedRows(existing);
    const locking =
      body.amount !== undefined ||
      body.date !== undefined ||
      body.type !== undefined ||
      body.accountId !== undefined ||
      body.cleared === false;
    if (existing.reconciliationId !== null && locking && body.reconciled !== false) {
      throw conflict(
        'This transaction is reconciled: its amount, date, type, account and cleared flag are locked. Send "reconciled": false with the change to unlock it.',
        [{ path: 'reconciled', message: 'is locked by a reconciliation' }],
      );
    }
    const changes: TransactionChanges = {};
    if (body.cleared !== undefined) changes.cleared = body.cleared;
    if (body.reconciled === false) changes.reconciliationId = null;
    let currency = await this.currencyOf(auth.userId, existing.accountId);
    if (body.accountId !== undefined && body.accountId !== existing.accountId) {
      const target = await writableAccount(this.repos, auth.userId, body.accountId);
      if (target.currency !== currency && body.amount === undefined) {
        throw badRequest(
          'accountId',
          `"${target.name}" is in ${target.currency}, not ${currency}: send the amount in ${target.currency} with it`,
        );
      }
      changes.accountId = target.id;
      currency = target.currency;
    }
    if (body.type !== undefined) changes.type = body.type;
    if (body.amount !== undefined) changes.amount = amountMinor(body.amount, currency);
    if (body.title !== undefined) changes.title = body.title;
    if (body.description !== undefined) changes.description = body.description || null;
    if (body.categoryId !== undefined) changes.categoryId = body.categoryId;
    if (body.date !== undefined) changes.date = body.date;
    const type = changes.type ?? (existing.type === 'income' ? 'income' : 'expense');
    const categoryId = changes.categoryId !== undefined ? changes.categoryId : existing.categoryId;
    if (changes.type !== undefined || changes.categoryId !== undefined) {
      await this.checkCategory(auth.userId, categoryId, type);
    }
    const row = await this.write(() =>
      this.repos.transactions.update(auth.userId, id, changes, now),
    );
    if (!row) throw notFound('Transaction');
    // Presented as GET shows it: a transfer leg keeps its other side.
    return (await this.present(auth, [row]))[0] as Transaction;
  }

  /** The checks and the delete in one transaction: a lock set in between is respected. */
  delete(auth: AuthContext, id: number): Promise<void> {
    return this.repos.database.transaction(() => this.deleteInside(auth, id));
  }

  private async deleteInside(auth: AuthContext, id: number): Promise<void> {
    const existing = await this.repos.transactions.find(auth.userId, id);
    if (!existing) throw notFound('Transaction');
    this.refuseOwnedRows(existing);
    if (existing.reconciliationId !== null) {
      throw conflict(
        'This transaction is reconciled: unlock it first (PATCH with "reconciled": false), then delete it.',
      );
    }
    const deleted = await refuseOverflow(
      'id',
      'deleting it would take the balance after it beyond what can be stored exactly',
      () => this.repos.transactions.delete(auth.userId, id),
    );
    if (!deleted) throw notFound('Transaction');
  }

  async list(auth: AuthContext, query: ListTransactionsQuery): Promise<TransactionPage> {
    if (
      query.accountId !== undefined &&
      !(await this.repos.accounts.find(auth.userId, query.accountId))
    ) {
      throw notFound('Account');
    }
    const rows = await this.repos.transactions.list(auth.userId, {
      accountId: query.accountId,
      from: query.from,
      to: query.to,
      type: query.type,
      categoryId: query.categoryId,
      q: query.q,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.present(auth, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}
