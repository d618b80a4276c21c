import { and, asc, eq, inArray } from 'drizzle-orm';
import { searchTextOf } from '@moneta/schema';
import type { Database, Tx } from '../../db/database.js';
import { transactions, transfers, type TransactionRow } from '../../db/schema.js';
import { writeLedger, type LedgerTx, type Touched } from '../ledger/ledger.js';

/** Both sides of a transfer as the ledger holds them: the from (out) and the to (in) leg. */
export interface TransferRows {
  id: number;
  createdAt: string;
  from: TransactionRow;
  to: TransactionRow;
}

export interface LegInput {
  accountId: number;
  amount: number;
  title: string;
}

export interface TransferInput {
  date: string;
  description: string | null;
  from: LegInput;
  to: LegInput;
}

function legValues(
  userId: number,
  transferId: number,
  input: TransferInput,
  side: 'from' | 'to',
): Omit<typeof transactions.$inferInsert, 'createdAt' | 'updatedAt'> {
  const leg = input[side];
  return {
    userId,
    accountId: leg.accountId,
    transferId,
    type: 'transfer',
    amount: leg.amount,
    delta: side === 'from' ? -leg.amount : leg.amount,
    title: leg.title,
    description: input.description,
    categoryId: null,
    date: input.date,
    balanceAfter: 0,
    searchText: searchTextOf(leg.title, input.description),
  };
}

/** The two legs of each transfer, the out leg (negative delta) as `from`. */
async function readTransfers(
  tx: Pick<Tx, 'select'>,
  userId: number,
  ids: number[],
): Promise<TransferRows[]> {
  if (ids.length === 0) return [];
  const legs = await tx
    .select()
    .from(transactions)
    .where(and(eq(transactions.userId, userId), inArray(transactions.transferId, ids)))
    .orderBy(asc(transactions.id));
  const headers = await tx
    .select()
    .from(transfers)
    .where(and(eq(transfers.userId, userId), inArray(transfers.id, ids)));
  return headers.flatMap((header) => {
    const own = legs.filter((leg) => leg.transferId === header.id);
    const from = own.find((leg) => leg.delta < 0);
    const to = own.find((leg) => leg.delta > 0);
    return from && to ? [{ id: header.id, createdAt: header.createdAt, from, to }] : [];
  });
}

export class TransfersRepository {
  constructor(private readonly database: Database) {}

  async find(userId: number, id: number): Promise<TransferRows | undefined> {
    return (await readTransfers(this.database.reader(), userId, [id]))[0];
  }

  /** The other leg of each transfer leg given, by the leg's id. */
  async counterparts(
    userId: number,
    legs: readonly TransactionRow[],
  ): Promise<Map<number, TransactionRow>> {
    const ids = [
      ...new Set(legs.flatMap((leg) => (leg.transferId === null ? [] : [leg.transferId]))),
    ];
    const result = new Map<number, TransactionRow>();
    if (ids.length === 0) return result;
    const rows = await this.database
      .reader()
      .select()
      .from(transactions)
      .where(and(eq(transactions.userId, userId), inArray(transactions.transferId, ids)));
    for (const leg of legs) {
      const other = rows.find((row) => row.transferId === leg.transferId && row.id !== leg.id);
      if (other) result.set(leg.id, other);
    }
    return result;
  }

  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: TransferInput,
    now: string,
    within?: (tx: LedgerTx, created: TransferRows) => Promise<void>,
  ): Promise<TransferRows> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        const [header] = await tx
          .insert(transfers)
          .values({ userId, createdAt: now })
          .returning({ id: transfers.id });
        if (!header) throw new Error('the transfer was not stored');
        for (const side of ['from', 'to'] as const) {
          const [leg] = await tx
            .insert(transactions)
            .values({
              ...legValues(userId, header.id, input, side),
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: transactions.id });
          if (!leg) throw new Error(`the ${side} leg of transfer ${header.id} was not stored`);
          touched.row(input[side].accountId, input.date, leg.id);
        }
        return header.id;
      },
      async (tx, id) => {
        const created = (await readTransfers(tx, userId, [id]))[0];
        if (!created) throw new Error(`transfer ${id} vanished inside its own write`);
        await within?.(tx, created);
        return created;
      },
    );
  }

  /** Rewrites both legs; undefined when the user has no such transfer. */
  update(
    userId: number,
    id: number,
    input: TransferInput,
    now: string,
  ): Promise<TransferRows | undefined> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        const before = (await readTransfers(tx, userId, [id]))[0];
        if (!before) return false;
        for (const side of ['from', 'to'] as const) {
          const leg = before[side];
          touched.row(leg.accountId, leg.date, leg.id);
          const values = legValues(userId, id, input, side);
          await tx
            .update(transactions)
            .set({ ...values, updatedAt: now })
            .where(eq(transactions.id, leg.id));
          touched.row(input[side].accountId, input.date, leg.id);
        }
        return true;
      },
      async (tx, found) => (found ? (await readTransfers(tx, userId, [id]))[0] : undefined),
    );
  }

  /** Deletes both legs; false when the user has no such transfer. */
  delete(userId: number, id: number): Promise<boolean> {
    return writeLedger(this.database, userId, async (tx, touched) => {
      const found = (await readTransfers(tx, userId, [id]))[0];
      if (!found) return false;
      await deleteLegs(tx, touched, found);
      await tx.delete(transfers).where(eq(transfers.id, id));
      return true;
    });
  }
}

async function deleteLegs(tx: LedgerTx, touched: Touched, found: TransferRows): Promise<void> {
  for (const leg of [found.from, found.to]) {
    touched.row(leg.accountId, leg.date, leg.id);
    await tx.delete(transactions).where(eq(transactions.id, leg.id));
  }
}
