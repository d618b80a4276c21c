import { and, asc, eq, inArray } from 'drizzle-orm';
import { searchTextOf } from '@moneta/schema';
import type { Db } from '../../db/client.js';
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
function readTransfers(tx: Pick<Db, 'select'>, userId: number, ids: number[]): TransferRows[] {
  if (ids.length === 0) return [];
  const legs = tx
    .select()
    .from(transactions)
    .where(and(eq(transactions.userId, userId), inArray(transactions.transferId, ids)))
    .orderBy(asc(transactions.id))
    .all();
  const headers = tx
    .select()
    .from(transfers)
    .where(and(eq(transfers.userId, userId), inArray(transfers.id, ids)))
    .all();
  return headers.flatMap((header) => {
    const own = legs.filter((leg) => leg.transferId === header.id);
    const from = own.find((leg) => leg.delta < 0);
    const to = own.find((leg) => leg.delta > 0);
    return from && to ? [{ id: header.id, createdAt: header.createdAt, from, to }] : [];
  });
}

export class TransfersRepository {
  constructor(private readonly db: Db) {}

  find(userId: number, id: number): TransferRows | undefined {
    return readTransfers(this.db, userId, [id])[0];
  }

  /** The other leg of each transfer leg given, by the leg's id. */
  counterparts(userId: number, legs: readonly TransactionRow[]): Map<number, TransactionRow> {
    const ids = [
      ...new Set(legs.flatMap((leg) => (leg.transferId === null ? [] : [leg.transferId]))),
    ];
    const result = new Map<number, TransactionRow>();
    if (ids.length === 0) return result;
    const rows = this.db
      .select()
      .from(transactions)
      .where(and(eq(transactions.userId, userId), inArray(transactions.transferId, ids)))
      .all();
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
    within?: (tx: LedgerTx, created: TransferRows) => void,
  ): TransferRows {
    return writeLedger(
      this.db,
      userId,
      (tx, touched) => {
        const header = tx
          .insert(transfers)
          .values({ userId, createdAt: now })
          .returning({ id: transfers.id })
          .get();
        for (const side of ['from', 'to'] as const) {
          const leg = tx
            .insert(transactions)
            .values({
              ...legValues(userId, header.id, input, side),
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: transactions.id })
            .get();
          touched.row(input[side].accountId, input.date, leg.id);
        }
        return header.id;
      },
      (tx, id) => {
        const created = readTransfers(tx, userId, [id])[0];
        if (!created) throw new Error(`transfer ${id} vanished inside its own write`);
        within?.(tx, created);
        return created;
      },
    );
  }

  /** Rewrites both legs; undefined when the user has no such transfer. */
  update(userId: number, id: number, input: TransferInput, now: string): TransferRows | undefined {
    return writeLedger(
      this.db,
      userId,
      (tx, touched) => {
        const before = readTransfers(tx, userId, [id])[0];
        if (!before) return false;
        for (const side of ['from', 'to'] as const) {
          const leg = before[side];
          touched.row(leg.accountId, leg.date, leg.id);
          const values = legValues(userId, id, input, side);
          tx.update(transactions)
            .set({ ...values, updatedAt: now })
            .where(eq(transactions.id, leg.id))
            .run();
          touched.row(input[side].accountId, input.date, leg.id);
        }
        return true;
      },
      (tx, found) => (found ? readTransfers(tx, userId, [id])[0] : undefined),
    );
  }

  /** Deletes both legs; false when the user has no such transfer. */
  delete(userId: number, id: number): boolean {
    return writeLedger(this.db, userId, (tx, touched) => {
      const found = readTransfers(tx, userId, [id])[0];
      if (!found) return false;
      deleteLegs(tx, touched, found);
      tx.delete(transfers).where(eq(transfers.id, id)).run();
      return true;
    });
  }
}

function deleteLegs(tx: LedgerTx, touched: Touched, found: TransferRows): void {
  for (const leg of [found.from, found.to]) {
    touched.row(leg.accountId, leg.date, leg.id);
    tx.delete(transactions).where(eq(transactions.id, leg.id)).run();
  }
}
