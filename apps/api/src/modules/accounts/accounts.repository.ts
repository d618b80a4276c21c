import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { sqlAll, type Database } from '../../db/database.js';
import { accounts, imports, transactions, type AccountRow } from '../../db/schema.js';
import { writeLedger, type LedgerTx, type Touched } from '../ledger/ledger.js';

export const DEFAULT_ACCOUNT_NAME = 'Main account';

/** Case- and width-folded name, the key that makes account names unique per user. */
export function accountNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export const OPENING_TITLE = 'Opening balance';

export interface NewAccount {
  name: string;
  kind: AccountRow['kind'];
  currency: string;
  onBudget: boolean;
  openingBalance: number;
  openingDate: string;
  isDefault: boolean;
}

export interface AccountChanges {
  name?: string;
  kind?: AccountRow['kind'];
  currency?: string;
  onBudget?: boolean;
  openingBalance?: number;
  openingDate?: string;
  closedAt?: string | null;
  isDefault?: true;
}

export interface AccountBalances {
  /** As of today. */
  balance: number;
  withUpcoming: number;
  count: number;
}

/** Thrown when an account name is already taken by another of the user's accounts. */
export class DuplicateAccountNameError extends Error {
  override name = 'DuplicateAccountNameError';
}

/**
 * The account's opening balance is a row of its ledger (type `opening`) on the opening date, so
 * running balances, the balance line and reconciliation all see it; no row while it is 0.
 */
async function writeOpening(
  tx: LedgerTx,
  touched: Touched,
  userId: number,
  account: Pick<AccountRow, 'id' | 'openingBalance' | 'openingDate'>,
  now: string,
): Promise<void> {
  const [existing] = await tx
    .select({ id: transactions.id, date: transactions.date })
    .from(transactions)
    .where(and(eq(transactions.accountId, account.id), eq(transactions.type, 'opening')))
    .limit(1);
  if (existing) {
    touched.row(account.id, existing.date, existing.id);
    await tx.delete(transactions).where(eq(transactions.id, existing.id));
  }
  if (account.openingBalance === 0) return;
  const [inserted] = await tx
    .insert(transactions)
    .values({
      userId,
      accountId: account.id,
      type: 'opening',
      amount: Math.abs(account.openingBalance),
      delta: account.openingBalance,
      title: OPENING_TITLE,
      description: null,
      categoryId: null,
      date: account.openingDate,
      balanceAfter: 0,
      searchText: OPENING_TITLE.toLowerCase(),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: transactions.id });
  if (!inserted) throw new Error(`the opening balance of account ${account.id} was not stored`);
  touched.row(account.id, account.openingDate, inserted.id);
}

export class AccountsRepository {
  // Read on every history page, summary and write: planned once, not rebuilt per request.
  private readonly listQuery;
  private readonly findQuery;
  private readonly defaultQuery;
  /** Read by every summary (and so every dashboard load): prepared once too. */
  private readonly balancesOnQuery;

  constructor(private readonly database: Database) {
    const userId = eq(accounts.userId, sql.placeholder('userId'));
    this.listQuery = database.prepared((db) =>
      db.select().from(accounts).where(userId).orderBy(asc(accounts.id)).prepare(),
    );
    this.findQuery = database.prepared((db) =>
      db
        .select()
        .from(accounts)
        .where(and(userId, eq(accounts.id, sql.placeholder('id'))))
        .prepare(),
    );
    this.balancesOnQuery = database.prepared((db) =>
      db
        .select({
          accountId: accounts.id,
          balance: sql<number | null>`(SELECT balance_after FROM transactions
            WHERE transactions.account_id = accounts.id
              AND transactions.date <= ${sql.placeholder('today')}
            ORDER BY transactions.date DESC, transactions.id DESC LIMIT 1)`,
        })
        .from(accounts)
        .where(userId)
        .prepare(),
    );
    this.defaultQuery = database.prepared((db) =>
      db
        .select()
        .from(accounts)
        .where(and(userId, eq(accounts.isDefault, true)))
        .prepare(),
    );
  }

  async list(userId: number): Promise<AccountRow[]> {
    return this.listQuery().all({ userId });
  }

  async find(userId: number, id: number): Promise<AccountRow | undefined> {
    return this.findQuery().get({ userId, id });
  }

  async defaultAccount(userId: number): Promise<AccountRow | undefined> {
    return this.defaultQuery().get({ userId });
  }

  /**
   * Every account's balance as of `today` alone: one index probe per account. The summary and net
   * worth need no more (the row count below scans each account's rows: 80 ms at 1M).
   */
  async balancesOn(userId: number, today: string): Promise<Map<number, number>> {
    const rows = this.balancesOnQuery().all({ userId, today });
    return new Map(rows.map((row) => [row.accountId, row.balance ?? 0]));
  }

