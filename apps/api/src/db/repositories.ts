import type { Database } from './database.js';
import { SessionsRepository } from '../modules/auth/sessions.repository.js';
import { UsersRepository } from '../modules/auth/users.repository.js';
import { InvitesRepository } from '../modules/auth/invites.repository.js';
import { CategoriesRepository } from '../modules/categories/categories.repository.js';
import { AccountsRepository } from '../modules/accounts/accounts.repository.js';
import { TransfersRepository } from '../modules/transfers/transfers.repository.js';
import { RatesRepository } from '../modules/rates/rates.repository.js';
import { ReconciliationRepository } from '../modules/reconciliation/reconciliation.repository.js';
import { SummaryRepository } from '../modules/summary/summary.repository.js';
import { TransactionsRepository } from '../modules/transactions/transactions.repository.js';
import { TokensRepository } from '../modules/tokens/tokens.repository.js';
import { IdempotencyRepository } from '../modules/idempotency/idempotency.repository.js';
import { ImportsRepository } from '../modules/imports/imports.repository.js';

export function createRepositories(database: Database) {
  const db = database;
  return {
    /** For a check and its write in one transaction: `repos.database.transaction(...)`. */
    database,
    users: new UsersRepository(db),
    invites: new InvitesRepository(db),
    sessions: new SessionsRepository(db),
    categories: new CategoriesRepository(db),
    accounts: new AccountsRepository(db),
    transfers: new TransfersRepository(db),
    rates: new RatesRepository(db),
    reconciliation: new ReconciliationRepository(db),
    transactions: new TransactionsRepository(db),
    summary: new SummaryRepository(db),
    tokens: new TokensRepository(db),
    idempotency: new IdempotencyRepository(db),
    imports: new ImportsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