  /** The balance of every account today and with future-dated rows, and its row count. */
  async balances(userId: number, today: string): Promise<Map<number, AccountBalances>> {
    const rows = await sqlAll<{
      accountId: number;
      balance: number | null;
      withUpcoming: number | null;
      count: number;
    }>(
      this.database.reader(),
      sql`
      SELECT a.id AS accountId,
        (SELECT balance_after FROM transactions t WHERE t.account_id = a.id AND t.date <= ${today}
          ORDER BY t.date DESC, t.id DESC LIMIT 1) AS balance,
        (SELECT balance_after FROM transactions t WHERE t.account_id = a.id
          ORDER BY t.date DESC, t.id DESC LIMIT 1) AS withUpcoming,
        (SELECT COUNT(*) FROM transactions t WHERE t.account_id = a.id AND t.type <> 'opening') AS count
      FROM accounts a WHERE a.user_id = ${userId}
    `,
    );
    return new Map(
      rows.map((row) => [
        row.accountId,
        { balance: row.balance ?? 0, withUpcoming: row.withUpcoming ?? 0, count: row.count },
      ]),
    );
  }

  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: NewAccount,
    now: string,
    within?: (tx: LedgerTx, account: AccountRow) => Promise<void>,
  ): Promise<AccountRow> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        if (await this.nameTaken(tx, userId, input.name)) throw new DuplicateAccountNameError();
        if (input.isDefault) {
          await tx
            .update(accounts)
            .set({ isDefault: false })
            .where(and(eq(accounts.userId, userId), eq(accounts.isDefault, true)));
        }
        const [account] = await tx
          .insert(accounts)
          .values({
            ...input,
            userId,
            nameKey: accountNameKey(input.name),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!account) throw new Error(`account ${input.name} was not stored`);
        await writeOpening(tx, touched, userId, account, now);
        return account;
      },
      async (tx, account) => {
        await within?.(tx, account);
        return account;
      },
    );
  }

  /** Applies the changes; undefined when the user has no such account. */
  update(
    userId: number,
    id: number,
    changes: AccountChanges,
    now: string,
  ): Promise<AccountRow | undefined> {
    return writeLedger(this.database, userId, async (tx, touched) => {
      const [before] = await tx
        .select()
        .from(accounts)
        .where(and(eq(accounts.userId, userId), eq(accounts.id, id)))
        .limit(1);
      if (!before) return undefined;
      if (changes.name !== undefined && (await this.nameTaken(tx, userId, changes.name, id))) {
        throw new DuplicateAccountNameError();
      }
      if (changes.isDefault) {
        await tx
          .update(accounts)
          .set({ isDefault: false })
          .where(and(eq(accounts.userId, userId), eq(accounts.isDefault, true)));
      }
      const [after] = await tx
        .update(accounts)
        .set({
          ...changes,
          ...(changes.name !== undefined ? { nameKey: accountNameKey(changes.name) } : {}),
          updatedAt: now,
        })
        .where(eq(accounts.id, id))
        .returning();
      if (!after) return undefined;
      if (
        after.openingBalance !== before.openingBalance ||
        after.openingDate !== before.openingDate
      ) {
        await writeOpening(tx, touched, userId, after, now);
      }
      return after;
    });
  }

  /** Whether the account's opening balance row is locked by a reconciliation. */
  async openingReconciled(accountId: number): Promise<boolean> {
    const [row] = await this.database
      .reader()
      .select({ reconciliationId: transactions.reconciliationId })
      .from(transactions)
      .where(and(eq(transactions.accountId, accountId), eq(transactions.type, 'opening')))
      .limit(1);
    return row?.reconciliationId != null;
  }

  /** Rows other than the opening balance: an account with any is closed, not deleted. */
  async hasTransactions(accountId: number): Promise<boolean> {
    const found = await this.database
      .reader()
      .select({ id: transactions.id })
      .from(transactions)
      .where(and(eq(transactions.accountId, accountId), ne(transactions.type, 'opening')))
      .limit(1);
    return found.length > 0;
  }

  /** Deletes an account with no transactions but its opening balance. */
  delete(userId: number, id: number): Promise<boolean> {
    return writeLedger(this.database, userId, async (tx) => {
      const [found] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.userId, userId), eq(accounts.id, id)))
        .limit(1);
      if (!found) return false;
      await tx.delete(transactions).where(eq(transactions.accountId, id));
      // Imports whose rows were all deleted or undone keep their record, without the account.
      await tx.update(imports).set({ accountId: null }).where(eq(imports.accountId, id));
      await tx.delete(accounts).where(eq(accounts.id, id));
      return true;
    });
  }

  private async nameTaken(
    tx: LedgerTx,
    userId: number,
    name: string,
    except?: number,
  ): Promise<boolean> {
    const [found] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.userId, userId), eq(accounts.nameKey, accountNameKey(name))))
      .limit(1);
    return found !== undefined && found.id !== except;
  }
}
